# Copyright 2026 Production Management Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The demo factory comes with demo data only.

``mfg_demo_factory`` holds nothing but demonstration data (its people, machines, products and a
quarter of operations). It is not a dependency of this module, so a production database never
gets it; a database with demo data gets it along with the suite: the module is marked for
installation here and Odoo's loader installs it in the same run (modules marked "to install"
while loading are loaded before the run ends), with demo data since every module it depends on
has demo data.
"""

DEMO_MODULE = "mfg_demo_factory"


def install_demo_factory(env):
    """Mark the demo factory for installation when this module was installed with demo data."""
    Module = env["ir.module.module"]
    suite = Module.search([("name", "=", "mfg_production_management")])
    if not suite.demo:
        return
    Module.search([("name", "=", DEMO_MODULE), ("state", "=", "uninstalled")]).button_install()


def post_init_hook(env):
    install_demo_factory(env)
