# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class MfgShopfloorAttempt(models.Model):
    """A wrong badge or PIN entered on a workshop kiosk (for the rate limit and the audit)."""

    _name = "mfg.shopfloor.attempt"
    _description = "Failed Kiosk Identification"
    _order = "date desc, id desc"

    department_id = fields.Many2one(
        "hr.department", string="Workshop", required=True, readonly=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="department_id.company_id", store=True)
    method = fields.Selection([("badge", "Badge"), ("pin", "PIN")], required=True, readonly=True)
    date = fields.Datetime(required=True, readonly=True, index=True)

    _department_date_index = models.Index("(department_id, date)")
