# Copyright 2026 Production Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Production KPIs: Satisfaction Surveys",
    "summary": "Satisfaction scores (满意度评分) from Odoo surveys launched per period to the right "
    "respondents, averaged per subject",
    "version": "19.0.1.0.0",
    "category": "Manufacturing/Production Management",
    "website": "https://github.com/mfg-suite/production-management",
    "author": "Production Management Suite contributors",
    "maintainers": ["mfg-suite"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "application": False,
    "installable": True,
    "auto_install": True,
    "depends": ["mfg_kpi", "mfg_org", "survey"],
    "data": [
        "security/ir.model.access.csv",
        "security/mfg_kpi_survey_rules.xml",
        "data/survey_survey_data.xml",
        "data/mfg_kpi_survey_rule_data.xml",
        "data/mail_activity_type_data.xml",
        "views/mfg_kpi_survey_rule_views.xml",
        "views/mfg_kpi_survey_campaign_views.xml",
        "views/survey_user_input_views.xml",
        "views/survey_templates.xml",
        "wizard/mfg_kpi_survey_launch_views.xml",
        "views/mfg_kpi_survey_menus.xml",
    ],
    "uninstall_hook": "uninstall_hook",
}
