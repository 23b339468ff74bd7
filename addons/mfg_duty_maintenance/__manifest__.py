# Copyright 2026 Production Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Duty Checklists - Maintenance Follow-ups",
    "summary": "Raise a maintenance request from a problem found on a duty checklist",
    "version": "19.0.1.1.0",
    "category": "Manufacturing/Production Management",
    "website": "https://github.com/mfg-suite/production-management",
    "author": "Production Management Suite contributors",
    "maintainers": ["mfg-suite"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "installable": True,
    "auto_install": True,
    "depends": ["mfg_duty", "hr_maintenance"],
    "data": ["views/mfg_duty_views.xml"],
}
