# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import new_test_user, tagged
from odoo.tests.common import freeze_time

from ..models.mfg_kpi_provider import MfgKpiProvider
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

    def test_query_count_does_not_grow_with_orders(self):
        # This module's codes computed by this module (a fallback another bridge took is not).
        providers = self.env["mfg.kpi.provider"]._get_providers()
        codes = [
            code
            for code, provider in MfgKpiProvider._mfg_providers.items()
            if providers[code]["method"] == provider.method
        ]
        self.assertIn("SUPPLIER_QUALITY_PASS_RATE", codes)
        self.add_buyers(2, 0)
        with freeze_time("2026-04-05 12:00:00"):
            self.assertQueriesFlat(codes, self.period, lambda: self.add_buyers(6, 2))
