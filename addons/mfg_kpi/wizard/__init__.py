from . import mfg_kpi_compute_wizard
