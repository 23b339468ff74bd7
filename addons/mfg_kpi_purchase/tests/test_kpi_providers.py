# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from ast import literal_eval
from datetime import date

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tests.common import freeze_time

from .common import PurchaseKpiCase

COMPUTE_AT = "2026-04-05 12:00:00"


@tagged("post_install", "-at_install")
class TestPurchaseKpiProviders(PurchaseKpiCase):
    """March 2026 of a purchasing department, run through real orders and receipts.

    - PO0 (Feb, buyer 1, vendor 1): A 10 @ 10, the last price of A before March.
    - PO1 (buyer 1, vendor 1): A 10 @ 12 planned 10 March; 6 received on 9 March (backorder),
      4 on 12 March (late).
    - PO2 (buyer 1, vendor 2, blanket order at 18): B 5 @ 20 planned 15 March, received on the
      day; 2 returned to the vendor on 20 March.
    - PO3 (buyer 2, vendor 1): A 8 @ 9 planned 20 March, never received.
    - PO4 (buyer 2, vendor 1): A 3 @ 11 planned 20 March, confirmed then cancelled on 6 March.
    - PO5 (buyer 2, vendor 3): C 2 @ 50 and freight, planned in April; price corrected to 45.
    - PO6 (second company, buyer 1, vendor 1): A 1 @ 1 planned and received in March.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        A, B, C = cls.product_a, cls.product_b, cls.product_c
        cls.po0 = cls.confirmed_order(
            cls.buyer1, cls.vendor1, [(A, 10, 10.0)], "2026-02-20 12:00:00", "2026-02-10 09:00:00"
        )
        cls.po1 = cls.confirmed_order(
            cls.buyer1, cls.vendor1, [(A, 10, 12.0)], "2026-03-10 12:00:00", "2026-03-01 09:00:00"
        )
        cls.blanket = cls.env["purchase.requisition"].create(
            {
                "vendor_id": cls.vendor2.id,
                "requisition_type": "blanket_order",
                "line_ids": [
                    Command.create({"product_id": B.id, "product_qty": 100, "price_unit": 18.0})
                ],
            }
        )
        cls.blanket.action_confirm()
        cls.po2 = cls.confirmed_order(
            cls.buyer1,
            cls.vendor2,
            [(B, 5, 20.0)],
            "2026-03-15 12:00:00",
            "2026-03-02 09:00:00",
            requisition_id=cls.blanket.id,
        )
        cls.po3 = cls.confirmed_order(
            cls.buyer2, cls.vendor1, [(A, 8, 9.0)], "2026-03-20 12:00:00", "2026-03-03 09:00:00"
        )
        cls.po4 = cls.confirmed_order(
            cls.buyer2, cls.vendor1, [(A, 3, 11.0)], "2026-03-20 12:00:00", "2026-03-04 09:00:00"
        )
        with freeze_time("2026-03-06 09:00:00"):
            cls.po4.button_cancel()
        cls.po5 = cls.confirmed_order(
            cls.buyer2,
            cls.vendor3,
            [(C, 2, 50.0), (cls.service, 1, 30.0)],
            "2026-04-10 12:00:00",
            "2026-03-05 09:00:00",
        )
        with freeze_time("2026-03-07 09:00:00"):
            cls.po5.order_line.filtered(lambda line: line.product_id == C).price_unit = 45.0
        cls.po6 = cls.confirmed_order(
            cls.buyer1,
            cls.vendor1,
            [(A, 1, 1.0)],
            "2026-03-10 12:00:00",
            "2026-03-01 09:00:00",
            company=cls.company2,
        )

        cls.receive(cls.po0, {A: 10}, "2026-02-20 10:00:00")
        cls.po1_first = cls.receive(cls.po1, {A: 6}, "2026-03-09 10:00:00")
        cls.po1_backorder = cls.receive(cls.po1, {A: 4}, "2026-03-12 10:00:00")
        cls.po2_receipt = cls.receive(cls.po2, {B: 5}, "2026-03-15 10:00:00")
        cls.return_to_vendor(cls.po2_receipt, 2.0, "2026-03-20 10:00:00")
        cls.receive(cls.po6, {A: 1}, "2026-03-09 10:00:00")

    def compute(self, kpi, period=None, method=None):
        with freeze_time(COMPUTE_AT):
            return super().compute(kpi, period, method)

    def line(self, order, product=None):
        return order.order_line.filtered(lambda ln: not product or ln.product_id == product)

    # ------------------------------------------------------------------
    def test_on_time_arrival_per_buyer(self):
        values = self.compute(self.kpi("PURCHASE_ON_TIME_ARRIVAL_RATE"))
        # Buyer 1: PO1 line 6/10 on time (backorder late) = 0.6, PO2 line 5/5 = 1 → 1.6 / 2.
        self.assertAlmostEqual(values[self.emp_buyer1].value, 80.0)
        self.assertAlmostEqual(values[self.emp_buyer1].numerator, 1.6)
        self.assertEqual(values[self.emp_buyer1].denominator, 2)
        # Buyer 2: PO3 due 20 March and never received = 0; PO4 cancelled, PO5 due in April.
        self.assertAlmostEqual(values[self.emp_buyer2].value, 0.0)
        self.assertEqual(values[self.emp_buyer2].denominator, 1)
        self.assertEqual(set(values), {self.emp_buyer1, self.emp_buyer2})
        self.assertEqual(
            self.drilled(values[self.emp_buyer1]), self.line(self.po1) | self.line(self.po2)
        )
        self.assertEqual(self.drilled(values[self.emp_buyer2]), self.line(self.po3))

    def test_on_time_rate_per_supplier(self):
        values = self.compute(self.kpi("SUPPLIER_ON_TIME_RATE"))
        # Vendor 1: PO1 0.6 + PO3 0 over 2 lines (PO6 is the second company's).
        self.assertAlmostEqual(values[self.vendor1].value, 30.0)
        self.assertAlmostEqual(values[self.vendor2].value, 100.0)
        self.assertNotIn(self.vendor3, values, "PO5 is not due yet: no value, not a zero")
        self.assertEqual(values[self.vendor1].subject_type, "record")

    def test_purchase_plan_on_time_per_department_and_company(self):
        values = self.compute(self.kpi("PURCHASE_PLAN_ON_TIME_RATE"))
        # Lines fully received by their planned day: only PO2's, out of PO1, PO2 and PO3.
        for subject in (self.department, self.company):
            self.assertAlmostEqual(values[subject].value, 100.0 / 3, places=4)
            self.assertEqual((values[subject].numerator, values[subject].denominator), (1, 3))

    def test_quality_pass_rate_from_vendor_returns(self):
        # An inspection bridge may provide this code; test this module's provider itself.
        values = self.compute(
            self.kpi("PURCHASE_QUALITY_PASS_RATE"), method="_provide_purchase_quality"
        )
        # Receipts done in March: PO1 (6), PO1 backorder (4), PO2 (5, partly returned) → 2/3.
        self.assertAlmostEqual(values[self.company].value, 200.0 / 3, places=4)
        self.assertAlmostEqual(values[self.department].value, 200.0 / 3, places=4)
        receipts = (self.po1_first | self.po1_backorder | self.po2_receipt).move_ids
        self.assertEqual(self.drilled(values[self.company]), receipts)

    def test_quality_pass_rate_per_supplier(self):
        values = self.compute(self.kpi("SUPPLIER_QUALITY_PASS_RATE"))
        self.assertAlmostEqual(values[self.vendor1].value, 100.0)
        self.assertAlmostEqual(values[self.vendor2].value, 0.0)

    def test_price_control_per_buyer(self):
        values = self.compute(self.kpi("PURCHASE_PRICE_CONTROL"))
        # Buyer 1: PO1 120 vs last price 10 × 10 = 100; PO2 100 vs agreed 18 × 5 = 90
        # → 220 / 190. Buyer 2: PO3 72 vs last price (PO1) 12 × 8 = 96; PO5 has no reference.
        self.assertAlmostEqual(values[self.emp_buyer1].value, 22000.0 / 190, places=4)
        self.assertAlmostEqual(values[self.emp_buyer2].value, 75.0)
        self.assertEqual(self.drilled(values[self.emp_buyer2]), self.line(self.po3))

    def test_price_index_per_supplier(self):
        values = self.compute(self.kpi("SUPPLIER_PRICE_INDEX"))
        # Vendor 1: (120 + 72) / (100 + 96); vendor 2: 100 / 90.
        self.assertAlmostEqual(values[self.vendor1].value, 19200.0 / 196, places=4)
        self.assertAlmostEqual(values[self.vendor2].value, 10000.0 / 90, places=4)

    def test_savings_amount(self):
        values = self.compute(self.kpi("PURCHASE_SAVINGS_AMOUNT"))
        # (100 − 120) + (90 − 100) + (96 − 72) = −6.
        self.assertAlmostEqual(values[self.company].value, -6.0)
        self.assertAlmostEqual(values[self.department].value, -6.0)

    def test_supplier_file_completeness(self):
        values = self.compute(self.kpi("SUPPLIER_FILE_COMPLETENESS"))
        # Buyer 1 ordered from vendors 1 (complete) and 2 (no tax ID, no bank account).
        self.assertAlmostEqual(values[self.emp_buyer1].value, 50.0)
        self.assertEqual(self.drilled(values[self.emp_buyer1]), self.vendor1 | self.vendor2)
        # Buyer 2 ordered from vendors 1 and 3, both complete.
        self.assertAlmostEqual(values[self.emp_buyer2].value, 100.0)

    def test_units_are_converted(self):
        """A line ordered in dozens of a product kept in units, received in dozens, against a
        blanket order priced per dozen: quantities and prices are compared in the product's
        unit."""
        C, dozen = self.product_c, self.env.ref("uom.product_uom_dozen")
        blanket = self.env["purchase.requisition"].create(
            {
                "vendor_id": self.vendor4.id,
                "requisition_type": "blanket_order",
                "line_ids": [
                    Command.create(
                        {
                            "product_id": C.id,
                            "product_qty": 10,
                            "product_uom_id": dozen.id,
                            "price_unit": 540.0,
                        }
                    )
                ],
            }
        )
        blanket.action_confirm()
        order = self.make_order(
            self.buyer1,
            self.vendor4,
            [(C, 2, 600.0)],
            "2026-03-25 12:00:00",
            "2026-03-06 09:00:00",
            requisition_id=blanket.id,
        )
        order.order_line.write({"product_uom_id": dozen.id, "price_unit": 600.0})
        self.confirm(order, "2026-03-06 09:00:00")
        self.assertEqual(order.order_line.product_uom_qty, 24)
        # The storekeeper counts the receipt in dozens.
        order.picking_ids.move_ids.write({"product_uom": dozen.id, "product_uom_qty": 2})
        # One dozen of two on the planned day: half the line on time.
        self.receive(order, {C: 1}, "2026-03-25 10:00:00")
        values = self.compute(self.kpi("SUPPLIER_ON_TIME_RATE"))
        self.assertAlmostEqual(values[self.vendor4].value, 50.0)
        # 2 dozen at 600 = 1200 against 540 a dozen = 45 a unit × 24 units = 1080.
        values = self.compute(self.kpi("SUPPLIER_PRICE_INDEX"))
        self.assertAlmostEqual(values[self.vendor4].value, 120000.0 / 1080, places=4)
        self.assertAlmostEqual(values[self.vendor4].denominator, 1080.0)

    def test_no_data_no_value(self):
        empty = self.env["mfg.kpi.period"]._get_or_create("month", date(2025, 6, 1))
        for code in (
            "PURCHASE_ON_TIME_ARRIVAL_RATE",
            "PURCHASE_PLAN_ON_TIME_RATE",
            "PURCHASE_QUALITY_PASS_RATE",
            "PURCHASE_PRICE_CONTROL",
            "PURCHASE_SAVINGS_AMOUNT",
            "PURCHASE_ORDER_ERROR_COUNT",
            "SUPPLIER_FILE_COMPLETENESS",
            "SUPPLIER_ON_TIME_RATE",
        ):
            self.assertEqual(self.compute(self.kpi(code), empty), {}, code)

    def test_second_company_counts_only_its_own_orders(self):
        period2 = self.env["mfg.kpi.period"]._get_or_create(
            "month", date(2026, 3, 15), self.company2
        )
        values = self.compute(self.kpi("SUPPLIER_ON_TIME_RATE"), period2)
        # Only PO6 (1 of 1 received on time); buyer 1 has no employee there.
        self.assertEqual(list(values), [self.vendor1])
        self.assertAlmostEqual(values[self.vendor1].value, 100.0)
        self.assertEqual(self.drilled(values[self.vendor1]), self.line(self.po6))
        self.assertEqual(self.compute(self.kpi("PURCHASE_ON_TIME_ARRIVAL_RATE"), period2), {})

    def test_running_period_counts_only_lines_already_due(self):
        with freeze_time("2026-03-16 12:00:00"):
            self.env["mfg.kpi.provider"]._compute_kpi(
                self.kpi("PURCHASE_ON_TIME_ARRIVAL_RATE"), self.period
            )
        values = self.env["mfg.kpi.value"].search(
            [
                ("period_id", "=", self.period.id),
                ("kpi_id.code", "=", "PURCHASE_ON_TIME_ARRIVAL_RATE"),
            ]
        )
        # On 16 March only PO1 and PO2 are due (buyer 1); PO3 is due on the 20th.
        self.assertEqual(values.employee_id, self.emp_buyer1)
        self.assertAlmostEqual(values.value, 80.0)

    def test_order_error_count(self):
        values = self.compute(self.kpi("PURCHASE_ORDER_ERROR_COUNT"))
        # Buyer 1 confirmed PO1 and PO2 in March without error: a real zero.
        self.assertEqual(values[self.emp_buyer1].value, 0.0)
        self.assertEqual(values[self.emp_buyer1].denominator, 2)
        self.assertFalse(self.drilled(values[self.emp_buyer1]))
        # Buyer 2: PO4 cancelled after confirmation, PO5 price corrected; PO3 fine.
        self.assertEqual(values[self.emp_buyer2].value, 2.0)
        self.assertEqual(values[self.emp_buyer2].denominator, 3)
        self.assertEqual(self.drilled(values[self.emp_buyer2]), self.po4 | self.po5)

    def test_purchase_manager_reads_the_supplier_scorecard_only(self):
        self.compute(self.kpi("SUPPLIER_ON_TIME_RATE"))
        self.compute(self.kpi("PURCHASE_ON_TIME_ARRIVAL_RATE"))
        action = self.env.ref("mfg_kpi_purchase.mfg_kpi_value_action_supplier_scorecard")
        values = (
            self.env["mfg.kpi.value"]
            .with_user(self.purchase_manager)
            .search([("period_id", "=", self.period.id)])
        )
        # No KPI role: the buyers' values stay hidden, the suppliers' are readable.
        self.assertEqual(set(values.mapped("res_model")), {"res.partner"})
        self.assertEqual(len(values), 2)
        self.assertEqual(
            values, values.search([*literal_eval(action.domain), ("id", "in", values.ids)])
        )
        with self.assertRaises(AccessError):
            self.env["mfg.kpi.value"].with_user(self.buyer1).search([])

    def test_supplier_kpis_are_registered(self):
        for code in ("SUPPLIER_ON_TIME_RATE", "SUPPLIER_QUALITY_PASS_RATE", "SUPPLIER_PRICE_INDEX"):
            kpi = self.kpi(code)
            self.assertEqual(kpi.subject_level, "supplier")
            self.assertEqual(kpi.measurement, "computed")
