# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import tagged
from odoo.tests.common import freeze_time

from ..hooks import date_cancellations, post_init_hook
from .common import PurchaseKpiCase, dt


@tagged("post_install", "-at_install")
class TestPurchaseHistoryBackfill(PurchaseKpiCase):
    """Installing on a database that already holds March's orders (chatter on).

    Buyer 1: PO1 confirmed on 2 Mar; PO2 confirmed on 3 Mar and cancelled on 6 Mar (an order
    error); PO3 a quotation cancelled on 4 Mar (no error, never confirmed). The cancellation
    dates are wiped, as on orders cancelled before the installation. Order errors of buyer 1
    in March: 1 of the 2 orders confirmed.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False))
        lines = [(cls.product_a, 10, 12.0)]
        planned = "2026-03-20 12:00:00"
        cls.po1 = cls.confirmed_order(cls.buyer1, cls.vendor1, lines, planned, "2026-03-02 09:00")
        cls.po2 = cls.confirmed_order(cls.buyer1, cls.vendor1, lines, planned, "2026-03-03 09:00")
        cls.po3 = cls.make_order(cls.buyer1, cls.vendor1, lines, planned, "2026-03-04")
        cls._commit()
        with freeze_time("2026-03-06 09:00:00"):
            cls.po2.button_cancel()
            cls._commit()
        with freeze_time("2026-03-04 10:00:00"):
            cls.po3.button_cancel()
            cls._commit()
        with freeze_time("2026-03-20 10:00:00"):
            cls.po2.note = "Cancelled: the vendor could not deliver"
            cls._commit()

    @classmethod
    def _commit(cls):
        """End of a request: the chatter records the tracked changes."""
        cls.env.flush_all()
        cls.env.cr.precommit.run()

    def _wipe(self):
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE purchase_order SET mfg_cancel_date = NULL WHERE id IN %s",
            [tuple((self.po1 | self.po2 | self.po3).ids)],
        )
        self.env.invalidate_all()

    def test_install_dates_past_cancellations(self):
        self._wipe()
        values = self.compute(self.kpi("PURCHASE_ORDER_ERROR_COUNT"))
        self.assertEqual(values[self.emp_buyer1].value, 0.0, "the false zero before")
        post_init_hook(self.env)
        self.env.invalidate_all()
        self.assertEqual(self.po2.mfg_cancel_date, dt("2026-03-06 09:00:00"), "not the edit")
        self.assertFalse(self.po3.mfg_cancel_date)
        self.assertFalse(self.po1.mfg_cancel_date)
        values = self.compute(self.kpi("PURCHASE_ORDER_ERROR_COUNT"))
        self.assertEqual(values[self.emp_buyer1].value, 1.0)
        self.assertEqual(values[self.emp_buyer1].denominator, 2)
        self.assertEqual(self.drilled(values[self.emp_buyer1]), self.po2)

    def test_recorded_dates_are_kept_and_rerun_changes_nothing(self):
        self.assertEqual(self.po2.mfg_cancel_date, dt("2026-03-06 09:00:00"))
        self.assertEqual(date_cancellations(self.env.cr), 0)
        self._wipe()
        self.env.cr.execute(
            "DELETE FROM mail_message WHERE model = 'purchase.order' AND res_id = %s",
            [self.po2.id],
        )
        self.assertEqual(date_cancellations(self.env.cr), 1)
        self.env.invalidate_all()
        self.assertEqual(self.po2.mfg_cancel_date, self.po2.write_date, "last written")
