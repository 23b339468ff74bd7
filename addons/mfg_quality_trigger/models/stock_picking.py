# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class StockPicking(models.Model):
    _name = "stock.picking"
    _inherit = ["stock.picking", "mfg.qc.inspection.source"]
    _mfg_qc_inspection_field = "mfg_picking_id"

    mfg_qc_inspection_ids = fields.One2many(
        "qc.inspection",
        "mfg_picking_id",
        string="Inspections",
        readonly=True,
        groups="quality_control_oca.group_quality_control_user",
    )
