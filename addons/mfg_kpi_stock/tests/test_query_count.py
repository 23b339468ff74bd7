# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.addons.mfg_kpi.tests.common import ProviderCase
from odoo.tests import new_test_user, tagged
from odoo.tests.common import freeze_time

from ..models.mfg_kpi_provider import MfgKpiProvider
from .common import StockKpiCase

STOCK_PROVIDERS = MfgKpiProvider._mfg_providers


@tagged("post_install", "-at_install")
class TestStockQueryCount(StockKpiCase, ProviderCase):
    """Each provider reads a period in the same number of queries for 2 or 8 keepers' work."""

    def add_work(self, count, start):
        Orderpoint = self.env["stock.warehouse.orderpoint"]
        activity_type = self.env.ref("mfg_stock_expiry.mail_activity_type_expiry_inspection")
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

    def test_query_count_does_not_grow_with_activity(self):
        self.add_work(2, 0)
        self.assertQueriesFlat(list(STOCK_PROVIDERS), self.period, lambda: self.add_work(6, 2))
