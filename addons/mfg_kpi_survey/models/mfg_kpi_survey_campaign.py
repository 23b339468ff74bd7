# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

STATES = [("draft", "Draft"), ("open", "Collecting Answers"), ("closed", "Closed")]
INVITE_ACTIVITY = "mfg_kpi_survey.mail_activity_type_survey_invite"


class MfgKpiSurveyCampaign(models.Model):
    """One launch of a satisfaction survey rule for one KPI period: the invitations sent (one
    survey answer per respondent and subject) and the answers collected."""

    _name = "mfg.kpi.survey.campaign"
    _description = "Satisfaction Survey Campaign"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "period_start desc, rule_id, id"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    rule_id = fields.Many2one(
        "mfg.kpi.survey.rule",
        string="Survey Rule",
        required=True,
        readonly=True,
        index=True,
        ondelete="restrict",
        check_company=True,
    )
    kpi_id = fields.Many2one(related="rule_id.kpi_id", store=True, index=True)
    survey_id = fields.Many2one(related="rule_id.survey_id")
    company_id = fields.Many2one(related="rule_id.company_id", store=True, index=True)
    period_id = fields.Many2one(
        "mfg.kpi.period",
        string="Period",
        required=True,
        readonly=True,
        index=True,
        ondelete="restrict",
        check_company=True,
    )
    period_start = fields.Date(related="period_id.date_start", store=True)
    state = fields.Selection(STATES, required=True, default="draft", readonly=True, tracking=True)
    date_launched = fields.Datetime(string="Launched On", readonly=True, copy=False)
    deadline = fields.Date(
        string="Answer By",
        tracking=True,
        help="Last day to answer (the invitations' activities are due then).",
    )
    answer_ids = fields.One2many(
        "survey.user_input", "mfg_campaign_id", string="Answers", readonly=True
    )
    invitation_count = fields.Integer(compute="_compute_counts", string="Invitations")
    response_count = fields.Integer(compute="_compute_counts", string="Responses")
    response_rate = fields.Float(compute="_compute_counts", string="Response Rate (%)")
    min_responses = fields.Integer(related="rule_id.min_responses")

    _rule_period_uniq = models.Constraint(
        "UNIQUE(rule_id, period_id)", "A survey rule is launched once per period."
    )

    @api.depends("rule_id.name", "period_id.name")
    def _compute_name(self):
        for campaign in self:
            campaign.name = f"{campaign.rule_id.name or ''} – {campaign.period_id.name or ''}"

    def _compute_counts(self):
        groups = (
            self.env["survey.user_input"]
            .sudo()
            ._read_group(
                [("mfg_campaign_id", "in", self.ids)], ["mfg_campaign_id", "state"], ["__count"]
            )
        )
        counts = {}
        for campaign, state, count in groups:
            total, done = counts.get(campaign.id, (0, 0))
            counts[campaign.id] = (total + count, done + (count if state == "done" else 0))
        for campaign in self:
            total, done = counts.get(campaign.id, (0, 0))
            campaign.invitation_count = total
            campaign.response_count = done
            campaign.response_rate = 100.0 * done / total if total else 0.0

    @api.ondelete(at_uninstall=False)
    def _unlink_except_launched(self):
        if any(campaign.state != "draft" for campaign in self):
            raise UserError(self.env._("A launched campaign holds answers: it cannot be deleted."))

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def _check_manager(self):
        if not self.env.su and not self.env.user.has_group("mfg_kpi.group_kpi_manager"):
            raise AccessError(
                self.env._("Only KPI managers launch and close satisfaction surveys.")
            )

    def action_launch(self):
        """Send the invitations: one survey answer per respondent and subject, an activity
        for the respondents with a user, an email for the others. Set-based."""
        self._check_manager()
        if any(campaign.state != "draft" for campaign in self):
            raise UserError(self.env._("Only a draft campaign can be launched."))
        self.rule_id._check_ready()
        for campaign in self:
            if campaign.period_id.state == "locked":
                raise UserError(
                    self.env._(
                        "%(period)s is locked: its satisfaction scores can no longer change.",
                        period=campaign.period_id.display_name,
                    )
                )
            if not campaign.rule_id.survey_id.active:
                raise UserError(
                    self.env._("The survey of “%(rule)s” is archived.", rule=campaign.rule_id.name)
                )
        today = fields.Date.context_today(self)
        answer_vals, campaigns = [], self.sudo()
        for campaign in campaigns:
            pairs = campaign.rule_id._pairs()
            if not pairs:
                raise UserError(
                    self.env._(
                        "“%(rule)s” has nobody to ask: check its positions, departments and "
                        "contacts (employees answer through their user or work contact).",
                        rule=campaign.rule_id.name,
                    )
                )
            answer_vals += [
                {
                    "survey_id": campaign.survey_id.id,
                    "partner_id": partner.id,
                    "email": partner.email,
                    "nickname": partner.name,
                    "mfg_campaign_id": campaign.id,
                    "mfg_subject_employee_id": employee.id or False,
                    "mfg_subject_department_id": department.id or False,
                }
                for partner, employee, department in pairs
            ]
        answers = self.env["survey.user_input"].sudo().create(answer_vals)
        for campaign in campaigns:
            campaign.write(
                {
                    "state": "open",
                    "date_launched": fields.Datetime.now(),
                    "deadline": campaign.deadline or today + timedelta(days=14),
                }
            )
        answers._mfg_send_invitations()
        return True

    def action_close(self):
        self._check_manager()
        if any(campaign.state != "open" for campaign in self):
            raise UserError(self.env._("Only a campaign collecting answers can be closed."))
        self.sudo().write({"state": "closed"})
        # The open invitations are no longer due.
        self.env["mail.activity"].sudo().search(
            [
                ("res_model", "=", self._name),
                ("res_id", "in", self.ids),
                ("activity_type_id", "=", self.env.ref(INVITE_ACTIVITY).id),
            ]
        ).unlink()
        return True

    def action_view_answers(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Answers"),
            "res_model": "survey.user_input",
            "view_mode": "list,form",
            "domain": [("mfg_campaign_id", "=", self.id)],
            "context": {"create": False},
        }

    @api.model
    def _invitation_note(self, answers):
        """The invitation of one respondent: a link to each of their answers, named after the
        subject rated."""
        items = Markup("").join(
            Markup('<li><a href="%s">%s</a></li>')
            % (
                answer.survey_id.get_base_url() + answer.get_start_url(),
                answer.mfg_subject_name or self.env._("Your rating"),
            )
            for answer in answers
        )
        return Markup("<p>%s</p><ul>%s</ul>") % (
            escape(self.env._("Please answer the satisfaction survey about:")),
            items,
        )
