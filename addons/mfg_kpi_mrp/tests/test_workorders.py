from odoo import Command
from odoo.tests import tagged

from .common import MrpKpiCase, dt


@tagged("post_install", "-at_install")
class TestWorkorderKpis(MrpKpiCase):
    """Work orders finished in March 2026 and their time logs (minutes).

    | work order        | centre  | pieces | expected | working time                         |
    |-------------------|---------|--------|----------|--------------------------------------|
    | W1 bike × 10      | WC-Cut  | 10     | 60       | op1 45 + op2 30 (Mar 7); op1 blocked 20 |
    | W2 box × 30       | WC-Pack | 30     | 30       | op2 20 (Mar 10) + no-employee 10 (Mar 11) |
    | W3 chair × 2: Cut | WC-Cut  | 2      | 12       | op1 10 (Mar 12)                       |
    | W3 chair × 2: Pack| WC-Pack | 2      | 2        | op1 4, reduced speed (Mar 12)         |
    | W4 bike × 5       | WC-Cut  | 5      | 30       | none: Odoo's estimated log not counted |

    A work order finished in April and one of a second company are not counted.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        w1 = cls._create_mo(cls.bom_bike, 10, dt(10))
        cls.wo1 = w1.workorder_ids
        cls._log_time(cls.wo1, cls.user_op1, dt(7, 8), 45)
        cls._log_time(cls.wo1, cls.user_op2, dt(7, 9), 30)
        cls._log_time(cls.wo1, cls.user_op1, dt(7, 10), 20, loss=cls.blocked)
        cls._produce(w1, 10, dt(8))

        w2 = cls._create_mo(cls.bom_box, 30, dt(12))
        cls.wo2 = w2.workorder_ids
        cls._log_time(cls.wo2, cls.user_op2, dt(10, 8), 20)
        cls._log_time(cls.wo2, cls.user_noemp, dt(11, 8), 10)
        cls._produce(w2, 30, dt(11, 14))

        w3 = cls._create_mo(cls.bom_chair, 2, dt(13))
        cls.wo3_cut = w3.workorder_ids.filtered(lambda w: w.workcenter_id == cls.wc_cut)
        cls.wo3_pack = w3.workorder_ids - cls.wo3_cut
        cls._log_time(cls.wo3_cut, cls.user_op1, dt(12, 8), 10)
        cls._log_time(
            cls.wo3_pack, cls.user_op1, dt(12, 9), 4, loss=cls.env.ref("mrp.block_reason4")
        )
        cls._produce(w3, 2, dt(12, 14))

        w4 = cls._create_mo(cls.bom_bike, 5, dt(14))
        cls.wo4 = w4.workorder_ids
        cls._produce(w4, 5, dt(13))

        w5 = cls._create_mo(cls.bom_bike, 1, dt(3, month=4))
        cls._log_time(w5.workorder_ids, cls.user_op1, dt(2, 8, month=4), 5)
        cls._produce(w5, 1, dt(2, 12, month=4))

        company2 = cls.env["res.company"].create({"name": "Second Factory"})
        env2 = cls.env(context=dict(cls.env.context, allowed_company_ids=[company2.id]))
        workcenter2 = env2["mrp.workcenter"].create({"name": "WC-Other", "company_id": company2.id})
        bom2 = env2["mrp.bom"].create(
            {
                "product_tmpl_id": cls.box.product_tmpl_id.id,
                "product_qty": 1,
                "company_id": company2.id,
                "bom_line_ids": [Command.create({"product_id": cls.carton.id, "product_qty": 1})],
                "operation_ids": [
                    Command.create(
                        {"name": "Pack", "workcenter_id": workcenter2.id, "time_cycle_manual": 1}
                    )
                ],
            }
        )
        other = cls._create_mo(bom2, 50, dt(10), env=env2)
        cls._log_time(other.workorder_ids, cls.user_op1, dt(9, 8), 30)
        cls._produce(other, 50, dt(9, 12))

    def test_workorders_as_expected(self):
        self.assertEqual(self.wo1.duration_expected, 60)
        self.assertEqual(self.wo2.duration_expected, 30)
        self.assertEqual((self.wo3_cut.duration_expected, self.wo3_pack.duration_expected), (12, 2))
        self.assertEqual(self.wo1.date_finished, dt(8))
        # W4: Odoo logged the expected 30 minutes on its own; the log is an estimate.
        self.assertEqual(self.wo4.duration, 30)
        self.assertTrue(self.wo4.time_ids)
        self.assertTrue(all(self.wo4.time_ids.mapped("mfg_estimated")))
        self.assertFalse(any(self.wo1.time_ids.mapped("mfg_estimated")))

    def test_pieces_per_hour(self):
        values = self._compute("MRP_LABOUR_PRODUCTIVITY")
        company = self._value(values, self.company)
        # 10 + 30 + 2 + 2 = 44 pieces in 75 + 30 + 10 + 4 = 119 minutes.
        self.assertEqual(company.numerator, 44.0)
        self.assertAlmostEqual(company.denominator, 119 / 60, places=3)
        self.assertAlmostEqual(company.value, 44 / (119 / 60), places=3)
        self.assertEqual(self._drilled(company), self.wo1 | self.wo2 | self.wo3_cut | self.wo3_pack)
        # WC-Cut: 12 pieces in 85 minutes; WC-Pack: 32 pieces in 34 minutes.
        self.assertAlmostEqual(self._value(values, self.wc_cut).value, 12 / (85 / 60), places=3)
        self.assertAlmostEqual(self._value(values, self.wc_pack).value, 32 / (34 / 60), places=3)
        self.assertAlmostEqual(self._value(values, self.workshop1).value, 12 / (85 / 60), places=3)
        self.assertAlmostEqual(self._value(values, self.team1).value, 12 / (85 / 60), places=3)
        self.assertAlmostEqual(self._value(values, self.workshop2).value, 32 / (34 / 60), places=3)
        # op1: 45/75 of W1 (6 pieces), W3 Cut (2) and Pack (2) -> 10 pieces in 59 minutes.
        op1 = self._value(values, self.op1)
        self.assertAlmostEqual(op1.numerator, 10.0, places=3)
        self.assertAlmostEqual(op1.value, 10 / (59 / 60), places=3)
        self.assertEqual(self._drilled(op1), self.wo1 | self.wo3_cut | self.wo3_pack)
        # op2: 30/75 of W1 (4 pieces) and 20/30 of W2 (20) -> 24 pieces in 50 minutes.
        self.assertAlmostEqual(self._value(values, self.op2).value, 24 / (50 / 60), places=3)
        self.assertFalse(self._value(values, self.wc_free))

        individual = self._compute("INDIVIDUAL_LABOUR_EFFICIENCY")
        self.assertEqual(individual.employee_id, self.op1 | self.op2)
        self.assertAlmostEqual(self._value(individual, self.op1).value, 10 / (59 / 60), places=3)

    def test_pieces_per_worker_day(self):
        values = self._compute("LABOUR_EFFICIENCY")
        # Worker-days: op1 Mar 7 and 12, op2 Mar 7 and 10, the no-employee user Mar 11.
        company = self._value(values, self.company)
        self.assertEqual((company.numerator, company.denominator), (44.0, 5.0))
        self.assertAlmostEqual(self._value(values, self.op1).value, 10 / 2, places=3)
        self.assertAlmostEqual(self._value(values, self.op2).value, 24 / 2, places=3)
        self.assertAlmostEqual(self._value(values, self.wc_cut).value, 12 / 3, places=3)
        self.assertAlmostEqual(self._value(values, self.wc_pack).value, 32 / 3, places=3)

    def test_standard_hours(self):
        values = self._compute("STANDARD_HOURS_ACHIEVEMENT_RATE")
        company = self._value(values, self.company)
        # Expected 60 + 30 + 12 + 2 = 104 minutes against 119 worked.
        self.assertEqual((company.numerator, company.denominator), (104.0, 119.0))
        self.assertAlmostEqual(self._value(values, self.wc_cut).value, 72 / 85 * 100, places=3)
        self.assertAlmostEqual(self._value(values, self.wc_pack).value, 32 / 34 * 100, places=3)
        # op1: 36 of W1's 60 (45 minutes) + 12 (10) + 2 (4) = 50 / 59.
        self.assertAlmostEqual(self._value(values, self.op1).value, 50 / 59 * 100, places=3)
        # op2: 24 (30 minutes) + 20 (20) = 44 / 50.
        self.assertAlmostEqual(self._value(values, self.op2).value, 88.0, places=3)

        quota = self._compute("QUOTA_COMPLETION_RATE")
        self.assertEqual(quota.employee_id, self.op1 | self.op2)
        self.assertAlmostEqual(self._value(quota, self.op2).value, 88.0, places=3)

    def test_standard_met(self):
        values = self._compute("WORK_HOUR_EFFICIENCY_RATE")
        # Within the expected duration: W2 (30 of 30) and W3 Cut (10 of 12); not W1 nor
        # W3 Pack.
        company = self._value(values, self.company)
        self.assertEqual((company.numerator, company.denominator), (2.0, 4.0))
        op1 = self._value(values, self.op1)
        self.assertEqual((op1.numerator, op1.denominator), (1.0, 3.0))
        op2 = self._value(values, self.op2)
        self.assertEqual((op2.numerator, op2.denominator), (1.0, 2.0))
        self.assertEqual(self._value(values, self.wc_pack).value, 50.0)

    def test_april_and_no_data(self):
        values = self._compute("MRP_LABOUR_PRODUCTIVITY", self.april)
        company = self._value(values, self.company)
        self.assertEqual(company.numerator, 1.0)
        self.assertAlmostEqual(company.denominator, 5 / 60, places=3)
        empty = self.env["mfg.kpi.period"]._get_or_create("month", dt(15, month=5).date())
        self.assertFalse(self._compute("MRP_LABOUR_PRODUCTIVITY", empty))
