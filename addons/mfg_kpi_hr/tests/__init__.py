from . import test_attendance, test_leave, test_query_count, test_turnover
