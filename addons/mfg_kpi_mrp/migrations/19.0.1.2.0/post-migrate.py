# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    """Orders done before the first installation had no commitment: reconstruct it now (the
    new column marks them); orders with a recorded commitment are left as they are."""
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["mrp.production"]._mfg_backfill_done()
