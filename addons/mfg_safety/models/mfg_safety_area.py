# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class MfgSafetyArea(models.Model):
    """A place of the factory that is inspected and where hazards and accidents are located:
    a workshop area, a line, a store; owned by a workshop (and team)."""

    _name = "mfg.safety.area"
    _description = "Safety Area"
    _inherit = ["mfg.owned.mixin"]
    _order = "sequence, name"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    code = fields.Char()
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    equipment_ids = fields.Many2many(
        "maintenance.equipment",
        string="Equipment",
        check_company=True,
        help="Equipment located in the area (proposed when recording hazards).",
    )
    officer_id = fields.Many2one(
        "res.users",
        string="Safety Officer",
        help="Safety officer who follows the area: receives the overdue reminders.",
    )
    note = fields.Text()
