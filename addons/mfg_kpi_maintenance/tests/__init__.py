from . import test_equipment, test_preventive, test_query_count, test_repairs
