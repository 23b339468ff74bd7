# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from odoo.tests import tagged
from odoo.tests.common import freeze_time

from .common import StockKpiCase


@tagged("post_install", "-at_install")
class TestNearExpiry(StockKpiCase):
    """Lots of an adhesive (alert 5 days before expiry) in both warehouses: the keepers get
    the inspections (mfg_stock_expiry schedules them) and their timeliness KPI."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Lot = cls.env["stock.lot"]
        P = cls.product_lot

        def lot(name, expiry):
            return Lot.create(
                {
                    "name": name,
                    "product_id": P.id,
                    "company_id": cls.company.id,
                    "expiration_date": expiry,
                }
            )

        cls.lot1 = lot("L1", "2026-03-20 12:00:00")  # alert 15 March, in WH1
        cls.lot2 = lot("L2", "2026-06-30 12:00:00")  # alert 25 June, in WH2
        cls.lot3 = lot("L3", "2026-03-18 12:00:00")  # alert 13 March, no stock left
        cls.lot4 = lot("L4", "2026-03-25 12:00:00")  # alert 20 March, in WH2
        cls.transfer(cls.wh1, P, 10, "2026-03-01 10:00:00", cls.keeper1, lot=cls.lot1)
        cls.transfer(cls.wh2, P, 10, "2026-03-01 10:00:00", cls.keeper2, lot=cls.lot2)
        cls.transfer(cls.wh1, P, 4, "2026-03-01 10:00:00", cls.keeper1, lot=cls.lot3)
        cls.transfer(cls.wh1, P, 4, "2026-03-02 10:00:00", cls.keeper1, kind="out", lot=cls.lot3)
        cls.transfer(cls.wh2, P, 6, "2026-03-01 10:00:00", cls.keeper2, lot=cls.lot4)
        cls.activity_type = cls.env.ref("mfg_stock_expiry.mail_activity_type_expiry_inspection")

    def inspections(self, lots=None):
        """Inspections of this test's lots (other lots of the database are not ours)."""
        lots = lots if lots is not None else self.lot1 | self.lot2 | self.lot3 | self.lot4
        domain = [("activity_type_id", "=", self.activity_type.id), ("res_id", "in", lots.ids)]
        return (
            self.env["mail.activity"]
            .with_context(active_test=False)
            .search([("res_model", "=", "stock.lot"), *domain])
        )

    def run_cron(self, when):
        with freeze_time(when):
            self.env["stock.lot"]._cron_mfg_expiry_inspections()

    def test_inspection_scheduled_at_alert_date_for_the_keeper(self):
        self.run_cron("2026-03-14 08:00:00")
        self.assertFalse(self.inspections(), "no alert date reached on 14 March")
        self.run_cron("2026-03-15 13:00:00")
        activity = self.inspections()
        self.assertEqual(activity.res_id, self.lot1.id, "L3 has no stock left, L2 is far")
        self.assertEqual(activity.user_id, self.keeper1)
        self.assertEqual(activity.date_deadline, date(2026, 3, 15))
        self.assertIn("L1", activity.summary)
        self.assertTrue(self.lot1.product_expiry_reminded)

    def test_product_responsible_when_no_keeper(self):
        self.wh2.mfg_keeper_ids = False
        self.product_lot.responsible_id = self.stock_manager
        self.run_cron("2026-03-20 13:00:00")
        activity = self.inspections(self.lot4)
        self.assertEqual(activity.user_id, self.stock_manager)

    def test_inspection_timeliness_kpi(self):
        self.run_cron("2026-03-15 13:00:00")
        self.run_cron("2026-03-20 13:00:00")
        with freeze_time("2026-03-15 16:00:00"):
            self.inspections(self.lot1).with_user(self.keeper1).action_feedback("Sent to QC")
            self.env.flush_all()  # the done date is computed at flush time
        values = self.compute(self.kpi("NEAR_EXPIRY_INSPECTION_RATE"))
        # Keeper 1 inspected L1 on its deadline; keeper 2 never inspected L4 (due 20 March).
        self.assertEqual(values[self.emp_keeper1].value, 100.0)
        self.assertEqual(values[self.emp_keeper2].value, 0.0)
        self.assertEqual(self.drilled(values[self.emp_keeper1]), self.inspections(self.lot1))

    def test_open_inspection_not_yet_due_is_not_counted(self):
        self.run_cron("2026-03-20 13:00:00")
        values = self.compute(self.kpi("NEAR_EXPIRY_INSPECTION_RATE"), at="2026-03-20 14:00:00")
        # L1's inspection (due 20 March) is open on 20 March: not due yet; L4's too.
        self.assertEqual(values, {})
