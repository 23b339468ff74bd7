# Copyright 2026 Production Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Production Organisation",
    "summary": "Department functions and duties, positions with reporting line, duties and KPIs",
    "version": "19.0.1.2.0",
    "category": "Manufacturing/Production Management",
    "website": "https://github.com/mfg-suite/production-management",
    "author": "Production Management Suite contributors",
    "maintainers": ["mfg-suite"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "application": False,
    "installable": True,
    "depends": ["mfg_kpi", "hr", "web_hierarchy"],
    "data": [
        "security/ir.model.access.csv",
        "data/hr_department_data.xml",
        "data/mfg_function_data.xml",
        "data/hr_job_data.xml",
        "data/mfg_duty_data.xml",
        "data/mfg_job_kpi_data.xml",
        "report/report_position_description.xml",
        "views/mfg_org_menus.xml",
        "views/mfg_function_views.xml",
        "views/mfg_duty_views.xml",
        "views/hr_job_views.xml",
    ],
}
