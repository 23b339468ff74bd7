from . import (
    maintenance_equipment,
    maintenance_equipment_category,
    maintenance_request,
    mfg_kpi_provider,
    res_company,
    res_config_settings,
)
