# Copyright 2026 Production Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Production Performance Appraisal",
    "summary": "Appraisal sheets, cycles, multi-rater scoring, approvals, calibration, appeals",
    "version": "19.0.1.0.0",
    "category": "Manufacturing/Production Management",
    "website": "https://github.com/mfg-suite/production-management",
    "author": "Production Management Suite contributors",
    "maintainers": ["mfg-suite"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "application": True,
    "installable": True,
    "depends": ["mfg_org", "mfg_kpi", "base_tier_validation", "hr", "mail"],
    "data": [
        "security/mfg_appraisal_security.xml",
        "security/ir.model.access.csv",
        "security/mfg_appraisal_rules.xml",
        "data/ir_cron_data.xml",
        "views/mfg_appraisal_menus.xml",
        "views/mfg_appraisal_template_views.xml",
        "views/mfg_appraisal_cycle_views.xml",
        "views/mfg_appraisal_views.xml",
        "views/mfg_appraisal_rater_views.xml",
        "views/mfg_appraisal_appeal_views.xml",
        "views/mfg_appraisal_exclusion_views.xml",
        "wizard/mfg_appraisal_calibration_wizard_views.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "mfg_appraisal/static/tests/tours/**/*",
        ],
    },
}
