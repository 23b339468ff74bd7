# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import format_amount

WAIVER_FIELDS = {"mfg_rfq_waiver_reason", "mfg_rfq_waiver_user_id", "mfg_rfq_waiver_date"}


class PurchaseOrder(models.Model):
    _inherit = "purchase.order"

    mfg_rfq_supplier_count = fields.Integer(
        string="Suppliers Asked",
        compute="_compute_mfg_rfq_rule",
        help="Different suppliers asked for a quotation: the vendor of this order and the vendors "
        "of its alternative RFQs, whatever their state.",
    )
    mfg_rfq_rule_blocking = fields.Boolean(
        string="Quotation Rule Blocks Confirmation",
        compute="_compute_mfg_rfq_rule",
    )
    mfg_rfq_waiver_reason = fields.Text(
        string="Quotation Rule Waiver",
        readonly=True,
        copy=False,
        tracking=True,
        help="Why a purchase manager allowed confirming the order with fewer suppliers asked "
        "than the company requires.",
    )
    mfg_rfq_waiver_user_id = fields.Many2one(
        "res.users", string="Waived By", readonly=True, copy=False
    )
    mfg_rfq_waiver_date = fields.Datetime(string="Waived On", readonly=True, copy=False)

    @api.depends(
        "state",
        "partner_id",
        "alternative_po_ids.partner_id",
        "amount_total",
        "currency_id",
        "date_order",
        "mfg_rfq_waiver_date",
        "company_id.mfg_rfq_rule_active",
        "company_id.mfg_rfq_min_suppliers",
        "company_id.mfg_rfq_amount_threshold",
    )
    def _compute_mfg_rfq_rule(self):
        for order in self:
            orders = order | order.alternative_po_ids
            order.mfg_rfq_supplier_count = len(orders.partner_id.commercial_partner_id)
            order.mfg_rfq_rule_blocking = (
                order.state in ("draft", "sent") and order._mfg_rfq_rule_violated()
            )

    def write(self, vals):
        if (
            WAIVER_FIELDS & set(vals)
            and not self.env.su
            and not self.env.user.has_group("purchase.group_purchase_manager")
        ):
            raise AccessError(
                self.env._("Only a purchase manager can waive the quotation rule of an order.")
            )
        return super().write(vals)

    def _confirmation_error_message(self):
        error = super()._confirmation_error_message()
        if error or not self._mfg_rfq_rule_violated():
            return error
        company = self.company_id
        return self.env._(
            "%(order)s amounts to %(amount)s: ask at least %(minimum)s different suppliers for a "
            "quotation before confirming it (use Create Alternative on the Alternatives tab). "
            "Suppliers asked so far: %(count)s. A purchase manager may waive this rule with a "
            "reason.",
            order=self.display_name,
            amount=format_amount(self.env, self.amount_total, self.currency_id),
            minimum=company.mfg_rfq_min_suppliers,
            count=self.mfg_rfq_supplier_count,
        )

    def _mfg_rfq_rule_applies(self):
        """Whether the company's quotation rule covers this order (amount and no waiver)."""
        self.ensure_one()
        company = self.company_id
        if not company.mfg_rfq_rule_active or self.mfg_rfq_waiver_date:
            return False
        amount = self.currency_id._convert(
            self.amount_total,
            company.currency_id,
            company,
            self.date_order or fields.Date.context_today(self),
        )
        return company.currency_id.compare_amounts(amount, company.mfg_rfq_amount_threshold) >= 0

    def _mfg_rfq_rule_violated(self):
        self.ensure_one()
        return (
            self._mfg_rfq_rule_applies()
            and self.mfg_rfq_supplier_count < self.company_id.mfg_rfq_min_suppliers
        )

    def action_mfg_rfq_waive(self):
        """Open the waiver wizard (purchase managers only)."""
        self._mfg_check_rfq_manager()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Waive the Quotation Rule"),
            "res_model": "mfg.rfq.waiver.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_order_ids": self.ids},
        }

    def _mfg_check_rfq_manager(self):
        if not self.env.user.has_group("purchase.group_purchase_manager"):
            raise AccessError(
                self.env._("Only a purchase manager can waive the quotation rule of an order.")
            )

    def _mfg_waive_rfq_rule(self, reason):
        """Record a manager's waiver of the quotation rule, with its reason, in the chatter."""
        self._mfg_check_rfq_manager()
        reason = (reason or "").strip()
        if not reason:
            raise UserError(self.env._("Give the reason for waiving the quotation rule."))
        if self.filtered(lambda order: order.state not in ("draft", "sent")):
            raise UserError(
                self.env._("The quotation rule can only be waived before the order is confirmed.")
            )
        self.write(
            {
                "mfg_rfq_waiver_reason": reason,
                "mfg_rfq_waiver_user_id": self.env.user.id,
                "mfg_rfq_waiver_date": fields.Datetime.now(),
            }
        )
        for order in self:
            order.message_post(
                body=self.env._(
                    "Quotation rule waived by %(user)s (%(count)s of %(minimum)s suppliers asked). "
                    "Reason: %(reason)s",
                    user=self.env.user.name,
                    count=order.mfg_rfq_supplier_count,
                    minimum=order.company_id.mfg_rfq_min_suppliers,
                    reason=reason,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True
