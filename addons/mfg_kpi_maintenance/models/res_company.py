# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

PRIORITIES = [("0", "Very Low"), ("1", "Low"), ("2", "Normal"), ("3", "High")]


class ResCompany(models.Model):
    _inherit = "res.company"

    mfg_repair_limit_hours = fields.Float(
        string="Repair Time Limit (hours)",
        default=24.0,
        help="A breakdown (corrective request) repaired within this many hours of being reported "
        "counts as repaired in time.",
    )
    mfg_emergency_priority = fields.Selection(
        PRIORITIES,
        string="Emergency Repair Priority",
        default="3",
        help="Breakdowns of this priority or higher are emergency repairs (设备事故抢修).",
    )
    mfg_emergency_repair_hours = fields.Float(
        string="Emergency Repair Time Limit (hours)",
        default=4.0,
        help="An emergency repair done within this many hours of the report counts as in time.",
    )
    mfg_preventive_grace_days = fields.Integer(
        string="Preventive Maintenance Grace (days)",
        default=0,
        help="A preventive request done at most this many days after its scheduled date still "
        "counts as done on schedule.",
    )
    mfg_record_filing_days = fields.Integer(
        string="Record Filing Limit (days)",
        default=2,
        help="A maintenance record completed (work done, and failure cause for breakdowns) at "
        "most this many days after the request was done counts as filed in time.",
    )
    mfg_check_kind_ids = fields.Many2many(
        "maintenance.kind",
        string="Equipment Check Kinds",
        help="Kinds of preventive maintenance that count as equipment checks (设备检查). "
        "Empty: every preventive request done counts.",
    )
    mfg_output_kpi_id = fields.Many2one(
        "mfg.kpi",
        string="Output Quantity KPI",
        help="KPI holding the company's output quantity per period, used for the maintenance "
        "cost per unit of output. Empty: the manual KPI 'Output quantity for maintenance cost'.",
    )
