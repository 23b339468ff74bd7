# Copyright 2026 Production Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Production KPIs from Manufacturing",
    "summary": "Plan completion, on-time completion, material consumption, scrap, rework, "
    "labour productivity, work-time efficiency, OEE, equipment availability and utilisation, "
    "changeover time and schedule achievement per workshop, team, work centre and operator",
    "version": "19.0.1.3.0",
    "category": "Manufacturing/Production Management",
    "website": "https://github.com/mfg-suite/production-management",
    "author": "Production Management Suite contributors",
    "maintainers": ["mfg-suite"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "installable": True,
    "depends": ["mfg_kpi", "mfg_org", "mrp", "hr"],
    "data": [
        "data/mfg_kpi_data.xml",
        "data/mrp_workcenter_productivity_loss_data.xml",
        "views/mrp_workcenter_views.xml",
        "views/mrp_production_views.xml",
        "views/mrp_workorder_views.xml",
    ],
    "post_init_hook": "post_init_hook",
}
