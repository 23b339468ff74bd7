# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    mfg_expiry_inspection_days = fields.Integer(
        string="Near-expiry Inspection Lead Time",
        default=0,
        help="Days before a lot's alert date when its near-expiry inspection is scheduled "
        "(0: on the alert date).",
    )

    @api.constrains("mfg_expiry_inspection_days")
    def _check_mfg_expiry_inspection_days(self):
        if any(company.mfg_expiry_inspection_days < 0 for company in self):
            raise ValidationError(
                self.env._("The near-expiry inspection lead time cannot be negative.")
            )
