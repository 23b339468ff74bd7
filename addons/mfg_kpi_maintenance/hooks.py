# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tools import SQL


def post_init_hook(env):
    """Date the existing requests: reported when created, done when last moved to a done stage."""
    env.cr.execute(
        SQL(
            """UPDATE maintenance_request r
                  SET mfg_reported_at = r.create_date
                WHERE r.mfg_reported_at IS NULL"""
        )
    )
    env.cr.execute(
        SQL(
            """UPDATE maintenance_request r
                  SET mfg_done_at = COALESCE(r.close_date::timestamp, r.write_date)
                 FROM maintenance_stage s
                WHERE s.id = r.stage_id AND s.done AND r.mfg_done_at IS NULL"""
        )
    )
