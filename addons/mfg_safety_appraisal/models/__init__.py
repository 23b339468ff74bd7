from . import mfg_appraisal_exclusion
