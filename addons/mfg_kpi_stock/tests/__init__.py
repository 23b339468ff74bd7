from . import (
    test_history_backfill,
    test_kpi_providers,
    test_near_expiry,
    test_on_time_delivery,
    test_query_count,
    test_warehouse_owner,
)
