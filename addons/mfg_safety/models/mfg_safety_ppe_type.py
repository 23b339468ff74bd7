# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .. import policy


class MfgSafetyPpeType(models.Model):
    """A kind of personal protective equipment (劳动防护用品) issued to the holders of some
    positions, renewed after its service life."""

    _name = "mfg.safety.ppe.type"
    _description = "Protective Equipment"
    _order = "name"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    job_ids = fields.Many2many(
        "hr.job", string="Positions", help="Positions whose holders are issued this equipment."
    )
    validity_months = fields.Integer(
        string="Service Life (months)",
        default=12,
        required=True,
        help="Months after issue when the equipment is renewed.",
    )
    quantity = fields.Integer(default=1, required=True, help="Pieces issued each time.")
    note = fields.Text(string="Use")

    @api.constrains("validity_months", "quantity")
    def _check_figures(self):
        for ppe in self:
            if ppe.validity_months <= 0 or ppe.quantity <= 0:
                raise ValidationError(
                    self.env._(
                        "%(ppe)s: the service life and the quantity must be positive.",
                        ppe=ppe.name,
                    )
                )

    def action_issue_to_positions(self):
        """Issue the equipment, today, to every holder of its positions who has none in
        service (set-based). Returns the new issues."""
        policy.require_officer(self.env, self.env._("issue protective equipment"))
        today = fields.Date.context_today(self)
        Issue = self.env["mfg.safety.ppe.issue"]
        # Officers need not be HR users to see who holds a position.
        employees = (
            self.env["hr.employee"]
            .sudo()
            .search_fetch(
                [("job_id", "in", self.job_ids.ids), ("company_id", "in", self.company_id.ids)],
                ["job_id", "company_id"],
            )
        )
        in_service = {
            (issue.ppe_type_id.id, issue.employee_id.id)
            for issue in Issue.sudo().search_fetch(
                [
                    ("ppe_type_id", "in", self.ids),
                    ("employee_id", "in", employees.ids),
                    ("state", "=", "issued"),
                    ("date_expiry", ">=", today),
                ],
                ["ppe_type_id", "employee_id"],
            )
        }
        vals_list = [
            {
                "ppe_type_id": ppe.id,
                "employee_id": employee.id,
                "company_id": ppe.company_id.id,
                "date_issue": today,
                "quantity": ppe.quantity,
            }
            for ppe in self
            for employee in employees
            if employee.job_id.id in ppe.job_ids.ids
            and employee.company_id.id == ppe.company_id.id
            and (ppe.id, employee.id) not in in_service
        ]
        return Issue.create(vals_list)

    def _expiry(self, date_issue):
        self.ensure_one()
        return date_issue + relativedelta(months=self.validity_months) if date_issue else False
