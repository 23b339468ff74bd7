from . import mfg_appraisal_calibration_wizard
