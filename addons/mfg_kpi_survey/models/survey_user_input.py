# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import AccessError

from .mfg_kpi_survey_campaign import INVITE_ACTIVITY

# What links an answer to its campaign and subject: set when the campaign is launched only.
CAMPAIGN_FIELDS = frozenset(
    {"mfg_campaign_id", "mfg_subject_employee_id", "mfg_subject_department_id"}
)


class SurveyUserInput(models.Model):
    _inherit = "survey.user_input"

    mfg_campaign_id = fields.Many2one(
        "mfg.kpi.survey.campaign",
        string="Satisfaction Campaign",
        readonly=True,
        index="btree_not_null",
        ondelete="cascade",
    )
    mfg_subject_employee_id = fields.Many2one(
        "hr.employee", string="Rated Employee", readonly=True, index="btree_not_null"
    )
    mfg_subject_department_id = fields.Many2one(
        "hr.department", string="Rated Department", readonly=True, index="btree_not_null"
    )
    mfg_subject_name = fields.Char(
        compute="_compute_mfg_subject_name",
        string="Rated",
        compute_sudo=True,
        help="Whom the answer rates: an employee, a department or the company.",
    )

    @api.depends("mfg_campaign_id", "mfg_subject_employee_id", "mfg_subject_department_id")
    def _compute_mfg_subject_name(self):
        for answer in self:
            answer.mfg_subject_name = (
                answer.mfg_subject_employee_id.name
                or answer.mfg_subject_department_id.display_name
                or (answer.mfg_campaign_id and answer.mfg_campaign_id.company_id.name)
                or False
            )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and any(CAMPAIGN_FIELDS & set(vals) for vals in vals_list):
            raise AccessError(
                self.env._("Only the launch of a satisfaction campaign links answers to it.")
            )
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su and CAMPAIGN_FIELDS & set(vals):
            raise AccessError(
                self.env._("Only the launch of a satisfaction campaign links answers to it.")
            )
        return super().write(vals)

    def _mfg_send_invitations(self):
        """Invite the respondents of these campaign answers, once per campaign and respondent:
        an activity on the campaign (with the links to their answers) for those with a user, an
        email for the others; each kind created in one batch."""
        Campaign = self.env["mfg.kpi.survey.campaign"]
        activity_type = self.env.ref(INVITE_ACTIVITY)
        model_id = self.env["ir.model"]._get_id(Campaign._name)
        grouped = {}
        for answer in self:
            key = (answer.mfg_campaign_id, answer.partner_id)
            grouped[key] = grouped.get(key, self.browse()) | answer
        activities, mails = [], []
        for (campaign, partner), answers in grouped.items():
            user = partner.user_ids[:1]
            note = Campaign._invitation_note(answers)
            summary = campaign.survey_id.title
            if user:
                activities.append(
                    {
                        "res_model_id": model_id,
                        "res_id": campaign.id,
                        "activity_type_id": activity_type.id,
                        "user_id": user.id,
                        "summary": summary,
                        "note": note,
                        "date_deadline": campaign.deadline,
                    }
                )
            elif partner.email:
                mails.append(
                    {
                        "subject": summary,
                        "body_html": note,
                        "email_to": partner.email_formatted,
                        "recipient_ids": [(4, partner.id)],
                        "auto_delete": True,
                    }
                )
        self.env["mail.activity"].sudo().create(activities)
        self.env["mail.mail"].sudo().create(mails)

    def _mark_done(self):
        result = super()._mark_done()
        self._mfg_close_invitations()
        return result

    def _mfg_close_invitations(self):
        """Mark done the invitation activities of respondents who answered every survey of
        their campaign (a fixed number of queries)."""
        answers = self.sudo().filtered("mfg_campaign_id")
        if not answers:
            return
        campaigns = answers.mfg_campaign_id
        open_left = {
            (campaign.id, partner.id)
            for campaign, partner in self.sudo()._read_group(
                [("mfg_campaign_id", "in", campaigns.ids), ("state", "!=", "done")],
                ["mfg_campaign_id", "partner_id"],
            )
        }
        finished_users = {
            (answer.mfg_campaign_id.id, user.id)
            for answer in answers
            for user in answer.partner_id.user_ids[:1]
            if (answer.mfg_campaign_id.id, answer.partner_id.id) not in open_left
        }
        if not finished_users:
            return
        activities = (
            self.env["mail.activity"]
            .sudo()
            .search(
                [
                    ("res_model", "=", "mfg.kpi.survey.campaign"),
                    ("res_id", "in", campaigns.ids),
                    ("activity_type_id", "=", self.env.ref(INVITE_ACTIVITY).id),
                    ("user_id", "in", [user_id for _c, user_id in finished_users]),
                ]
            )
        )
        activities.filtered(lambda a: (a.res_id, a.user_id.id) in finished_users).action_feedback(
            feedback=self.env._("Answered.")
        )
