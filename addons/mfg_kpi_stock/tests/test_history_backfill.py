# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from unittest.mock import patch

from odoo.tests import tagged
from odoo.tests.common import freeze_time

from ..hooks import fill_done_user, post_init_hook
from .common import StockKpiCase


def _later(self):
    """Validation postponed to the next request."""
    return True


@tagged("post_install", "-at_install")
class TestStockHistoryBackfill(StockKpiCase):
    """Installing on a database that already holds March's transfers (chatter on).

    WH1, product A: 100 received on 20 Feb (keeper 1); D1 10 delivered on 2 Mar and D2 5 on
    3 Mar by keeper 1, D2 returned on 4 Mar (wrong); R1 20 received on 6 Mar by keeper 2.
    Afterwards the stock manager edits D1 (its last writer). The validating users are wiped,
    as on transfers validated before the installation. Movement error rate in March:
    keeper 1 1 of 2 (50 %), keeper 2 0 of 1.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False))
        A, k1, k2 = cls.product_a, cls.keeper1, cls.keeper2
        cls.transfer(cls.wh1, A, 100, "2026-02-20 10:00:00", k1)
        cls.d1 = cls.transfer(cls.wh1, A, 10, "2026-03-02 10:00:00", k1, kind="out")
        cls.d2 = cls.transfer(cls.wh1, A, 5, "2026-03-03 10:00:00", k1, kind="out")
        cls._commit()
        cls.return_picking(cls.d2, 5, "2026-03-04 10:00:00", k1)
        cls.r1 = cls.transfer(cls.wh1, A, 20, "2026-03-06 10:00:00", k2)
        cls.d1.with_user(cls.stock_manager).note = "Checked"
        cls._commit()

    @classmethod
    def transfer(cls, warehouse, product, qty, when, user, kind="in", lot=None):
        """The transfer is prepared in one request and validated by ``user`` in another (the
        chatter tracks the changes of records that existed before the request)."""
        with patch.object(type(cls.env["stock.picking"]), "button_validate", _later):
            picking = super().transfer(warehouse, product, qty, when, user, kind, lot)
        cls._commit()
        with freeze_time(when):
            picking.with_user(user).with_company(warehouse.company_id).button_validate()
        cls._commit()
        return picking

    @classmethod
    def _commit(cls):
        """End of a request: the chatter records the tracked changes."""
        cls.env.flush_all()
        cls.env.cr.precommit.run()

    def _wipe(self):
        self.env.flush_all()
        self.env.cr.execute("UPDATE stock_picking SET mfg_done_user_id = NULL")
        self.env.invalidate_all()

    def test_install_finds_the_validating_keepers(self):
        self._wipe()
        post_init_hook(self.env)
        self.env.invalidate_all()
        self.assertEqual(self.d1.mfg_done_user_id, self.keeper1, "the chatter, not the editor")
        self.assertEqual(self.d2.mfg_done_user_id, self.keeper1)
        self.assertEqual(self.r1.mfg_done_user_id, self.keeper2)
        values = self.compute(self.kpi("STOCK_MOVE_ERROR_RATE"))
        self.assertEqual(values[self.emp_keeper1].value, 50.0)
        self.assertEqual(values[self.emp_keeper1].denominator, 2)
        self.assertEqual(values[self.emp_keeper2].value, 0.0)
        self.assertEqual(values[self.emp_keeper2].denominator, 1)

    def test_recorded_users_are_kept_and_rerun_changes_nothing(self):
        self._wipe()
        self.d1.mfg_done_user_id = self.keeper2  # recorded: never changed
        self.env.flush_all()
        self.assertTrue(fill_done_user(self.env.cr))
        self.env.invalidate_all()
        self.assertEqual(self.d1.mfg_done_user_id, self.keeper2)
        self.assertEqual(self.d2.mfg_done_user_id, self.keeper1)
        self.assertEqual(fill_done_user(self.env.cr), 0)

    def test_without_chatter_the_last_writer(self):
        self._wipe()
        self.env.cr.execute(
            "DELETE FROM mail_message WHERE model = 'stock.picking' AND res_id = %s",
            [self.d1.id],
        )
        fill_done_user(self.env.cr)
        self.env.invalidate_all()
        self.assertEqual(self.d1.mfg_done_user_id, self.stock_manager)
