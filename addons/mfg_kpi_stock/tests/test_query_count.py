# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import new_test_user, tagged
from odoo.tests.common import freeze_time

from ..models.mfg_kpi_provider import STOCK_PROVIDERS
from .common import StockKpiCase


@tagged("post_install", "-at_install")
class TestStockQueryCount(StockKpiCase):
    """Each provider reads a period in the same number of queries for 2 or 8 keepers' work."""

    def add_work(self, count, start):
        Orderpoint = self.env["stock.warehouse.orderpoint"]
        activity_type = self.env.ref("mfg_kpi_stock.mail_activity_type_expiry_inspection")
        for index in range(start, start + count):
            user = new_test_user(self.env, f"mfg_stk_qc_{index}", groups="stock.group_stock_user")
            employee = self.env["hr.employee"].create({"name": user.name, "user_id": user.id})
            warehouse = self.wh1 if index % 2 else self.wh2
            warehouse.mfg_keeper_ids |= employee
            product = self.env["product.product"].create(
                {"name": f"Part {index}", "is_storable": True, "standard_price": 1.0 + index}
            )
            self.transfer(warehouse, product, 50, "2026-02-20 10:00:00", user)
            delivery = self.transfer(warehouse, product, 5, "2026-03-02 10:00:00", user, "out")
            self.return_picking(delivery, 1, "2026-03-03 10:00:00", user)
            self.count(warehouse, product, 44 + index % 2, "2026-03-04 10:00:00", counter=user)
            self.scrap(warehouse, product, 1, "2026-03-05 10:00:00")
            Orderpoint.create(
                {
                    "product_id": product.id,
                    "warehouse_id": warehouse.id,
                    "location_id": warehouse.lot_stock_id.id,
                    "product_min_qty": 45,
                    "product_max_qty": 90,
                }
            )
            lot = self.env["stock.lot"].create(
                {"name": f"QC{index}", "product_id": self.product_lot.id}
            )
            activity = lot.activity_schedule(
                activity_type_id=activity_type.id, user_id=user.id, date_deadline="2026-03-10"
            )
            if index % 2:
                with freeze_time("2026-03-09 10:00:00"):
                    activity.action_feedback("Checked")
                    self.env.flush_all()
        self.env.cr.execute("UPDATE stock_warehouse_orderpoint SET create_date = '2026-02-01'")

    def query_counts(self):
        Provider = self.env["mfg.kpi.provider"].sudo()
        counts = {}
        with freeze_time("2026-04-05 12:00:00"):
            for code, method in STOCK_PROVIDERS.items():
                kpi = self.kpi(code)
                self.env.flush_all()
                self.env.invalidate_all()
                before = self.env.cr.sql_log_count
                measures = getattr(Provider, method)(kpi, self.period)
                counts[code] = self.env.cr.sql_log_count - before
                self.assertTrue(measures, code)
        return counts

    def test_query_count_does_not_grow_with_activity(self):
        self.add_work(2, 0)
        self.query_counts()  # warm-up
        small = self.query_counts()
        self.add_work(6, 2)
        self.query_counts()  # warm-up again: creating users clears the registry caches
        large = self.query_counts()
        self.assertEqual(small, large)
