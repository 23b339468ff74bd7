# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class StockMove(models.Model):
    _inherit = "stock.move"

    mfg_is_count = fields.Boolean(
        string="Stock Count",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="Inventory adjustment applied from a physical count (not a direct quantity update "
        "nor a relocation).",
    )
    mfg_count_matched = fields.Boolean(
        string="Count Matches Book",
        readonly=True,
        copy=False,
        help="The counted quantity equalled the quantity on the books (账实相符).",
    )
    mfg_count_book_qty = fields.Float(
        string="Book Quantity", digits="Product Unit", readonly=True, copy=False
    )
    mfg_count_user_id = fields.Many2one("res.users", string="Counted By", readonly=True, copy=False)
