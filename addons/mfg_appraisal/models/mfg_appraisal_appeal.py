# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .. import policy


class MfgAppraisalAppeal(models.Model):
    """An appraisee's appeal against a published result (第11条: within 5 days of learning it;
    HR decides within 15 days; overdue appeals escalate)."""

    _name = "mfg.appraisal.appeal"
    _description = "Appraisal Appeal"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_submitted desc, id desc"
    _check_company_auto = True

    appraisal_id = fields.Many2one(
        "mfg.appraisal", required=True, ondelete="cascade", index=True, check_company=True
    )
    company_id = fields.Many2one(related="appraisal_id.company_id", store=True)
    employee_id = fields.Many2one(related="appraisal_id.employee_id", store=True)
    employee_user_id = fields.Many2one(related="appraisal_id.employee_user_id", store=True)
    cycle_id = fields.Many2one(related="appraisal_id.cycle_id", store=True)
    reason = fields.Text(required=True, tracking=True)
    state = fields.Selection(
        [
            ("submitted", "Submitted"),
            ("accepted", "Accepted"),
            ("rejected", "Rejected"),
        ],
        default="submitted",
        required=True,
        tracking=True,
    )
    date_submitted = fields.Date(default=fields.Date.context_today, readonly=True)
    decision_deadline = fields.Date(compute="_compute_deadline", store=True)
    escalated = fields.Boolean(readonly=True, tracking=True)
    decision = fields.Text(tracking=True)
    new_score = fields.Float(digits=(5, 2), tracking=True)
    decided_by = fields.Many2one("res.users", readonly=True)
    date_decided = fields.Date(readonly=True)

    @api.depends("date_submitted", "appraisal_id.cycle_id.appeal_decision_days")
    def _compute_deadline(self):
        for appeal in self:
            appeal.decision_deadline = appeal.date_submitted and appeal.date_submitted + timedelta(
                days=appeal.appraisal_id.cycle_id.appeal_decision_days or 15
            )

    @api.depends("employee_id", "cycle_id")
    def _compute_display_name(self):
        for appeal in self:
            appeal.display_name = self.env._(
                "Appeal: %(who)s, %(cycle)s",
                who=appeal.employee_id.name or "",
                cycle=appeal.cycle_id.name or "",
            )

    @api.constrains("new_score")
    def _check_new_score(self):
        for appeal in self:
            if not 0 <= appeal.new_score <= 100:
                raise ValidationError(
                    self.env._("The new score of an appeal is between 0 and 100.")
                )

    @api.model_create_multi
    def create(self, vals_list):
        today = fields.Date.context_today(self)
        for vals in vals_list:
            refused = set(vals) - policy.APPEAL_CREATE
            if refused and not self.env.su:
                raise UserError(
                    self.env._(
                        "An appeal is filed with its reason only; HR's decision is recorded by "
                        "the decide actions (refused: %(fields)s).",
                        fields=", ".join(sorted(refused)),
                    )
                )
            if not (vals.get("reason") or "").strip():
                raise ValidationError(self.env._("Give the reason of your appeal."))
        appraisals = (
            self.env["mfg.appraisal"].browse([v.get("appraisal_id") for v in vals_list]).sudo()
        )
        for appraisal in appraisals:
            if appraisal.employee_user_id != self.env.user:
                raise UserError(self.env._("Only the appraisee appeals an appraisal."))
            self._check_appealable(appraisal, today)
        appeals = super(MfgAppraisalAppeal, self.sudo()).create(vals_list)
        appeals._schedule_decision()
        return appeals.with_env(self.env)

    def _check_appealable(self, appraisal, today):
        """``appraisal`` (sudo) is published, within its appeal period, without an open
        appeal."""
        if appraisal.state not in ("published", "interview", "done"):
            raise UserError(self.env._("Only a published result can be appealed."))
        if not appraisal.appeal_deadline or today > appraisal.appeal_deadline:
            raise UserError(
                self.env._(
                    "The appeal period ended on %(date)s (%(days)s days after publication).",
                    date=appraisal.appeal_deadline,
                    days=appraisal.cycle_id.appeal_days,
                )
            )
        if appraisal.sudo().appeal_ids.filtered(lambda a: a.state == "submitted"):
            raise UserError(self.env._("An appeal of this appraisal is already open."))

    @api.model
    def _employee_create(self, employee, appraisal, reason, evidence):
        """The appeal of ``employee``, an appraisee without a user identified by a verified
        workshop kiosk session (the caller checks the session; a private method, so never
        reachable through RPC). The checks of an appeal by a user apply: their own published
        appraisal, within the deadline, a reason, no other open appeal. The appeal and the
        appraisal's chatter record it as the employee, with the kiosk session (``evidence``)."""
        appraisal = appraisal.sudo()
        if appraisal.employee_id != employee or appraisal.employee_user_id or employee.user_id:
            raise AccessError(self.env._("This appraisal is not yours."))
        if not isinstance(reason, str) or not reason.strip():
            raise ValidationError(self.env._("Give the reason of your appeal."))
        self._check_appealable(appraisal, fields.Date.context_today(self))
        # The checks above replace the appraisee-user check of ``create``.
        # pylint: disable=super-method-mismatch
        appeal = super(MfgAppraisalAppeal, self.sudo()).create(
            [{"appraisal_id": appraisal.id, "reason": reason}]
        )
        body = self.env._(
            "Appeal filed by %(employee)s %(evidence)s.", employee=employee.name, evidence=evidence
        )
        for record in (appeal, appraisal):
            record.message_post(
                body=body,
                author_id=employee.work_contact_id.id,
                message_type="comment",
                subtype_xmlid="mail.mt_note",
            )
        appeal._schedule_decision()
        return appeal

    def _schedule_decision(self):
        """A to-do for HR to decide each appeal by its deadline."""
        hr_users = self.env.ref("mfg_appraisal.group_appraisal_hr").user_ids
        for appeal in self.sudo():
            for user in hr_users[:1]:
                appeal.activity_schedule(
                    "mail.mail_activity_data_todo",
                    date_deadline=appeal.decision_deadline,
                    summary=self.env._("Decide the appeal of %(who)s", who=appeal.employee_id.name),
                    user_id=user.id,
                )

    def write(self, vals):
        if not self.env.su:
            for appeal in self:
                roles = set()
                if appeal.employee_user_id == self.env.user:
                    roles.add("appraisee")
                elif self.env.user.has_group("mfg_appraisal.group_appraisal_hr"):
                    roles.add("hr")
                refused = set(vals) - policy.allowed(policy.APPEAL, roles, appeal.state)
                if refused:
                    raise UserError(
                        self.env._(
                            "You may not change %(fields)s of this appeal: the appraisee writes "
                            "the reason, HR prepares the decision, and only the decide actions "
                            "set its outcome.",
                            fields=", ".join(
                                sorted(
                                    self._fields[n]._description_string(self.env) for n in refused
                                )
                            ),
                        )
                    )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        if not self.env.su:
            raise UserError(self.env._("Appeals are kept: they are never deleted."))

    def _check_hr(self):
        if not self.env.user.has_group("mfg_appraisal.group_appraisal_hr"):
            raise UserError(self.env._("Only HR decides appeals."))
        if any(appeal.employee_user_id == self.env.user for appeal in self):
            raise UserError(self.env._("You cannot decide your own appeal."))
        if any(appeal.state != "submitted" for appeal in self):
            raise UserError(self.env._("This appeal is already decided."))

    def action_accept(self):
        """Accept with the new score: everything derived from the final score follows (grade,
        bonus tier and amount, result flags), and the appraisal's chatter says so."""
        self._check_hr()
        for appeal in self:
            if not appeal.decision:
                raise ValidationError(self.env._("Write the decision before accepting."))
            if not 0 < appeal.new_score <= 100:
                raise ValidationError(
                    self.env._("Give the new score (0-100) of the accepted appeal.")
                )
        self._decide("accepted")
        for appeal in self:
            appeal.appraisal_id.sudo()._apply_corrected_score(
                appeal.new_score, self.env._("Appeal accepted")
            )
        return True

    def action_reject(self):
        self._check_hr()
        if any(not appeal.decision for appeal in self):
            raise ValidationError(self.env._("Write the decision before rejecting."))
        self._decide("rejected")
        return True

    def _decide(self, state):
        self.sudo().write(
            {
                "state": state,
                "decided_by": self.env.uid,
                "date_decided": fields.Date.context_today(self),
            }
        )
        self.activity_ids.action_feedback(feedback=self.env._("Decided."))
        self._notify_appraisee()

    def _notify_appraisee(self):
        """The appraisee is told the decision (inbox or e-mail, as they chose)."""
        states = dict(self._fields["state"]._description_selection(self.env))
        for appeal in self.sudo():
            partner = appeal.employee_user_id.partner_id
            if not partner:
                continue
            lang_env = appeal.with_context(lang=appeal.employee_user_id.lang or self.env.lang).env
            body = Markup("<p>%s</p><p>%s</p>") % (
                lang_env._(
                    "Your appeal is %(state)s.",
                    state=dict(self._fields["state"]._description_selection(lang_env)).get(
                        appeal.state, states.get(appeal.state)
                    ),
                ),
                appeal.decision or "",
            )
            if appeal.state == "accepted":
                body += Markup("<p>%s</p>") % lang_env._(
                    "New score: %(score)s.", score=f"{appeal.new_score:.2f}"
                )
            appeal.message_post(
                body=body,
                subject=lang_env._("Decision on your appeal"),
                partner_ids=partner.ids,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )

    @api.model
    def _cron_escalate(self):
        """Flag appeals still open after their decision deadline and warn the HR managers."""
        today = fields.Date.context_today(self)
        overdue = self.search(
            [
                ("state", "=", "submitted"),
                ("escalated", "=", False),
                ("decision_deadline", "<", today),
            ]
        )
        overdue.sudo().write({"escalated": True})
        managers = self.env.ref("mfg_appraisal.group_appraisal_hr_manager").user_ids
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        model_id = self.env["ir.model"]._get_id(self._name)
        self.env["mail.activity"].create(
            [
                {
                    "res_model_id": model_id,
                    "res_id": appeal.id,
                    "user_id": manager.id,
                    "activity_type_id": activity_type.id,
                    "summary": self.env._("Overdue appeal of %(who)s", who=appeal.employee_id.name),
                    "date_deadline": today,
                }
                for appeal in overdue
                for manager in managers
            ]
        )
        return overdue
