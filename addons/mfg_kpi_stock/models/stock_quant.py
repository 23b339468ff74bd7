# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class StockQuant(models.Model):
    _inherit = "stock.quant"

    def _apply_inventory(self, date=None):
        # A count applied from the physical inventory; direct edits of the on-hand quantity
        # (product form, quant inverse) are updates, not counts.
        quants = self
        context = self.env.context
        if not (context.get("from_inverse_qty") or context.get("mfg_direct_update")):
            quants = self.with_context(mfg_stock_count=True)
        return super(StockQuant, quants)._apply_inventory(date)

    def _set_inventory_quantity(self):
        quants = self.with_context(mfg_direct_update=True)
        return super(StockQuant, quants)._set_inventory_quantity()

    def _get_inventory_move_values(
        self, qty, location_id, location_dest_id, package_id=False, package_dest_id=False
    ):
        values = super()._get_inventory_move_values(
            qty,
            location_id,
            location_dest_id,
            package_id=package_id,
            package_dest_id=package_dest_id,
        )
        if self.env.context.get("mfg_stock_count"):
            values.update(
                mfg_is_count=True,
                mfg_count_matched=self.product_uom_id.is_zero(qty),
                mfg_count_book_qty=self.quantity,
                mfg_count_user_id=self.user_id.id or self.env.uid,
            )
        return values
