from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged
from odoo.tests.common import freeze_time

from ..hooks import post_init_hook
from .common import MrpKpiCase, dt

# Computations run on April 5th: orders due in March and still open are overdue.
NOW = dt(5, 12, month=4)


@tagged("post_install", "-at_install")
class TestHistoryBackfill(MrpKpiCase):
    """Installing on a database that already holds March's orders (chatter tracking on).

    | chain         | deadline | planned | produced                          | on time |
    |---------------|----------|---------|-----------------------------------|---------|
    | A bike        | Mar 10   | 10      | 10 (Mar 8)                        | yes     |
    | B bike        | Mar 20   | 10      | 6 (Mar 18) + 4 (Mar 25 backorder) | no      |
    | C box         | Mar 25   | 5       | 3 (Mar 24, rest closed)           | yes     |
    | D box (open)  | Mar 28   | 5       | 0 (overdue)                       | no      |
    | F box, no deadline, done Mar 12 (its end date): 2 of 2, on time       | yes     |
    | H bike        | Mar 15   | 8       | 5 (Mar 14), backorder cancelled   | yes     |

    Plan completion: (10 + 10 + 3 + 0 + 2 + 5) / (10 + 10 + 5 + 5 + 2 + 8) = 30 / 40;
    on-time completion: A, C, F, H of six chains. H's plan (8) is only in the chatter: Odoo
    lowered its quantity to 5 when splitting it, and its backorder is cancelled.
    The orders' recorded fields are then wiped by SQL, as for orders made before the install.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # An existing instance tracks its orders' changes in the chatter.
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False))
        cls.mo_a = cls._commit(cls._create_mo(cls.bom_bike, 10, dt(10)))
        cls._commit(cls._produce(cls.mo_a, 10, dt(8)))
        cls.mo_b = cls._commit(cls._create_mo(cls.bom_bike, 10, dt(20)))
        cls.mo_b2 = cls._commit(cls._produce(cls.mo_b, 6, dt(18), backorder=True))
        cls._commit(cls._produce(cls.mo_b2, 4, dt(25)))
        cls.mo_c = cls._commit(cls._create_mo(cls.bom_box, 5, dt(25)))
        cls._commit(cls._produce(cls.mo_c, 3, dt(24)))
        cls.mo_d = cls._commit(cls._create_mo(cls.bom_box, 5, dt(28)))
        cls.mo_f = cls._commit(cls._create_mo(cls.bom_box, 2, False))
        cls._commit(cls._produce(cls.mo_f, 2, dt(12)))
        cls.mo_h = cls._commit(cls._create_mo(cls.bom_bike, 8, dt(15)))
        cls.mo_h2 = cls._commit(cls._produce(cls.mo_h, 5, dt(14), backorder=True))
        cls.mo_h2.action_cancel()
        cls.orders = (
            cls.mo_h | cls.mo_h2 | cls.mo_a | cls.mo_b | cls.mo_b2 | cls.mo_c | cls.mo_d | cls.mo_f
        )

    @classmethod
    def _commit(cls, result):
        """End of a request: the chatter records the tracked changes (one message each)."""
        cls.env.flush_all()
        cls.env.cr.precommit.run()
        return result

    def _wipe(self, orders):
        """What a database had before the install: no commitment, owners, BoM standard."""
        self.env.flush_all()
        self.env.cr.execute(
            """UPDATE mrp_production
                  SET mfg_planned_finish = NULL, mfg_planned_qty = NULL, mfg_is_rush = FALSE,
                      mfg_department_id = NULL, mfg_team_id = NULL,
                      mfg_commitment_reconstructed = NULL
                WHERE id IN %s""",
            [tuple(orders.ids)],
        )
        self.env.cr.execute(
            "UPDATE stock_move SET mfg_bom_unit_qty = NULL WHERE raw_material_production_id IN %s",
            [tuple(orders.ids)],
        )
        self.env.invalidate_all()

    def _company_value(self, code):
        with freeze_time(NOW):
            values = self._compute(code)
        return self._value(values, self.company)

    def _figures(self):
        codes = (
            "PLAN_COMPLETION_RATE",
            "PLAN_ON_TIME_COMPLETION_RATE",
            "MATERIAL_CONSUMPTION_QUOTA_RATIO",
        )
        return {
            code: (value.numerator, value.denominator)
            for code in codes
            for value in [self._company_value(code)]
        }

    def test_install_reconstructs_the_past_month(self):
        recorded = self._figures()
        self._wipe(self.orders)
        self.assertFalse(self._company_value("PLAN_COMPLETION_RATE"), "no history before")

        post_init_hook(self.env)

        self.assertEqual(self.mo_a.mfg_planned_finish, dt(10))
        self.assertEqual(self.mo_b.mfg_planned_finish, dt(20))
        self.assertEqual(self.mo_b2.mfg_planned_finish, dt(20), "the chain's commitment")
        self.assertEqual(self.mo_f.mfg_planned_finish, dt(12), "its end date without deadline")
        # The plan of B comes from the chatter: Odoo lowered its quantity to what was produced
        # when splitting it; C, closed short, keeps its quantity.
        self.assertEqual(self.mo_b.product_qty, 6)
        self.assertEqual(self.mo_b.mfg_planned_qty, 10)
        self.assertFalse(self.mo_b2.mfg_planned_qty)
        self.assertEqual(self.mo_c.mfg_planned_qty, 5)
        self.assertEqual(self.mo_d.mfg_planned_qty, 5)
        self.assertEqual(self.mo_h.product_qty, 5)
        self.assertEqual(self.mo_h.mfg_planned_qty, 8)
        self.assertTrue(all((self.orders - self.mo_h2).mapped("mfg_commitment_reconstructed")))
        self.assertEqual(self.mo_a.mfg_department_id, self.workshop1)
        self.assertEqual(self.mo_a.mfg_team_id, self.team1)
        self.assertEqual(self.mo_c.mfg_department_id, self.workshop2)
        frame_move = self.mo_a.move_raw_ids.filtered(lambda m: m.product_id == self.frame)
        self.assertEqual(frame_move.mfg_bom_unit_qty, 2.0)

        completion = self._company_value("PLAN_COMPLETION_RATE")
        self.assertEqual((completion.numerator, completion.denominator), (30.0, 40.0))
        self.assertAlmostEqual(completion.value, 75.0, places=3)
        on_time = self._company_value("PLAN_ON_TIME_COMPLETION_RATE")
        self.assertEqual((on_time.numerator, on_time.denominator), (4.0, 6.0))
        # The reconstruction gives what was recorded live, except F (no deadline: measured
        # against its end date, it was not counted live without a committed finish).
        self.assertEqual(
            recorded["MATERIAL_CONSUMPTION_QUOTA_RATIO"],
            self._figures()["MATERIAL_CONSUMPTION_QUOTA_RATIO"],
        )

    def test_backfill_is_idempotent_and_keeps_recorded_commitments(self):
        self._wipe(self.orders - self.mo_a)
        self.mo_a.mfg_planned_finish = dt(9)  # recorded (corrected) before: never changed
        manager = new_test_user(
            self.env,
            "mrp_kpi_history_manager",
            groups="mrp.group_mrp_user,mfg_kpi.group_kpi_manager",
        )
        action = self.env["mrp.production"].with_user(manager).action_mfg_reconstruct_history()
        self.assertEqual(action["tag"], "display_notification")
        self.assertEqual(self.mo_a.mfg_planned_finish, dt(9))
        self.assertFalse(self.mo_a.mfg_commitment_reconstructed)
        self.assertEqual(self.mo_c.mfg_planned_qty, 5)
        self.assertEqual(self.env["mrp.production"]._mfg_backfill_plan(), (0, 0))
        self.assertEqual(self.mo_c.mfg_planned_qty, 5)

    def test_only_kpi_managers_reconstruct(self):
        self._wipe(self.mo_c)
        with self.assertRaises(AccessError):
            self.env["mrp.production"].with_user(self.user_op1).action_mfg_reconstruct_history()
        self.assertFalse(self.mo_c.mfg_planned_finish)
