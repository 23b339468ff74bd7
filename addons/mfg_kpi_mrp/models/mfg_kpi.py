# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class MfgKpi(models.Model):
    _inherit = "mfg.kpi"

    # The MRP providers measure every order and work order per work centre as well.
    subject_level = fields.Selection(
        selection_add=[("workcenter", "Work Centre"), ("equipment",)],
        ondelete={"workcenter": "set equipment"},
    )
