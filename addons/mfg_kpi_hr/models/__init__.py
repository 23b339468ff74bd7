from . import hr_employee, mfg_kpi_provider, res_company, res_config_settings
