# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class MrpWorkcenterProductivityLoss(models.Model):
    _inherit = "mrp.workcenter.productivity.loss"

    mfg_changeover = fields.Boolean(
        string="Changeover",
        help="Time logged with this reason is changeover (setup) time: the equipment changeover "
        "time KPI averages it per changeover. Odoo's Setup and Adjustments reason is one.",
    )
