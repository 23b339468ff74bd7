# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    mfg_qc_inspection_hours = fields.Float(
        related="company_id.mfg_qc_inspection_hours", readonly=False
    )
