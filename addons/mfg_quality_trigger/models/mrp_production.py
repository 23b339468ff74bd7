# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class MrpProduction(models.Model):
    _name = "mrp.production"
    _inherit = ["mrp.production", "mfg.qc.inspection.source"]
    _mfg_qc_inspection_field = "mfg_production_id"

    mfg_qc_inspection_ids = fields.One2many(
        "qc.inspection",
        "mfg_production_id",
        string="Inspections",
        readonly=True,
        groups="quality_control_oca.group_quality_control_user",
    )
