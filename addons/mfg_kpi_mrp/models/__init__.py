from . import (
    mfg_kpi,
    mfg_kpi_provider,
    mrp_production,
    mrp_workcenter,
    mrp_workcenter_productivity,
    mrp_workorder,
    stock_move,
)
