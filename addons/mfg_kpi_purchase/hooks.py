# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tools import SQL


def post_init_hook(env):
    """Orders cancelled after confirmation before the installation count as order errors."""
    date_cancellations(env.cr)


def date_cancellations(cr):
    """Cancelled orders that had been confirmed (Odoo keeps their confirmation date) and have
    no cancellation date: cancelled when the chatter recorded the last change of their status
    (the cancellation), else when last written. Never changes a recorded date; returns the
    number of orders dated."""
    cr.execute(
        SQL(
            """WITH todo AS (
                   SELECT id, write_date FROM purchase_order
                    WHERE state = 'cancel' AND date_approve IS NOT NULL
                      AND mfg_cancel_date IS NULL
               ), cancelled AS (
                   SELECT message.res_id, MAX(message.date) AS date
                     FROM mail_message message
                     JOIN mail_tracking_value value ON value.mail_message_id = message.id
                     JOIN ir_model_fields field
                       ON field.id = value.field_id AND field.model = 'purchase.order'
                      AND field.name = 'state'
                    WHERE message.model = 'purchase.order'
                      AND message.res_id IN (SELECT id FROM todo)
                 GROUP BY message.res_id
               )
               UPDATE purchase_order purchase
                  SET mfg_cancel_date = COALESCE(cancelled.date, todo.write_date)
                 FROM todo
            LEFT JOIN cancelled ON cancelled.res_id = todo.id
                WHERE purchase.id = todo.id"""
        )
    )
    return cr.rowcount
