# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date, datetime

from odoo import Command
from odoo.addons.mfg_kpi.tests.common import ProviderCase
from odoo.tests import Form, new_test_user
from odoo.tests.common import freeze_time


class PurchaseKpiCase(ProviderCase):
    """Buyers, suppliers and products of a small purchasing department, and helpers to run real
    purchase flows (confirm, receive with backorders, return, cancel) at chosen dates."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        # Days are compared in the company's time zone: make it explicit.
        cls.company.resource_calendar_id.tz = "UTC"
        cls.company.partner_id.tz = "UTC"
        cls.company2 = cls.env["res.company"].create({"name": "Second Factory"})

        cls.buyer1 = new_test_user(
            cls.env,
            "mfg_pur_buyer1",
            groups="purchase.group_purchase_user,stock.group_stock_user",
            name="Buyer One",
        )
        cls.buyer2 = new_test_user(
            cls.env,
            "mfg_pur_buyer2",
            groups="purchase.group_purchase_user,stock.group_stock_user",
            name="Buyer Two",
        )
        cls.purchase_manager = new_test_user(
            cls.env,
            "mfg_pur_manager",
            groups="purchase.group_purchase_manager,stock.group_stock_user",
            name="Purchase Manager",
        )
        cls.department = cls.env["hr.department"].create({"name": "Purchasing"})
        Employee = cls.env["hr.employee"]
        cls.emp_buyer1 = Employee.create(
            {"name": "Buyer One", "user_id": cls.buyer1.id, "department_id": cls.department.id}
        )
        cls.emp_buyer2 = Employee.create(
            {"name": "Buyer Two", "user_id": cls.buyer2.id, "department_id": cls.department.id}
        )

        Partner = cls.env["res.partner"]
        country = cls.env.ref("base.cn")
        complete = {"street": "1 Road", "city": "Suzhou", "country_id": country.id}
        cls.vendor1 = Partner.create(
            {
                "name": "Vendor One",
                "is_company": True,
                "vat": "VAT-1",
                "email": "one@example.com",
                **complete,
            }
        )
        cls.vendor2 = Partner.create({"name": "Vendor Two", "is_company": True, **complete})
        cls.vendor3 = Partner.create(
            {"name": "Vendor Three", "is_company": True, "vat": "VAT-3", "phone": "123", **complete}
        )
        cls.vendor4 = Partner.create({"name": "Vendor Four", "is_company": True})
        cls.env["res.partner.bank"].create(
            [
                {"acc_number": "ACC-1", "partner_id": cls.vendor1.id},
                {"acc_number": "ACC-3", "partner_id": cls.vendor3.id},
            ]
        )

        Product = cls.env["product.product"]
        cls.product_a = Product.create(
            {"name": "Steel Sheet", "is_storable": True, "standard_price": 10.0}
        )
        cls.product_b = Product.create(
            {"name": "Bearing", "is_storable": True, "standard_price": 18.0}
        )
        cls.product_c = Product.create({"name": "Gasket", "is_storable": True})
        cls.service = Product.create({"name": "Freight", "type": "service"})

        cls.period = cls.env["mfg.kpi.period"]._get_or_create("month", date(2026, 3, 15))

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    @classmethod
    def kpi(cls, code):
        kpi = cls.env["mfg.kpi"].search([("code", "=", code)])
        assert kpi, f"KPI {code} is missing from the library"
        return kpi

    @classmethod
    def make_order(cls, buyer, vendor, lines, planned, when, company=None, **values):
        """A draft order of ``buyer`` created at ``when``; ``lines``: (product, qty, price)."""
        company = company or cls.company
        with freeze_time(when):
            return (
                cls.env["purchase.order"]
                .with_company(company)
                .create(
                    {
                        "partner_id": vendor.id,
                        "user_id": buyer.id,
                        "company_id": company.id,
                        "order_line": [
                            Command.create(
                                {
                                    "product_id": product.id,
                                    "product_qty": qty,
                                    "price_unit": price,
                                    "date_planned": planned,
                                }
                            )
                            for product, qty, price in lines
                        ],
                        **values,
                    }
                )
            )

    @classmethod
    def confirmed_order(cls, buyer, vendor, lines, planned, when, company=None, **values):
        order = cls.make_order(buyer, vendor, lines, planned, when, company=company, **values)
        return cls.confirm(order, when)

    @classmethod
    def confirm(cls, order, when):
        with freeze_time(when):
            order.button_confirm()
        return order

    @classmethod
    def receive(cls, order, quantities, when, backorder=True):
        """Validate the open receipt of ``order`` with ``quantities`` {product: qty}."""
        with freeze_time(when):
            picking = order.picking_ids.filtered(lambda p: p.state not in ("done", "cancel"))
            picking.ensure_one()
            for move in picking.move_ids:
                move.quantity = quantities.get(move.product_id, 0.0)
            picking.move_ids.picked = True
            action = picking.button_validate()
            if isinstance(action, dict) and action.get("res_model") == (
                "stock.backorder.confirmation"
            ):
                wizard = Form.from_action(cls.env, action).save()
                if backorder:
                    wizard.process()
                else:
                    wizard.process_cancel_backorder()
        return picking

    @classmethod
    def return_to_vendor(cls, picking, quantity, when):
        with freeze_time(when):
            wizard = Form(
                cls.env["stock.return.picking"].with_context(
                    active_ids=picking.ids, active_id=picking.id, active_model="stock.picking"
                )
            ).save()
            wizard.product_return_moves.quantity = quantity
            action = wizard.action_create_returns()
            returned = cls.env["stock.picking"].browse(action["res_id"])
            returned.move_ids.quantity = quantity
            returned.move_ids.picked = True
            returned.button_validate()
        return returned

    def compute(self, kpi, period=None, method=None):
        """Run the provider of ``kpi`` (or ``method``); return {subject record: value record}
        (unlike ``ProviderCase.compute``, which takes a code and returns the values)."""
        period = period or self.period
        Provider = self.env["mfg.kpi.provider"]
        if method:
            measures = getattr(Provider.sudo(), method)(kpi, period)
            self.env["mfg.kpi.value"].sudo()._store_measures(kpi, period, measures)
        else:
            Provider._compute_kpi(kpi, period)
        values = self.env["mfg.kpi.value"].search(
            [("kpi_id", "=", kpi.id), ("period_id", "=", period.id)]
        )
        return {value._subject_record(): value for value in values}

    def drilled(self, value):
        return self.env[value.drill_model].search(value._drill_domain())


def dt(text):
    return datetime.fromisoformat(text)
