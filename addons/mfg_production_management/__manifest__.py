# Copyright 2026 Production Management Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Production Management Suite",
    "summary": "One-click install of the Production Management Suite, with a demo factory",
    "version": "19.0.1.0.0",
    "category": "Manufacturing/Production Management",
    "website": "https://github.com/mfg-suite/production-management",
    "author": "Production Management Suite contributors",
    "maintainers": ["mfg-suite"],
    "license": "AGPL-3",
    "development_status": "Beta",
    "application": True,
    "installable": True,
    "depends": [
        "mfg_kpi",
        "mfg_org",
        "mfg_duty",
        "mfg_appraisal",
        "mfg_kpi_mrp",
        "mfg_kpi_purchase",
        "mfg_purchase_rfq_rule",
        "mfg_kpi_stock",
        "mfg_kpi_hr",
        "mfg_kpi_maintenance",
        "mfg_kpi_quality",
        "mfg_duty_maintenance",
        "mfg_duty_quality",
    ],
    "demo": [
        "demo/res_users_demo.xml",
        "demo/mfg_factory_demo.xml",
    ],
}
