# Copyright 2026 Production Management Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Production Safety Management",
    "summary": "Safety inspections, hazards and their rectification, incidents and injuries, "
    "unsafe acts, protective equipment and the safety KPIs",
    "version": "19.0.1.0.0",
    "category": "Manufacturing/Production Management",
    "website": "https://github.com/mfg-suite/production-management",
    "author": "Production Management Suite contributors",
    "maintainers": ["mfg-suite"],
    "license": "AGPL-3",
    "development_status": "Beta",
    "application": False,
    "installable": True,
    "depends": ["mfg_org", "mfg_kpi", "mfg_duty", "maintenance", "hr"],
    "data": [
        "security/mfg_safety_security.xml",
        "security/ir.model.access.csv",
        "security/mfg_safety_rules.xml",
        "data/ir_sequence_data.xml",
        "data/mail_activity_type_data.xml",
        "data/ir_cron_data.xml",
        "data/mfg_kpi_data.xml",
        "views/mfg_safety_menus.xml",
        "views/mfg_safety_area_views.xml",
        "views/mfg_safety_inspection_plan_views.xml",
        "views/mfg_safety_inspection_views.xml",
        "views/mfg_safety_hazard_views.xml",
        "views/mfg_safety_incident_views.xml",
        "views/mfg_safety_unsafe_act_views.xml",
        "views/mfg_safety_ppe_type_views.xml",
        "views/mfg_safety_ppe_issue_views.xml",
        "views/res_company_views.xml",
        "report/mfg_safety_incident_report.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "mfg_safety/static/tests/tours/**/*",
        ],
    },
}
