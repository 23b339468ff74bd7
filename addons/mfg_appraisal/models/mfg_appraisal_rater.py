# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from .. import policy
from .common import RATER_ROLES


class MfgAppraisalRater(models.Model):
    """A person who rates an appraisal, in one role (self, superior, peer, subordinate…)."""

    _name = "mfg.appraisal.rater"
    # The to-dos of the raters who rate here (peers, subordinates…: ``_rates_on_entry``), on
    # what they may open; marking one done logs it on the entry's own chatter.
    _inherit = ["mfg.appraisal.guarded", "mfg.appraisal.mail.batch", "mail.activity.mixin"]
    _description = "Appraisal Rater"
    _order = "appraisal_id, role, id"

    appraisal_id = fields.Many2one("mfg.appraisal", required=True, ondelete="cascade", index=True)
    employee_id = fields.Many2one(related="appraisal_id.employee_id", string="Appraisee")
    cycle_id = fields.Many2one(related="appraisal_id.cycle_id", store=True, index=True)
    company_id = fields.Many2one(related="appraisal_id.company_id", store=True, index=True)
    user_id = fields.Many2one("res.users", string="Rater", index=True)
    rater_employee_id = fields.Many2one(
        "hr.employee",
        string="Rater Employee",
        index="btree_not_null",
        readonly=True,
        help="The rater when they have no user: the self-assessment of an appraisee without a "
        "login, filled in on a workshop kiosk.",
    )
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
    _employee_uniq = models.Constraint(
        "UNIQUE(appraisal_id, rater_employee_id, role)",
        "A person rates an appraisal once per role.",
    )
    _someone = models.Constraint(
        "CHECK(user_id IS NOT NULL OR rater_employee_id IS NOT NULL)",
        "A rater entry names the rater: a user, or an employee without one.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        """Created by the launch, thousands at once: no creation note and no creator
        following each entry (the chatter's per-record work)."""
        quiet = self.with_context(tracking_disable=True)
        return super(MfgAppraisalRater, quiet).create(vals_list).with_env(self.env)

    @api.depends("user_id", "rater_employee_id", "role")
    def _compute_display_name(self):
        roles = dict(self._fields["role"]._description_selection(self.env))
        for rater in self:
            who = rater.user_id.name or rater.rater_employee_id.name
            rater.display_name = f"{who} ({roles.get(rater.role, '')})"

    # ------------------------------------------------------------------
    # To-dos
    # ------------------------------------------------------------------
    def _rates_on_entry(self):
        """The entries whose rater rates on the entry itself, not on the appraisal (see
        ``action_open_rating``): everyone but the appraisee and the appraiser. Their to-dos
        are scheduled here, where they may open them (the appraisal rules leave peers and
        subordinates out)."""
        return self.filtered(
            lambda r: r.role != "self"
            and r.user_id
            and r.user_id not in r.sudo().appraisal_id.employee_user_id
            and r.user_id not in r.sudo().appraisal_id.appraiser_id
        )

    def _own_todos(self):
        """The open to-dos of these entries assigned to their rater, as superuser, in one
        query (not through ``activity_ids``, which may hold what another user read)."""
        own = {(rater.id, rater.user_id.id) for rater in self if rater.user_id}
        if not own:
            return self.env["mail.activity"].sudo()
        return (
            self.env["mail.activity"]
            .sudo()
            .search([("res_model", "=", self._name), ("res_id", "in", self.ids)])
            .filtered(lambda a: (a.res_id, a.user_id.id) in own)
        )

    def _rating_summary(self):
        """The summary of this rater's to-do: whom to rate, never a score."""
        self.ensure_one()
        return self.env._("Rate %(who)s", who=self.sudo().employee_id.name)

    @api.model
    def _activity_users(self, users):
        """Only the suite's employees get a rater to-do (as on appraisals): the group that
        reads one's own rater entry."""
        return self.env["mfg.appraisal"]._activity_users(users)

    # ------------------------------------------------------------------
    # Write policy
    # ------------------------------------------------------------------
    def _guard_allowed_fields(self):
        return policy.allowed(policy.RATER, self._rater_roles(), self._window())

    def _rater_roles(self, employee=None):
        """``{"rater"}`` when the current user is this entry's rater (and it is still open).

        An entry of an employee without a user (``rater_employee_id``) has no user to compare
        with: it is theirs only for ``employee``, the employee a workshop kiosk identified and
        verified (badge or PIN, open session). That argument is given by Python code only,
        never read from the context nor reachable through RPC (see ``_employee_rate``).
        """
        self.ensure_one()
        if self.state != "todo":
            return set()
        if self.user_id:
            return {"rater"} if self.user_id == self.env.user else set()
        mine = bool(employee) and self.rater_employee_id == employee
        return {"rater"} if mine else set()

    def _employee_rate(self, employee, scores, evidence):
        """Save ``scores`` ({rating id: score}) of this rater entry of ``employee``, an
        employee without a user identified by a verified kiosk session (the caller checks the
        session; a private method, so never reachable through RPC). The same write policy as
        a user's own entry applies: their own open entry, their own rating rows, 0-100."""
        self.ensure_one()
        allowed = policy.allowed(policy.RATING, self._rater_roles(employee), self._window())
        if "score" not in allowed or employee.user_id:
            raise AccessError(self.env._("This rating is not yours."))
        ratings = {rating.id: rating for rating in self.sudo().rating_ids}
        for rating_id, score in scores.items():
            if rating_id not in ratings:
                raise AccessError(self.env._("This rating is not yours."))
            if not isinstance(score, int | float) or isinstance(score, bool):
                raise UserError(self.env._("A score is a number from 0 to 100."))
            ratings[rating_id].write({"score": float(score)})
        if scores:
            self.sudo().appraisal_id.message_post(
                body=self.env._(
                    "%(employee)s saved %(count)s self-assessment scores %(evidence)s.",
                    employee=employee.name,
                    count=len(scores),
                    evidence=evidence,
                ),
                author_id=employee.work_contact_id.id,
                message_type="comment",
                subtype_xmlid="mail.mt_note",
            )
        return True

    def _window(self):
        """``"open"`` while this rater's step of the appraisal is open, else the state."""
        self.ensure_one()
        expected = "self_assessment" if self.role == "self" else "rating"
        state = self.sudo().appraisal_id.state
        return "open" if state == expected else state

    def action_submit(self):
        """The rater hands in their scores: every line they rate needs a score."""
        self._check_submit()
        sudo = self.sudo()
        sudo.write({"state": "submitted", "date_submitted": fields.Datetime.now()})
        # Each rater's to-do on the appraisal they rated is done, for the whole set at once.
        # The self-assessment is not a rating of someone else: it says so.
        # The to-dos of the raters who rate on their entry are on the entry: done as well.
        appraisals = sudo.appraisal_id
        for is_self, raters in sudo.grouped(lambda r: r.role == "self").items():
            feedback = (
                self.env._("Self-assessment submitted.")
                if is_self
                else self.env._("Scores submitted.")
            )
            done = {(rater.appraisal_id.id, rater.user_id.id) for rater in raters if rater.user_id}
            appraisals._batch_close_activities(
                appraisals.activity_ids.filtered(
                    lambda a, done=done: (a.res_id, a.user_id.id) in done
                ),
                feedback=feedback,
            )
            on_entry = raters._rates_on_entry()
            on_entry._batch_close_activities(on_entry._own_todos(), feedback=feedback)
        return True

    def _check_submit(self):
        """Raise unless these raters may hand in their scores now (their own entry or HR's,
        their step open, every line scored)."""
        for rater in self:
            # Peers and subordinates do not read the appraisal itself: its state as the system.
            appraisal = rater.sudo().appraisal_id
            if (
                not self.env.su
                and rater.user_id != self.env.user
                and (
                    not self.env.user.has_group("mfg_appraisal.group_appraisal_hr")
                    or appraisal.employee_user_id == self.env.user
                )
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
