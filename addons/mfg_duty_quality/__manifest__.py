# Copyright 2026 Production Management Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Duty Checklists - Quality Follow-ups",
    "summary": "Raise a quality inspection from a problem found on a duty checklist",
    "version": "19.0.1.0.1",
    "category": "Manufacturing/Production Management",
    "website": "https://github.com/mfg-suite/production-management",
    "author": "Production Management Suite contributors",
    "maintainers": ["mfg-suite"],
    "license": "AGPL-3",
    "development_status": "Beta",
    "installable": True,
    "auto_install": True,
    "depends": ["mfg_duty", "quality_control_oca"],
    "data": [],
}
