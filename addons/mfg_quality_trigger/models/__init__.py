from . import (
    mfg_qc_inspection_source,
    mfg_qc_trigger_rule,
    mrp_production,
    qc_inspection,
    res_company,
    res_config_settings,
    stock_move,
    stock_picking,
)
