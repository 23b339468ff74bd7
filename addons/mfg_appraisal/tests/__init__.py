from . import test_appraisal_scoring
from . import test_appraisal_workflow
from . import test_appraisal_director
from . import test_appraisal_team
from . import test_appraisal_cycle
from . import test_appraisal_ui
from . import test_reports
from . import test_seed_sheets
