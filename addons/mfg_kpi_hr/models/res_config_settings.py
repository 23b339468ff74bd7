# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    mfg_late_tolerance_minutes = fields.Integer(
        related="company_id.mfg_late_tolerance_minutes", readonly=False
    )
