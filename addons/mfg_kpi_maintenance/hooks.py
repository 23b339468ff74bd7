# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tools import SQL
from odoo.tools.sql import column_exists, create_column


def pre_init_hook(env):
    """Date the existing requests before the ORM adds the column: a new column with a default
    is filled with that default (the install time) for every existing row, which would report
    all past breakdowns at install time. Created here, the column keeps the history: a request
    was reported when it was created (correct it on the request when recorded after the fact)."""
    if not column_exists(env.cr, "maintenance_request", "mfg_reported_at"):
        create_column(env.cr, "maintenance_request", "mfg_reported_at", "timestamp")
    date_reported_at(env.cr)


def date_reported_at(cr):
    """Requests without a report time, or one later than their creation (only a default filled
    in after the fact gives that: a correction moves it earlier), are reported when created."""
    cr.execute(
        SQL(
            """UPDATE maintenance_request
                  SET mfg_reported_at = create_date
                WHERE create_date IS NOT NULL
                  AND (mfg_reported_at IS NULL
                       OR mfg_reported_at > create_date + INTERVAL '1 minute')"""
        )
    )
    return cr.rowcount


def post_init_hook(env):
    """Date the existing requests done when last moved to a done stage."""
    env.cr.execute(
        SQL(
            """UPDATE maintenance_request r
                  SET mfg_done_at = COALESCE(r.close_date::timestamp, r.write_date)
                 FROM maintenance_stage s
                WHERE s.id = r.stage_id AND s.done AND r.mfg_done_at IS NULL"""
        )
    )
