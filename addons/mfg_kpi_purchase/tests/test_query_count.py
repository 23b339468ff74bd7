# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import new_test_user, tagged
from odoo.tests.common import freeze_time

from ..models.mfg_kpi_provider import PURCHASE_PROVIDERS
from .common import PurchaseKpiCase


@tagged("post_install", "-at_install")
class TestPurchaseQueryCount(PurchaseKpiCase):
    """Each provider reads a period in the same number of queries for 2 or 8 buyers' orders."""

    def add_buyers(self, count, start):
        for index in range(start, start + count):
            user = new_test_user(
                self.env, f"mfg_pur_qc_{index}", groups="purchase.group_purchase_user"
            )
            self.env["hr.employee"].create(
                {"name": user.name, "user_id": user.id, "department_id": self.department.id}
            )
            vendor = self.env["res.partner"].create({"name": f"Vendor {index}"})
            order = self.confirmed_order(
                user,
                vendor,
                [(self.product_a, 4, 10.0 + index), (self.product_b, 2, 5.0)],
                "2026-03-10 12:00:00",
                f"2026-03-0{1 + index % 8} 09:00:00",
            )
            self.receive(order, {self.product_a: 4, self.product_b: 1}, "2026-03-09 10:00:00")
            with freeze_time("2026-03-09 11:00:00"):
                order.order_line[1].product_qty = 1

    def query_counts(self):
        Provider = self.env["mfg.kpi.provider"].sudo()
        counts = {}
        with freeze_time("2026-04-05 12:00:00"):
            for code, (method, _variant) in PURCHASE_PROVIDERS.items():
                kpi = self.kpi(code)
                self.env.flush_all()
                self.env.invalidate_all()
                before = self.env.cr.sql_log_count
                measures = getattr(Provider, method)(kpi, self.period)
                counts[code] = self.env.cr.sql_log_count - before
                self.assertTrue(measures, code)
        return counts

    def test_query_count_does_not_grow_with_orders(self):
        self.add_buyers(2, 0)
        self.query_counts()  # warm-up
        small = self.query_counts()
        self.add_buyers(6, 2)
        self.query_counts()  # warm-up again: creating users clears the registry caches
        large = self.query_counts()
        self.assertEqual(small, large)
