# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class MfgKpi(models.Model):
    _inherit = "mfg.kpi"

    subject_level = fields.Selection(
        selection_add=[("supplier", "Supplier")], ondelete={"supplier": "set default"}
    )
