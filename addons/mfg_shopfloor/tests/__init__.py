from . import test_kiosk_identify
from . import test_kiosk_checklist
from . import test_kiosk_results
from . import test_kiosk_team
from . import test_ui
