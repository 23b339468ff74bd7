from . import test_access, test_helpers, test_kpis, test_query_count
from . import test_complaint_api
