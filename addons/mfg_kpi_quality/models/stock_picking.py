# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class StockPicking(models.Model):
    _inherit = "stock.picking"

    mfg_qc_inspection_ids = fields.One2many(
        "qc.inspection",
        "mfg_picking_id",
        string="Inspections",
        readonly=True,
        groups="quality_control_oca.group_quality_control_user",
    )
    mfg_qc_inspection_count = fields.Integer(
        string="Inspection Count",
        compute="_compute_mfg_qc_inspection_count",
        groups="quality_control_oca.group_quality_control_user",
    )

    def _compute_mfg_qc_inspection_count(self):
        counts = dict(
            self.env["qc.inspection"]._read_group(
                [("mfg_picking_id", "in", self.ids)], ["mfg_picking_id"], ["__count"]
            )
        )
        for picking in self:
            picking.mfg_qc_inspection_count = counts.get(picking, 0)

    def action_mfg_open_inspections(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "quality_control_oca.action_qc_inspection"
        )
        action["domain"] = [("mfg_picking_id", "=", self.id)]
        action["context"] = {"create": False}
        return action
