from . import test_kiosk_identify
from . import test_kiosk_checklist
from . import test_kiosk_results
from . import test_kiosk_team
from . import test_ui
from . import test_kiosk_self_assessment
from . import test_kiosk_values
from . import test_kiosk_lang
