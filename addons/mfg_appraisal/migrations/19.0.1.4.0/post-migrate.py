# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""19.0.1.4.0: a rater entry may name an employee without a user (``rater_employee_id``): the
self-assessment of an appraisee without a login, filled in on a workshop kiosk.

The appraisals still before or in their self-assessment whose appraisee has no user get the
self entry a launch now creates, with a rating row per direct line of the sections weighting
the self role. Nothing else changes: entries of users keep their user.
"""

import logging

from odoo import SUPERUSER_ID, api

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    appraisals = env["mfg.appraisal"].search(
        [
            ("state", "in", ("draft", "self_assessment")),
            ("employee_user_id", "=", False),
        ]
    )
    appraisals = appraisals.filtered(lambda a: not a.rater_ids.filtered(lambda r: r.role == "self"))
    if not appraisals:
        return
    raters = env["mfg.appraisal.rater"].create(
        [
            {"appraisal_id": a.id, "rater_employee_id": a.employee_id.id, "role": "self"}
            for a in appraisals
        ]
    )
    rating_vals = [
        {"rater_id": rater.id, "line_id": line.id}
        for rater in raters
        for line in rater.appraisal_id.line_ids
        if line.rule_kind == "direct" and line.section_id._role_weights().get("self")
    ]
    env["mfg.appraisal.rating"].create(rating_vals)
    _logger.info(
        "Self-assessment entries for %s appraisees without a user (%s scores to give).",
        len(raters),
        len(rating_vals),
    )
