# Copyright 2026 Production Management Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Production KPIs: Quality",
    "summary": "Inspections on receipts, manufacturing orders and deliveries; pass rates, "
    "nonconformity handling and inspector KPIs",
    "version": "19.0.1.0.0",
    "category": "Manufacturing/Production Management",
    "website": "https://github.com/mfg-suite/production-management",
    "author": "Production Management Suite contributors",
    "maintainers": ["mfg-suite"],
    "license": "AGPL-3",
    "development_status": "Beta",
    "application": False,
    "installable": True,
    "depends": ["mfg_kpi", "quality_control_oca", "stock", "mrp"],
    "data": [
        "security/ir.model.access.csv",
        "security/mfg_kpi_quality_rules.xml",
        "data/mfg_kpi_data.xml",
        "views/mfg_qc_trigger_rule_views.xml",
        "views/qc_inspection_views.xml",
        "views/stock_picking_views.xml",
        "views/mrp_production_views.xml",
        "views/res_config_settings_views.xml",
    ],
}
