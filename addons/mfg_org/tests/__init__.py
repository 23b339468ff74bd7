from . import (
    test_access,
    test_constraints,
    test_job_mapping,
    test_org_data,
    test_position_report,
    test_probation,
)
