# Copyright 2026 Production Management Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Production KPIs: Quality",
    "summary": "Quality KPIs from the inspections: pass rates, nonconformity handling, "
    "inspector timeliness and errors, quality issues per employee",
    "version": "19.0.1.2.0",
    "category": "Manufacturing/Production Management",
    "website": "https://github.com/mfg-suite/production-management",
    "author": "Production Management Suite contributors",
    "maintainers": ["mfg-suite"],
    "license": "AGPL-3",
    "development_status": "Beta",
    "application": False,
    "installable": True,
    "auto_install": True,
    "depends": ["mfg_kpi", "mfg_quality_trigger"],
    "data": [
        "data/mfg_kpi_data.xml",
        "views/qc_inspection_views.xml",
    ],
}
