# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class MfgRfqWaiverWizard(models.TransientModel):
    """A purchase manager allows confirming orders with fewer suppliers asked, with a reason."""

    _name = "mfg.rfq.waiver.wizard"
    _description = "Quotation Rule Waiver"

    order_ids = fields.Many2many("purchase.order", string="Orders", required=True)
    reason = fields.Text(required=True)
    confirm_orders = fields.Boolean(
        string="Confirm the Orders", default=True, help="Confirm the orders right after the waiver."
    )

    def action_waive(self):
        self.ensure_one()
        self.order_ids._mfg_waive_rfq_rule(self.reason)
        if self.confirm_orders:
            to_confirm = self.order_ids.filtered(lambda order: order.state in ("draft", "sent"))
            action = to_confirm.button_confirm()
            if isinstance(action, dict):
                # purchase_requisition asks what to do with the open alternative RFQs.
                return action
        return {"type": "ir.actions.act_window_close"}
