# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .. import policy

STATES = [("issued", "In Service"), ("renewed", "Renewed"), ("returned", "Returned")]
RENEWAL_ACTIVITY = "mfg_safety.mail_activity_type_ppe_renewal"
RENEWAL_NOTICE_DAYS = 14


class MfgSafetyPpeIssue(models.Model):
    """Protective equipment handed to an employee, in service until its expiry date, then
    renewed (a new issue)."""

    _name = "mfg.safety.ppe.issue"
    _description = "Protective Equipment Issue"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_issue desc, id desc"
    _check_company_auto = True

    employee_id = fields.Many2one(
        "hr.employee", required=True, check_company=True, index=True, tracking=True
    )
    job_id = fields.Many2one(
        "hr.job", string="Position", compute="_compute_job_id", store=True, index=True
    )
    ppe_type_id = fields.Many2one(
        "mfg.safety.ppe.type",
        string="Equipment",
        required=True,
        check_company=True,
        index=True,
        tracking=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    date_issue = fields.Date(
        string="Issued On", required=True, default=fields.Date.context_today, tracking=True
    )
    date_expiry = fields.Date(
        string="Renew By", compute="_compute_date_expiry", store=True, index=True
    )
    quantity = fields.Integer(default=1, required=True)
    state = fields.Selection(STATES, default="issued", required=True, readonly=True, tracking=True)
    renewal_id = fields.Many2one("mfg.safety.ppe.issue", string="Renewed By", readonly=True)
    is_due = fields.Boolean(
        string="Renewal Due",
        compute="_compute_is_due",
        search="_search_is_due",
        help="In service and expiring within two weeks (or expired).",
    )

    @api.constrains("quantity")
    def _check_quantity(self):
        if any(issue.quantity <= 0 for issue in self):
            raise ValidationError(self.env._("The quantity issued must be positive."))

    @api.depends("employee_id")
    def _compute_job_id(self):
        for issue in self:
            issue.job_id = issue.employee_id.job_id

    @api.depends("date_issue", "ppe_type_id.validity_months")
    def _compute_date_expiry(self):
        for issue in self:
            issue.date_expiry = (
                issue.ppe_type_id._expiry(issue.date_issue) if issue.ppe_type_id else False
            )

    def _due_limit(self):
        return fields.Date.context_today(self) + timedelta(days=RENEWAL_NOTICE_DAYS)

    @api.depends("state", "date_expiry")
    def _compute_is_due(self):
        limit = self._due_limit()
        for issue in self:
            issue.is_due = bool(
                issue.state == "issued" and issue.date_expiry and issue.date_expiry <= limit
            )

    def _search_is_due(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on Renewal Due."))
        domain = [("state", "=", "issued"), ("date_expiry", "<=", self._due_limit())]
        return domain if (operator == "=") == value else ["!", "&", *domain]

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            policy.require_officer(self.env, self.env._("issue protective equipment"))
            for vals in vals_list:
                policy.refuse_fields(
                    self.env,
                    self.env._("a new issue"),
                    policy.set_fields(vals) & {"state", "renewal_id"},
                    (),
                )
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            policy.require_officer(self.env, self.env._("change an issue"))
            policy.refuse_fields(
                self.env, self.env._("an issue"), set(vals) & {"state", "renewal_id"}, ()
            )
        return super().write(vals)

    def action_renew(self):
        """Hand out new equipment today: a new issue replaces this one."""
        policy.require_officer(self.env, self.env._("renew protective equipment"))
        if any(issue.state != "issued" for issue in self):
            raise UserError(self.env._("Only equipment in service is renewed."))
        today = fields.Date.context_today(self)
        renewals = self.create(
            [
                {
                    "employee_id": issue.employee_id.id,
                    "ppe_type_id": issue.ppe_type_id.id,
                    "company_id": issue.company_id.id,
                    "date_issue": today,
                    "quantity": issue.ppe_type_id.quantity,
                }
                for issue in self
            ]
        )
        for issue, renewal in zip(self, renewals, strict=True):
            issue.sudo().write({"state": "renewed", "renewal_id": renewal.id})
        self.sudo().activity_feedback([RENEWAL_ACTIVITY])
        return renewals

    def action_return(self):
        policy.require_officer(self.env, self.env._("record a return"))
        self.filtered(lambda issue: issue.state == "issued").sudo().write({"state": "returned"})
        return True

    @api.model
    def _cron_renewal(self):
        """A renewal activity for whoever issued each equipment due for renewal, once."""
        issues = self.search([("is_due", "=", True)])
        if not issues:
            return
        activity_type = self.env.ref(RENEWAL_ACTIVITY)
        flagged = set(
            self.env["mail.activity"]
            .search_fetch(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", issues.ids),
                    ("activity_type_id", "=", activity_type.id),
                ],
                ["res_id"],
            )
            .mapped("res_id")
        )
        model_id = self.env["ir.model"]._get_id(self._name)
        self.env["mail.activity"].sudo().create(
            [
                {
                    "res_model_id": model_id,
                    "res_id": issue.id,
                    "activity_type_id": activity_type.id,
                    "automated": True,
                    "user_id": issue.create_uid.id,
                    "date_deadline": issue.date_expiry,
                    "summary": self.env._(
                        "Renew %(ppe)s of %(employee)s",
                        ppe=issue.ppe_type_id.name,
                        employee=issue.employee_id.name,
                    ),
                }
                for issue in issues
                if issue.id not in flagged
            ]
        )

    @api.depends("employee_id", "ppe_type_id")
    def _compute_display_name(self):
        for issue in self:
            issue.display_name = f"{issue.ppe_type_id.name or ''} · {issue.employee_id.name or ''}"
