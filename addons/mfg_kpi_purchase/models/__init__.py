from . import (
    mfg_kpi,
    mfg_kpi_provider,
    purchase_order,
    purchase_order_line,
)
