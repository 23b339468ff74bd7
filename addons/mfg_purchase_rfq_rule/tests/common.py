# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command
from odoo.tests import new_test_user
from odoo.tests.common import TransactionCase, freeze_time


class RfqRuleCase(TransactionCase):
    """A buyer, a purchase manager, suppliers and a product; the company asks three suppliers
    from 1000 up. Purchase only: no KPI library, no HR."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        cls.company2 = cls.env["res.company"].create({"name": "Second Factory"})
        cls.company.write(
            {
                "mfg_rfq_rule_active": True,
                "mfg_rfq_min_suppliers": 3,
                "mfg_rfq_amount_threshold": 1000.0,
            }
        )
        cls.buyer1 = new_test_user(
            cls.env, "mfg_rfq_buyer1", groups="purchase.group_purchase_user", name="Buyer One"
        )
        cls.purchase_manager = new_test_user(
            cls.env,
            "mfg_rfq_manager",
            groups="purchase.group_purchase_manager",
            name="Purchase Manager",
        )
        Partner = cls.env["res.partner"]
        cls.vendor1, cls.vendor2, cls.vendor3 = Partner.create(
            [{"name": f"Vendor {index}", "is_company": True} for index in (1, 2, 3)]
        )
        cls.product_a = cls.env["product.product"].create(
            {"name": "Steel Sheet", "type": "consu", "standard_price": 10.0}
        )

    def rfq(self, price, vendor=None, company=None, user=None):
        """An RFQ of buyer 1 for 10 × ``price`` (no taxes), read as ``user`` (buyer 1 by
        default, False: as the test admin)."""
        if user is None:
            user = self.buyer1
        company = company or self.company
        with freeze_time("2026-03-02 09:00:00"):
            order = (
                self.env["purchase.order"]
                .with_company(company)
                .create(
                    {
                        "partner_id": (vendor or self.vendor1).id,
                        "user_id": self.buyer1.id,
                        "company_id": company.id,
                        "order_line": [
                            Command.create(
                                {
                                    "product_id": self.product_a.id,
                                    "product_qty": 10,
                                    "price_unit": price,
                                    "date_planned": "2026-03-20 12:00:00",
                                    "tax_ids": [Command.clear()],
                                }
                            )
                        ],
                    }
                )
            )
        return order.with_user(user) if user else order

    def add_alternatives(self, order, vendors):
        wizard = (
            self.env["purchase.requisition.create.alternative"]
            .with_user(self.buyer1)
            .create({"origin_po_id": order.id, "partner_ids": [Command.set(vendors.ids)]})
        )
        wizard.action_create_alternative()
        return order.alternative_po_ids - order
