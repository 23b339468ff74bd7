# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    mfg_qc_inspection_hours = fields.Float(
        string="Inspection Time Limit (hours)",
        default=24.0,
        help="An inspection done within this many hours of its planned date counts as done in "
        "time (质量检验工作及时完成率).",
    )
