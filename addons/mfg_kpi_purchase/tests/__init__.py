from . import test_history_backfill, test_kpi_providers, test_order_errors, test_query_count
