# Copyright 2026 Production Management Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Quality Inspection Triggers",
    "summary": "Create quality inspections when receipts, deliveries and manufacturing orders "
    "are done",
    "version": "19.0.1.0.0",
    "category": "Manufacturing/Production Management",
    "website": "https://github.com/mfg-suite/production-management",
    "author": "Production Management Suite contributors",
    "maintainers": ["mfg-suite"],
    "license": "AGPL-3",
    "development_status": "Beta",
    "application": False,
    "installable": True,
    "depends": ["hr", "quality_control_oca", "stock", "mrp"],
    "data": [
        "security/ir.model.access.csv",
        "security/mfg_qc_trigger_rule_rules.xml",
        "views/mfg_qc_trigger_rule_views.xml",
        "views/qc_inspection_views.xml",
        "views/stock_picking_views.xml",
        "views/mrp_production_views.xml",
        "views/res_config_settings_views.xml",
    ],
    "pre_init_hook": "pre_init_hook",
}
