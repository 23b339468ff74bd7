# Copyright 2026 Production Management Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Production Safety: Appraisal Exclusions",
    "summary": "An unsafe act recorded by the safety officer excludes the employee from the "
    "team appraisal of its period",
    "version": "19.0.1.0.0",
    "category": "Manufacturing/Production Management",
    "website": "https://github.com/mfg-suite/production-management",
    "author": "Production Management Suite contributors",
    "maintainers": ["mfg-suite"],
    "license": "AGPL-3",
    "development_status": "Beta",
    "application": False,
    "installable": True,
    "auto_install": True,
    "depends": ["mfg_safety", "mfg_appraisal"],
}
