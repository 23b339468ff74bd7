from . import (
    test_equipment,
    test_install_history,
    test_ledger_tools,
    test_preventive,
    test_query_count,
    test_repairs,
)
