# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class MaintenanceEquipmentCategory(models.Model):
    _inherit = "maintenance.equipment.category"

    mfg_inspection_tool = fields.Boolean(
        string="Inspection Tools",
        help="Equipment of this category are inspection tools (gauges, testers): the inspection "
        "tool intact rate (检验工具完好率) counts them.",
    )
