# Copyright 2026 Production Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Production KPIs: HR",
    "summary": "Late arrivals and early departures, leave, key staff turnover and attendance KPIs",
    "version": "19.0.1.0.0",
    "category": "Manufacturing/Production Management",
    "website": "https://github.com/mfg-suite/production-management",
    "author": "Production Management Suite contributors",
    "maintainers": ["mfg-suite"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "application": False,
    "installable": True,
    "depends": ["mfg_kpi", "hr_holidays", "hr_attendance"],
    "data": [
        "data/mfg_kpi_data.xml",
        "views/hr_employee_views.xml",
        "views/res_config_settings_views.xml",
    ],
}
