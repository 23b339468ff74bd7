# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class PurchaseOrder(models.Model):
    _inherit = "purchase.order"

    mfg_cancel_date = fields.Datetime(
        string="Cancelled After Confirmation",
        readonly=True,
        copy=False,
        help="When the confirmed order was cancelled; such an order counts as an order error.",
    )

    def button_cancel(self):
        confirmed = self.filtered(lambda order: order.state == "purchase")
        result = super().button_cancel()
        confirmed.filtered(lambda order: order.state == "cancel").write(
            {"mfg_cancel_date": fields.Datetime.now()}
        )
        return result
