from . import mfg_appraisal_calibration_wizard
from . import mfg_appraisal_correction_wizard
from . import mfg_appraisal_on_behalf_wizard
from . import mfg_appraisal_kpi_correction_wizard
