# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""19.0.1.6.0: the rating to-dos of peers, subordinates and other raters who rate on their
rater entry (everyone but the appraisee and the appraiser) are scheduled on that entry, which
they may open, instead of on the appraisal, which the record rules keep from peers and
subordinates (their to-do led to an access error).

The open to-dos already on appraisals in rating, assigned to such a rater whose entry is still
to rate, move to that entry (one update), their document names are computed again and their
assignees follow the entry, as a new to-do would have it. To-dos of the appraiser, of the
appraisee and of anybody else stay on the appraisal.
"""

import logging

from odoo import SUPERUSER_ID, api

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    todo_type = env.ref("mail.mail_activity_data_todo", raise_if_not_found=False)
    if not todo_type:
        return
    cr.execute(
        """
        WITH moves AS (
            SELECT DISTINCT ON (act.id) act.id AS activity_id, rater.id AS rater_id
              FROM mail_activity act
              JOIN mfg_appraisal appraisal ON appraisal.id = act.res_id
              JOIN mfg_appraisal_rater rater
                ON rater.appraisal_id = appraisal.id AND rater.user_id = act.user_id
             WHERE act.res_model = 'mfg.appraisal'
               AND act.active
               AND act.activity_type_id = %(todo)s
               AND appraisal.state = 'rating'
               AND rater.role != 'self'
               AND rater.state = 'todo'
               AND rater.user_id IS DISTINCT FROM appraisal.appraiser_id
               AND rater.user_id IS DISTINCT FROM appraisal.employee_user_id
             ORDER BY act.id, rater.id
        )
        UPDATE mail_activity act
           SET res_model = 'mfg.appraisal.rater', res_model_id = %(model)s, res_id = moves.rater_id
          FROM moves
         WHERE act.id = moves.activity_id
     RETURNING act.id
        """,
        {"todo": todo_type.id, "model": env["ir.model"]._get_id("mfg.appraisal.rater")},
    )
    ids = [row[0] for row in cr.fetchall()]
    _logger.info("mfg_appraisal: %s rater to-dos moved from appraisals to rater entries", len(ids))
    if not ids:
        return
    env["mail.activity"].invalidate_model(["res_model", "res_model_id", "res_id", "res_name"])
    activities = env["mail.activity"].browse(ids)
    env.add_to_compute(activities._fields["res_name"], activities)
    activities.flush_recordset(["res_name"])
    env["mfg.appraisal.rater"]._batch_subscribe(
        {(activity.res_id, activity.user_id.partner_id.id) for activity in activities}
    )
