from . import test_answers, test_generation, test_kpi, test_overdue, test_periods, test_security
from . import test_delivery_kpi
from . import test_delivery_security_api
