# Copyright 2026 Production Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Production Duty Checklists",
    "summary": "Recurring duty checklists per position, generated per employee and period",
    "version": "19.0.1.2.0",
    "category": "Manufacturing/Production Management",
    "website": "https://github.com/mfg-suite/production-management",
    "author": "Production Management Suite contributors",
    "maintainers": ["mfg-suite"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": ["mfg_kpi", "mfg_org", "mail"],
    "data": [
        "security/mfg_duty_security.xml",
        "security/ir.model.access.csv",
        "security/mfg_duty_rules.xml",
        "data/mail_activity_type_data.xml",
        "data/mfg_kpi_data.xml",
        "data/ir_cron_data.xml",
        "views/mfg_duty_menus.xml",
        "views/mfg_duty_template_views.xml",
        "views/mfg_duty_run_item_views.xml",
        "views/mfg_duty_run_views.xml",
    ],
    "demo": [
        "demo/mfg_duty_template_demo.xml",
        "demo/mfg_duty_delivery_demo.xml",
    ],
}
