# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    mfg_kiosk_team_ranking = fields.Boolean(
        string="Team Ranking on the Kiosk",
        help="Show each employee, on the workshop kiosk, their rank within their team on each "
        "KPI of the current period (their rank and the team's size only, never a colleague's "
        "value).",
    )
