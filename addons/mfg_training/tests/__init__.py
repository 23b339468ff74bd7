from . import test_training
from . import test_appraisal_training
from . import test_kpi_providers
from . import test_query_count
from . import test_security_api
from . import test_ui
from . import test_certificate_reminder
