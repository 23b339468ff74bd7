# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from .common import RATER_ROLES


class MfgAppraisalRater(models.Model):
    """A person who rates an appraisal, in one role (self, superior, peer, subordinate…)."""

    _name = "mfg.appraisal.rater"
    _description = "Appraisal Rater"
    _order = "appraisal_id, role, id"

    appraisal_id = fields.Many2one("mfg.appraisal", required=True, ondelete="cascade", index=True)
    employee_id = fields.Many2one(related="appraisal_id.employee_id", string="Appraisee")
    cycle_id = fields.Many2one(related="appraisal_id.cycle_id", store=True, index=True)
    company_id = fields.Many2one(related="appraisal_id.company_id", store=True, index=True)
    user_id = fields.Many2one("res.users", string="Rater", required=True, index=True)
    role = fields.Selection(RATER_ROLES, required=True)
    state = fields.Selection(
        [("todo", "To rate"), ("submitted", "Submitted")], default="todo", required=True
    )
    rating_ids = fields.One2many("mfg.appraisal.rating", "rater_id", string="Scores")
    comment = fields.Text()
    date_submitted = fields.Datetime(readonly=True)

    _uniq = models.Constraint(
        "UNIQUE(appraisal_id, user_id, role)", "A person rates an appraisal once per role."
    )

    @api.depends("user_id", "role")
    def _compute_display_name(self):
        roles = dict(self._fields["role"]._description_selection(self.env))
        for rater in self:
            rater.display_name = f"{rater.user_id.name} ({roles.get(rater.role, '')})"

    def action_submit(self):
        """The rater hands in their scores: every line they rate needs a score."""
        for rater in self:
            if rater.user_id != self.env.user and not self.env.user.has_group(
                "mfg_appraisal.group_appraisal_hr"
            ):
                raise UserError(self.env._("Only the rater submits their own scores."))
            expected = "self_assessment" if rater.role == "self" else "rating"
            if rater.appraisal_id.state != expected:
                raise UserError(
                    self.env._(
                        "The appraisal of %(who)s is not open for %(role)s scores.",
                        who=rater.appraisal_id.employee_id.name,
                        role=dict(self._fields["role"]._description_selection(self.env))[
                            rater.role
                        ],
                    )
                )
            missing = rater.rating_ids.filtered(lambda r: not r.score_set)
            if missing:
                raise UserError(
                    self.env._(
                        "Score every line before submitting; missing: %(lines)s.",
                        lines=", ".join(missing.line_id.mapped("name")),
                    )
                )
        self.sudo().write({"state": "submitted", "date_submitted": fields.Datetime.now()})
        self.sudo().appraisal_id.activity_ids.filtered(
            lambda a: a.user_id in self.user_id
        ).action_feedback(feedback=self.env._("Scores submitted."))
        return True

    def action_open(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "mfg.appraisal",
            "res_id": self.appraisal_id.id,
            "view_mode": "form",
        }
