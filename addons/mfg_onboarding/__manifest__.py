# Copyright 2026 Production Management Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Production Management: Onboarding Assistant",
    "summary": "Checklist of what the suite needs in an existing Odoo, each item one click away",
    "version": "19.0.1.0.0",
    "category": "Manufacturing/Production Management",
    "website": "https://github.com/mfg-suite/production-management",
    "author": "Production Management Suite contributors",
    "maintainers": ["mfg-suite"],
    "license": "AGPL-3",
    "development_status": "Beta",
    "depends": ["mfg_org", "mfg_appraisal", "mfg_kpi_mrp", "mfg_kpi_stock", "mfg_kpi_hr"],
    "data": [
        "security/ir.model.access.csv",
        "views/mfg_onboarding_views.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "mfg_onboarding/static/tests/tours/*.js",
        ],
    },
}
