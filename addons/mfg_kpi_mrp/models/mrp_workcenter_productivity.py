# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class MrpWorkcenterProductivity(models.Model):
    _inherit = "mrp.workcenter.productivity"

    mfg_estimated = fields.Boolean(
        string="Estimated",
        readonly=True,
        copy=False,
        help="Odoo filled in the expected duration because no time was tracked when the work "
        "order was finished. Production KPIs do not count it as time worked.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        if self.env.context.get("mfg_estimated_time"):
            for vals in vals_list:
                vals.setdefault("mfg_estimated", True)
        return super().create(vals_list)
