# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from .. import policy
from .common import RATER_ROLES


class MfgAppraisalRater(models.Model):
    """A person who rates an appraisal, in one role (self, superior, peer, subordinate…)."""

    _name = "mfg.appraisal.rater"
    _inherit = ["mfg.appraisal.guarded"]
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

    # ------------------------------------------------------------------
    # Write policy
    # ------------------------------------------------------------------
    def _guard_allowed_fields(self):
        return policy.allowed(policy.RATER, self._rater_roles(), self._window())

    def _rater_roles(self):
        """``{"rater"}`` when the current user is this entry's rater (and it is still open)."""
        self.ensure_one()
        return {"rater"} if self.user_id == self.env.user and self.state == "todo" else set()

    def _window(self):
        """``"open"`` while this rater's step of the appraisal is open, else the state."""
        self.ensure_one()
        expected = "self_assessment" if self.role == "self" else "rating"
        state = self.sudo().appraisal_id.state
        return "open" if state == expected else state

    def action_submit(self):
        """The rater hands in their scores: every line they rate needs a score."""
        for rater in self:
            # Peers and subordinates do not read the appraisal itself: its state as the system.
            appraisal = rater.sudo().appraisal_id
            if rater.user_id != self.env.user and (
                not self.env.user.has_group("mfg_appraisal.group_appraisal_hr")
                or appraisal.employee_user_id == self.env.user
            ):
                raise UserError(self.env._("Only the rater submits their own scores."))
            if rater._window() != "open":
                raise UserError(
                    self.env._(
                        "The appraisal of %(who)s is not open for %(role)s scores.",
                        who=appraisal.employee_id.name,
                        role=dict(self._fields["role"]._description_selection(self.env))[
                            rater.role
                        ],
                    )
                )
            missing = rater.sudo().rating_ids.filtered(lambda r: not r.score_set)
            if missing:
                raise UserError(
                    self.env._(
                        "Score every line before submitting; missing: %(lines)s.",
                        lines=", ".join(missing.mapped("line_name")),
                    )
                )
        sudo = self.sudo()
        sudo.write({"state": "submitted", "date_submitted": fields.Datetime.now()})
        # Each rater's to-do on the appraisal they rated is done, for the whole set at once.
        # The self-assessment is not a rating of someone else: it says so.
        appraisals = sudo.appraisal_id
        for is_self, raters in sudo.grouped(lambda r: r.role == "self").items():
            done = {(rater.appraisal_id.id, rater.user_id.id) for rater in raters}
            appraisals._batch_close_activities(
                appraisals.activity_ids.filtered(
                    lambda a, done=done: (a.res_id, a.user_id.id) in done
                ),
                feedback=(
                    self.env._("Self-assessment submitted.")
                    if is_self
                    else self.env._("Scores submitted.")
                ),
            )
        return True

    def action_open_rating(self):
        """Where the rater scores: the appraisal itself for the appraisee and the appraiser
        (rule lines and their own scores side by side), their rater entry for the others."""
        self.ensure_one()
        appraisal = self.sudo().appraisal_id
        if self.user_id in (appraisal.employee_user_id | appraisal.appraiser_id):
            return self.action_open()
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    def action_open(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "mfg.appraisal",
            "res_id": self.appraisal_id.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }
