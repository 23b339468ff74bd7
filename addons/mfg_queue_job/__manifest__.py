# Copyright 2026 Production Management Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Production Management: Background Jobs",
    "summary": "KPI periods, cycle launches and publications run as OCA queue jobs in parts, "
    "with their progress on the period and the cycle",
    "version": "19.0.1.3.0",
    "category": "Manufacturing/Production Management",
    "website": "https://github.com/mfg-suite/production-management",
    "author": "Production Management Suite contributors",
    "maintainers": ["mfg-suite"],
    "license": "AGPL-3",
    "development_status": "Beta",
    "application": False,
    "installable": True,
    "auto_install": True,
    "depends": ["queue_job", "mfg_kpi", "mfg_appraisal"],
    "data": [
        "security/ir.model.access.csv",
        "security/mfg_queue_job_security.xml",
        "data/queue_job_data.xml",
        "views/mfg_job_batch_views.xml",
        "views/mfg_kpi_period_views.xml",
        "views/mfg_appraisal_cycle_views.xml",
    ],
}
