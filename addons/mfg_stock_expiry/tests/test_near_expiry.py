# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from odoo import SUPERUSER_ID
from odoo.exceptions import ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tests.common import TransactionCase, freeze_time

from ..models.stock_lot import EXPIRY_ACTIVITY_TYPE


@tagged("post_install", "-at_install")
class TestNearExpiry(TransactionCase):
    """Lots of an adhesive (alert 5 days before expiry) in two warehouses."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        cls.company.partner_id.tz = "UTC"
        cls.responsible = new_test_user(
            cls.env,
            "mfg_exp_responsible",
            groups="stock.group_stock_user,stock.group_production_lot",
            name="Stock Responsible",
        )
        # Warehouses of their own: a module extending the inspector (e.g. with the keepers of
        # a warehouse) finds nothing to route on them.
        Warehouse = cls.env["stock.warehouse"]
        cls.wh1 = Warehouse.create({"name": "Raw Material Store", "code": "RMX"})
        cls.wh2 = Warehouse.create({"name": "Finished Goods Store", "code": "FGX"})
        cls.product = cls.env["product.product"].create(
            {
                "name": "Adhesive",
                "is_storable": True,
                "tracking": "lot",
                "use_expiration_date": True,
                "expiration_time": 100,
                "alert_time": 5,
                "responsible_id": cls.responsible.id,
            }
        )
        Lot = cls.env["stock.lot"]
        Quant = cls.env["stock.quant"]

        def lot(name, expiry, warehouse=None, qty=0.0):
            record = Lot.create(
                {
                    "name": name,
                    "product_id": cls.product.id,
                    "company_id": cls.company.id,
                    "expiration_date": expiry,
                }
            )
            if warehouse:
                Quant._update_available_quantity(
                    cls.product, warehouse.lot_stock_id, qty, lot_id=record
                )
            return record

        cls.lot1 = lot("L1", "2026-03-20 12:00:00", cls.wh1, 10)  # alert 15 March
        cls.lot2 = lot("L2", "2026-06-30 12:00:00", cls.wh2, 10)  # alert 25 June
        cls.lot3 = lot("L3", "2026-03-18 12:00:00")  # alert 13 March, no stock
        cls.lot4 = lot("L4", "2026-03-25 12:00:00", cls.wh2, 6)  # alert 20 March
        cls.activity_type = cls.env.ref(EXPIRY_ACTIVITY_TYPE)

    def inspections(self, lots=None):
        """Inspections of this test's lots (other lots of the database are not ours)."""
        lots = lots if lots is not None else self.lot1 | self.lot2 | self.lot3 | self.lot4
        return (
            self.env["mail.activity"]
            .with_context(active_test=False)
            .search(
                [
                    ("res_model", "=", "stock.lot"),
                    ("res_id", "in", lots.ids),
                    ("activity_type_id", "=", self.activity_type.id),
                ]
            )
        )

    def run_cron(self, when):
        with freeze_time(when):
            self.env["stock.lot"]._cron_mfg_expiry_inspections()

    def test_inspection_scheduled_at_alert_date(self):
        self.run_cron("2026-03-14 08:00:00")
        self.assertFalse(self.inspections(), "no alert date reached on 14 March")
        self.run_cron("2026-03-15 13:00:00")
        activity = self.inspections()
        self.assertEqual(activity.res_id, self.lot1.id, "L3 has no stock left, L2 is far")
        self.assertEqual(activity.user_id, self.responsible, "the product's responsible")
        self.assertEqual(activity.date_deadline, date(2026, 3, 15))
        self.assertIn("L1", activity.summary)
        self.assertTrue(self.lot1.product_expiry_reminded)

    def test_no_duplicates(self):
        self.run_cron("2026-03-15 13:00:00")
        self.run_cron("2026-03-16 13:00:00")
        with freeze_time("2026-03-16 14:00:00"):
            # The stock scheduler's own expiry reminder finds the lot already handled.
            self.env["stock.lot"]._alert_date_exceeded()
        self.assertEqual(len(self.inspections(self.lot1)), 1)
        todo = self.env.ref("mail.mail_activity_data_todo")
        self.assertFalse(
            self.env["mail.activity"].search(
                [
                    ("res_model", "=", "stock.lot"),
                    ("res_id", "in", (self.lot1 | self.lot4).ids),
                    ("activity_type_id", "=", todo.id),
                ]
            )
        )

    def test_lead_time_schedules_earlier(self):
        self.company.mfg_expiry_inspection_days = 2
        self.run_cron("2026-03-13 08:00:00")
        self.assertFalse(self.inspections(), "L1's alert is more than 2 days away")
        self.run_cron("2026-03-13 13:00:00")
        activity = self.inspections()
        self.assertEqual(activity.res_id, self.lot1.id)
        self.assertEqual(activity.date_deadline, date(2026, 3, 15), "due by the alert date")

    def test_lead_time_cannot_be_negative(self):
        with self.assertRaises(ValidationError):
            self.company.mfg_expiry_inspection_days = -1

    def test_administrator_without_responsible(self):
        self.product.responsible_id = False
        self.run_cron("2026-03-20 13:00:00")
        activity = self.inspections(self.lot4)
        self.assertEqual(activity.user_id.id, SUPERUSER_ID)

    def test_done_inspection_is_kept_with_its_date(self):
        self.run_cron("2026-03-15 13:00:00")
        activity = self.inspections(self.lot1)
        with freeze_time("2026-03-15 16:00:00"):
            activity.with_user(self.responsible).action_feedback("Sent to QC")
            self.env.flush_all()
        done = self.inspections(self.lot1)
        self.assertEqual(done, activity)
        self.assertFalse(done.active)
        self.assertEqual(done.date_done, date(2026, 3, 15))
