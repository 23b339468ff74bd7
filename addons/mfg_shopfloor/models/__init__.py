from . import hr_department
from . import mfg_shopfloor_attempt
from . import mfg_shopfloor_session
from . import mfg_duty_run_item
from . import res_company
from . import res_config_settings
