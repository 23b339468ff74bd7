from . import mfg_job_mapping, mfg_job_mapping_line
