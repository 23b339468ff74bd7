# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    mfg_repair_limit_hours = fields.Float(
        related="company_id.mfg_repair_limit_hours", readonly=False
    )
    mfg_emergency_priority = fields.Selection(
        related="company_id.mfg_emergency_priority", readonly=False
    )
    mfg_emergency_repair_hours = fields.Float(
        related="company_id.mfg_emergency_repair_hours", readonly=False
    )
    mfg_preventive_grace_days = fields.Integer(
        related="company_id.mfg_preventive_grace_days", readonly=False
    )
    mfg_record_filing_days = fields.Integer(
        related="company_id.mfg_record_filing_days", readonly=False
    )
    mfg_check_kind_ids = fields.Many2many(related="company_id.mfg_check_kind_ids", readonly=False)
    mfg_output_kpi_id = fields.Many2one(related="company_id.mfg_output_kpi_id", readonly=False)
