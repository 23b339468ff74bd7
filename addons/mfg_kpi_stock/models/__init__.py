from . import (
    mfg_kpi,
    mfg_kpi_provider,
    stock_lot,
    stock_move,
    stock_picking,
    stock_quant,
    stock_warehouse,
    stock_warehouse_orderpoint,
)
