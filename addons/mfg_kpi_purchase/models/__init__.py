from . import (
    mfg_kpi,
    mfg_kpi_provider,
    purchase_order,
    purchase_order_line,
    res_company,
    res_config_settings,
)
