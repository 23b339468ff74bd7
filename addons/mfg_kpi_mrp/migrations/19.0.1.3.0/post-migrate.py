# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    """New in 19.0.1.3.0: Odoo's setup reason is changeover time (its data record is not
    reloaded on an upgrade), and the work orders already in progress keep their current dates
    as their planned window (Odoo set them when work began)."""
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    setup = env.ref("mrp.block_reason2", raise_if_not_found=False)
    if setup:
        setup.mfg_changeover = True
    cr.execute(
        """UPDATE mrp_workorder
              SET mfg_planned_start = date_start, mfg_planned_finish = date_finished
            WHERE state = 'progress' AND mfg_planned_finish IS NULL
              AND date_finished IS NOT NULL"""
    )
