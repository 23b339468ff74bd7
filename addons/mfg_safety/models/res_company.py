# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    mfg_safety_report_days = fields.Integer(
        string="Accident Report Due (days)",
        default=7,
        help="Days after an accident by which its investigation report is due.",
    )
    mfg_safety_handling_days = fields.Integer(
        string="Accident Handling Limit (days)",
        default=30,
        help="Days after an accident by which it must be closed (handled in time).",
    )
    mfg_safety_output_kpi_id = fields.Many2one(
        "mfg.kpi",
        string="Output Value KPI (safety)",
        help="Company-level KPI whose value is the output value the safety accident loss rate "
        "divides by (default: Output value for the safety loss rate, entered by hand).",
    )

    @api.constrains("mfg_safety_report_days", "mfg_safety_handling_days")
    def _check_mfg_safety_days(self):
        for company in self:
            if company.mfg_safety_report_days < 0 or company.mfg_safety_handling_days < 0:
                raise ValidationError(
                    self.env._("Safety report and handling limits cannot be negative.")
                )
