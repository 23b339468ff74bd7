from . import test_mfg_kpi_period, test_mfg_kpi_provider, test_mfg_kpi_value
from . import test_mfg_kpi_ui
from . import test_kpi_library
from . import test_mfg_kpi_lock_api
from . import test_mfg_kpi_delete
from . import test_mfg_kpi_computation
from . import test_mfg_kpi_aggregation
from . import test_mfg_kpi_manual_due
from . import test_mfg_kpi_store_together
