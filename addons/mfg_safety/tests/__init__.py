from . import test_hazard
from . import test_incident
from . import test_inspection
from . import test_ppe
from . import test_kpi_providers
from . import test_query_count
from . import test_security_api
from . import test_ui
