from . import (
    mfg_kpi,
    mfg_kpi_provider,
    mfg_kpi_provider_equipment,
    mfg_kpi_provider_value,
    mrp_production,
    mrp_workcenter,
    mrp_workcenter_productivity,
    mrp_workcenter_productivity_loss,
    mrp_workorder,
    stock_move,
)
