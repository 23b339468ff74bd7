from . import (
    test_equipment,
    test_history_backfill,
    test_material_scrap_rework,
    test_mrp_production,
    test_plan_completion,
    test_query_count,
    test_subject_level,
    test_value,
    test_workorders,
)
