from . import hr_employee, mfg_kpi_provider, qc_inspection
