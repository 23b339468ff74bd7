# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    mfg_expiry_inspection_days = fields.Integer(
        related="company_id.mfg_expiry_inspection_days", readonly=False
    )
