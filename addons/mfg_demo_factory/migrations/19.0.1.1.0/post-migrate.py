# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""19.0.1.1.0: the demo factory's workshops get their kiosk address and their people a badge and
a PIN (``demo/mfg_shopfloor_demo.xml``).

Demo records are not updated by an upgrade (they are ``noupdate``): the new file sets fields on
existing workshops and employees, so it is loaded here as on a fresh install.
"""

from odoo import SUPERUSER_ID, api
from odoo.tools import convert_file


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    convert_file(
        env, "mfg_demo_factory", "demo/mfg_shopfloor_demo.xml", {}, mode="init", noupdate=True
    )
