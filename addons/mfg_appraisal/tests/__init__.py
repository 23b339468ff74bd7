from . import test_appraisal_scoring
