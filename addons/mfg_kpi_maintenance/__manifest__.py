# Copyright 2026 Production Management Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Production KPIs: Maintenance",
    "summary": "Equipment intact and failure rates, inspection tools, ledger accuracy, preventive "
    "plan completion, repair timeliness, "
    "maintenance cost and record filing KPIs",
    "version": "19.0.1.2.0",
    "category": "Manufacturing/Production Management",
    "website": "https://github.com/mfg-suite/production-management",
    "author": "Production Management Suite contributors",
    "maintainers": ["mfg-suite"],
    "license": "AGPL-3",
    "development_status": "Beta",
    "application": False,
    "installable": True,
    "depends": ["mfg_kpi", "maintenance", "maintenance_plan"],
    "data": [
        "data/mfg_kpi_data.xml",
        "views/maintenance_equipment_views.xml",
        "views/maintenance_equipment_category_views.xml",
        "views/maintenance_request_views.xml",
        "views/res_config_settings_views.xml",
    ],
    "pre_init_hook": "pre_init_hook",
    "post_init_hook": "post_init_hook",
}
