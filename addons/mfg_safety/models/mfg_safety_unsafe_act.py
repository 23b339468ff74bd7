# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from .. import policy

KINDS = [
    ("procedure", "Operating procedure violated"),
    ("ppe", "Protective equipment not worn"),
    ("other", "Other unsafe act"),
]
RECORD_FIELDS = {
    "employee_id",
    "date",
    "kind",
    "description",
    "incident_id",
    "hazard_id",
    "company_id",
}


class MfgSafetyUnsafeAct(models.Model):
    """An unsafe act (不安全行为) of an employee, seen on the floor or found by an accident
    investigation. Counts as a violation of the operating procedures and excludes the employee
    from the team appraisal of its period."""

    _name = "mfg.safety.unsafe.act"
    _description = "Unsafe Act"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"
    _check_company_auto = True

    employee_id = fields.Many2one(
        "hr.employee", required=True, check_company=True, index=True, tracking=True
    )
    department_id = fields.Many2one(
        "hr.department", compute="_compute_department_id", store=True, index=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    date = fields.Date(required=True, default=fields.Date.context_today, index=True, tracking=True)
    kind = fields.Selection(KINDS, required=True, default="procedure", tracking=True)
    description = fields.Text(required=True)
    incident_id = fields.Many2one("mfg.safety.incident", check_company=True, index=True)
    hazard_id = fields.Many2one("mfg.safety.hazard", check_company=True, index=True)
    recorded_by_id = fields.Many2one(
        "res.users", string="Recorded By", default=lambda self: self.env.user, readonly=True
    )

    @api.depends("employee_id")
    def _compute_department_id(self):
        for act in self:
            act.department_id = act.employee_id.department_id

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            if not policy.is_manager(self.env):
                raise UserError(
                    self.env._("Only a safety officer or a workshop manager records unsafe acts.")
                )
            for vals in vals_list:
                policy.refuse_fields(
                    self.env, self.env._("a new unsafe act"), policy.set_fields(vals), RECORD_FIELDS
                )
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            allowed = RECORD_FIELDS if policy.is_officer(self.env) else set()
            for act in self:
                policy.refuse_fields(self.env, act.display_name, vals, allowed)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_officer(self):
        if not self.env.su:
            policy.require_officer(self.env, self.env._("delete an unsafe act"))

    @api.depends("employee_id", "date")
    def _compute_display_name(self):
        for act in self:
            act.display_name = f"{act.employee_id.name or ''} {act.date or ''}".strip()
