# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tools import SQL


def post_init_hook(env):
    """Transfers validated before the installation get their validating user."""
    fill_done_user(env.cr)


def fill_done_user(cr):
    """Done transfers without a validating user: the author (a user of the company) of the
    chatter message that recorded the last change of their status (validation is the last
    one), else the last user who wrote the transfer (not the superuser). Never changes a
    recorded user; returns the number of transfers filled."""
    cr.execute(
        SQL(
            """WITH todo AS (
                   SELECT id, write_uid FROM stock_picking
                    WHERE state = 'done' AND mfg_done_user_id IS NULL
               ), validated AS (
                   SELECT DISTINCT ON (message.res_id) message.res_id, message.author_id
                     FROM mail_message message
                     JOIN mail_tracking_value value ON value.mail_message_id = message.id
                     JOIN ir_model_fields field
                       ON field.id = value.field_id AND field.model = 'stock.picking'
                      AND field.name = 'state'
                    WHERE message.model = 'stock.picking'
                      AND message.res_id IN (SELECT id FROM todo)
                 ORDER BY message.res_id, message.id DESC
               ), authors AS (
                   SELECT DISTINCT ON (partner_id) partner_id, id AS user_id
                     FROM res_users
                    WHERE partner_id IN (SELECT author_id FROM validated) AND id != 1
                 ORDER BY partner_id, active DESC, id
               )
               UPDATE stock_picking picking
                  SET mfg_done_user_id = COALESCE(
                          authors.user_id, NULLIF(todo.write_uid, 1))
                 FROM todo
            LEFT JOIN validated ON validated.res_id = todo.id
            LEFT JOIN authors ON authors.partner_id = validated.author_id
                WHERE picking.id = todo.id
                  AND COALESCE(authors.user_id, NULLIF(todo.write_uid, 1)) IS NOT NULL"""
        )
    )
    return cr.rowcount
