from . import mfg_appraisal_cycle_xlsx, report_appraisal, report_appraisal_cycle
