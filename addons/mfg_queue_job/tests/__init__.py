from . import test_background
from . import test_job_batch_api
from . import test_appraisal_steps_api
