# Copyright 2026 Production Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Production KPI Library",
    "summary": "KPI library, targets, periods and measured values fed by pluggable providers",
    "version": "19.0.1.4.0",
    "category": "Manufacturing/Production Management",
    "website": "https://github.com/mfg-suite/production-management",
    "author": "Production Management Suite contributors",
    "maintainers": ["mfg-suite"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "application": True,
    "installable": True,
    "depends": ["hr", "mail"],
    "post_load": "post_load",
    "data": [
        "security/mfg_kpi_security.xml",
        "security/ir.model.access.csv",
        "security/mfg_kpi_rules.xml",
        "data/mfg_kpi_source_data.xml",
        "data/mfg_kpi_data.xml",
        "data/ir_cron_data.xml",
        "views/mfg_kpi_menus.xml",
        "wizard/mfg_kpi_compute_wizard_views.xml",
        "views/mfg_kpi_views.xml",
        "views/mfg_kpi_source_views.xml",
        "views/mfg_kpi_period_views.xml",
        "views/mfg_kpi_target_views.xml",
        "views/mfg_kpi_value_views.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "mfg_kpi/static/tests/tours/**/*",
        ],
    },
}
