from . import test_appraisal_scoring
from . import test_appraisal_workflow
