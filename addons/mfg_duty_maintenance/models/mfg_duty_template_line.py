# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class MfgDutyTemplateLine(models.Model):
    _inherit = "mfg.duty.template.line"

    equipment_id = fields.Many2one(
        "maintenance.equipment",
        string="Equipment",
        check_company=True,
        help="The machine this check is about: a problem found on it raises a maintenance "
        "request for this equipment.",
    )
