# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    mfg_late_tolerance_minutes = fields.Integer(
        string="Late/Early Tolerance (minutes)",
        default=0,
        help="A check-in later than the scheduled start, or a check-out earlier than the "
        "scheduled end, by more than this many minutes counts as a late arrival or an early "
        "departure.",
    )
