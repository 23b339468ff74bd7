from . import (
    hr_department,
    hr_employee,
    hr_job,
    mfg_duty,
    mfg_function,
    mfg_job_kpi,
    mfg_owned_mixin,
    res_company,
)
