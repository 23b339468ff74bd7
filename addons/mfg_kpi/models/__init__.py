from . import (
    mfg_kpi,
    mfg_kpi_period,
    mfg_kpi_provider,
    mfg_kpi_source,
    mfg_kpi_target,
    mfg_kpi_value,
    res_company,
)
