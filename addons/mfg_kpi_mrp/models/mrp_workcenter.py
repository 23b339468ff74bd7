# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class MrpWorkcenter(models.Model):
    """Work centres belong to a workshop (车间) and optionally to one of its teams (班组)
    (``mfg.owned.mixin`` of ``mfg_org``); their production counts for the owners' KPIs."""

    _name = "mrp.workcenter"
    _inherit = ["mrp.workcenter", "mfg.owned.mixin"]

    mfg_department_id = fields.Many2one(
        tracking=True,
        help="Workshop (department) that owns this work centre; its production counts for the "
        "workshop's KPIs.",
    )
    mfg_team_id = fields.Many2one(
        tracking=True, help="Team (department below the workshop) that runs this work centre."
    )
