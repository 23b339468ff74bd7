# Copyright 2026 Production Management Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Production Management Suite Demo Factory",
    "summary": "Demo data only: a small factory, one login per role and a quarter of operations",
    "version": "19.0.1.3.0",
    "category": "Manufacturing/Production Management",
    "website": "https://github.com/mfg-suite/production-management",
    "author": "Production Management Suite contributors",
    "maintainers": ["mfg-suite"],
    "license": "AGPL-3",
    "development_status": "Beta",
    "application": False,
    "installable": True,
    "depends": ["mfg_production_management"],
    "uninstall_hook": "uninstall_hook",
    "demo": [
        "demo/res_company_demo.xml",
        "demo/res_users_demo.xml",
        "demo/mfg_factory_demo.xml",
        "demo/mfg_shopfloor_demo.xml",
    ],
}
