from . import hr_job, mfg_duty, mfg_function, mfg_job_kpi
