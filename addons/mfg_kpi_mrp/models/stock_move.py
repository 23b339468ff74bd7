# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class StockMove(models.Model):
    _inherit = "stock.move"

    mfg_bom_unit_qty = fields.Float(
        string="Standard Quantity per Unit",
        digits=0,
        readonly=True,
        help="Quantity of this component, in its product unit, that the bill of materials "
        "allows per unit of finished product; recorded when the manufacturing order is "
        "confirmed and carried to its backorders. Material consumption is compared with it.",
    )
