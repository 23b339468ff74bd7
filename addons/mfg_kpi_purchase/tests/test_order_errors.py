# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import tagged
from odoo.tests.common import freeze_time

from .common import PurchaseKpiCase, dt

PLANNED = "2026-03-20 12:00:00"


@tagged("post_install", "-at_install")
class TestOrderErrors(PurchaseKpiCase):
    """What counts as an order error: corrections and cancellations after confirmation."""

    def order(self, confirmed=True):
        lines = [(self.product_a, 10, 12.0)]
        if confirmed:
            order = self.confirmed_order(
                self.buyer1, self.vendor1, lines, PLANNED, "2026-03-02 09:00:00"
            )
        else:
            order = self.make_order(self.buyer1, self.vendor1, lines, PLANNED, "2026-03-02")
        return order.with_user(self.buyer1)

    def test_quantity_change_after_confirmation_is_a_correction(self):
        line = self.order().order_line
        with freeze_time("2026-03-05 10:00:00"):
            line.product_qty = 12
        self.assertEqual(line.mfg_correction_count, 1)
        self.assertEqual(line.mfg_correction_date, dt("2026-03-05 10:00:00"))
        with freeze_time("2026-03-06 10:00:00"):
            line.write({"price_unit": 11.5, "product_qty": 12})
        self.assertEqual(line.mfg_correction_count, 2)
        self.assertEqual(line.mfg_correction_date, dt("2026-03-06 10:00:00"))

    def test_unchanged_values_and_other_fields_are_not_corrections(self):
        line = self.order().order_line
        line.write({"product_qty": 10, "price_unit": 12.0, "product_id": self.product_a.id})
        line.date_planned = "2026-03-25 12:00:00"
        line.name = "Steel sheet, 2 mm"
        self.assertEqual(line.mfg_correction_count, 0)
        self.assertFalse(line.mfg_correction_date)

    def test_changes_before_confirmation_are_not_corrections(self):
        order = self.order(confirmed=False)
        order.order_line.product_qty = 20
        order.order_line.price_unit = 9.0
        self.assertEqual(order.order_line.mfg_correction_count, 0)

    def test_cancelling_a_confirmed_order_is_recorded(self):
        order = self.order()
        with freeze_time("2026-03-06 09:00:00"):
            order.button_cancel()
        self.assertEqual(order.mfg_cancel_date, dt("2026-03-06 09:00:00"))

    def test_cancelling_a_quotation_is_not_an_error(self):
        order = self.order(confirmed=False)
        order.button_cancel()
        self.assertEqual(order.state, "cancel")
        self.assertFalse(order.mfg_cancel_date)
