# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    mfg_kiosk_team_ranking = fields.Boolean(
        related="company_id.mfg_kiosk_team_ranking", readonly=False
    )
