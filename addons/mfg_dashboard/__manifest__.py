# Copyright 2026 Production Management Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Production Dashboards",
    "summary": "Production cockpit and HR appraisal dashboard (Community spreadsheet "
    "dashboards) with graph and pivot analyses of KPIs against their targets",
    "version": "19.0.1.0.0",
    "category": "Manufacturing/Production Management",
    "website": "https://github.com/mfg-suite/production-management",
    "author": "Production Management Suite contributors",
    "maintainers": ["mfg-suite"],
    "license": "AGPL-3",
    "development_status": "Beta",
    "application": False,
    "installable": True,
    "depends": [
        "spreadsheet_dashboard",
        "mfg_kpi",
        "mfg_kpi_maintenance",
        "mfg_kpi_mrp",
        "mfg_kpi_quality",
        "mfg_duty",
        "mfg_safety",
        "mfg_appraisal",
    ],
    "data": [
        "data/mfg_dashboard_data.xml",
        "views/mfg_dashboard_views.xml",
    ],
    "demo": [
        "demo/mfg_kpi_target_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "mfg_dashboard/static/tests/tours/**/*",
        ],
    },
}
