# Copyright 2026 Production Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Production KPIs: Warehouse",
    "summary": "Warehouse KPIs from Inventory: count accuracy, movement errors, stock losses, "
    "safety stock and near-expiry inspection timeliness",
    "version": "19.0.1.2.0",
    "category": "Manufacturing/Production Management",
    "website": "https://github.com/mfg-suite/production-management",
    "author": "Production Management Suite contributors",
    "maintainers": ["mfg-suite"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": ["mfg_kpi", "mfg_org", "stock", "mfg_stock_expiry"],
    "data": [
        "security/ir.model.access.csv",
        "security/mfg_kpi_stock_rules.xml",
        "data/mfg_kpi_data.xml",
        "views/stock_warehouse_views.xml",
        "views/stock_move_views.xml",
        "views/stock_warehouse_orderpoint_views.xml",
        "views/mfg_kpi_value_views.xml",
    ],
    "auto_install": True,
    "post_init_hook": "post_init_hook",
}
