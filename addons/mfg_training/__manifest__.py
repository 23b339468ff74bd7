# Copyright 2026 Production Management Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Production Training",
    "summary": "Training plans per period and department, sessions with attendance, exam "
    "results and certificates on OCA hr_course; training KPIs; appraisal training proposals",
    "version": "19.0.1.0.0",
    "category": "Manufacturing/Production Management",
    "website": "https://github.com/mfg-suite/production-management",
    "author": "Production Management Suite contributors",
    "maintainers": ["mfg-suite"],
    "license": "AGPL-3",
    "development_status": "Beta",
    "application": False,
    "installable": True,
    "depends": ["hr_course", "mfg_kpi", "mfg_appraisal", "hr", "mail"],
    "data": [
        "security/mfg_training_security.xml",
        "security/ir.model.access.csv",
        "security/mfg_training_rules.xml",
        "data/hr_course_category_data.xml",
        "data/mail_activity_type_data.xml",
        "data/ir_cron_data.xml",
        "views/mfg_training_menus.xml",
        "views/hr_course_views.xml",
        "views/hr_course_schedule_views.xml",
        "views/hr_course_attendee_views.xml",
        "views/mfg_training_plan_views.xml",
        "views/mfg_training_need_views.xml",
        "views/mfg_appraisal_views.xml",
    ],
    "demo": ["demo/mfg_training_demo.xml"],
    "assets": {
        "web.assets_tests": [
            "mfg_training/static/tests/tours/**/*",
        ],
    },
}
