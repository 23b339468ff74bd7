from . import mfg_job_batch
from . import mfg_job_batch_mixin
from . import queue_job
from . import mfg_kpi_period
from . import mfg_kpi_compute_wizard
from . import mfg_kpi_provider
from . import mfg_appraisal
from . import mfg_appraisal_cycle
