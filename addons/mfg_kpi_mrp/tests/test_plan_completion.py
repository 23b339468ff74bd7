from unittest.mock import patch

from odoo import Command
from odoo.tests import Form, tagged
from odoo.tests.common import freeze_time

from ..models.mfg_kpi_provider import MRP_PROVIDERS
from .common import MrpKpiCase, dt

# Computations run on April 5th: orders due in March and still open are overdue.
NOW = dt(5, 12, month=4)


@tagged("post_install", "-at_install")
class TestPlanCompletion(MrpKpiCase):
    """Order chains due in March 2026 (committed finish = deadline at confirmation).

    | chain          | owner        | planned | produced              | closed        | on time |
    |----------------|--------------|---------|-----------------------|---------------|---------|
    | A bike         | W1 / team 1A | 10      | 10 (Mar 8)            | Mar 8         | yes     |
    | B bike (rush)  | W1 / team 1A | 10      | 6 (Mar 18) + 4 (Mar 25 backorder) | Mar 25 | no |
    | C box          | W2           | 5       | 3 (Mar 24, rest closed) | Mar 24      | yes     |
    | D box          | W2           | 5       | 0 (open, overdue)     | no            | no      |
    | E bike         | cancelled: not counted                                                  |
    | G bike         | due in April: not counted in March                                      |
    | company 2 bike | other company: never counted for company 1                              |

    Time logs (minutes): A: op1 60 on WC-Cut; B: op1 30 + op2 30, its backorder: op2 40 (WC-Cut);
    C: a user without employee 10 (WC-Pack); D: op2 20 (WC-Pack).
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.mo_a = cls._create_mo(cls.bom_bike, 10, dt(10))
        cls._log_time(cls.mo_a.workorder_ids, cls.user_op1, dt(7, 8), 60)
        cls._produce(cls.mo_a, 10, dt(8))

        cls.mo_b = cls._create_mo(cls.bom_bike, 10, dt(20), priority="1")
        cls._log_time(cls.mo_b.workorder_ids, cls.user_op1, dt(17, 8), 30)
        cls._log_time(cls.mo_b.workorder_ids, cls.user_op2, dt(17, 9), 30)
        cls.mo_b2 = cls._produce(cls.mo_b, 6, dt(18), backorder=True)
        cls._log_time(cls.mo_b2.workorder_ids, cls.user_op2, dt(24, 8), 40)
        cls._produce(cls.mo_b2, 4, dt(25))

        cls.mo_c = cls._create_mo(cls.bom_box, 5, dt(25))
        cls._log_time(cls.mo_c.workorder_ids, cls.user_noemp, dt(23, 8), 10)
        cls._produce(cls.mo_c, 3, dt(24))  # the remaining 2 are not backordered

        cls.mo_d = cls._create_mo(cls.bom_box, 5, dt(28))
        cls._log_time(cls.mo_d.workorder_ids, cls.user_op2, dt(27, 8), 20)

        cls.mo_e = cls._create_mo(cls.bom_bike, 4, dt(12))
        cls.mo_e.action_cancel()

        cls.mo_g = cls._create_mo(cls.bom_bike, 7, dt(10, month=4))

        # A second company produces on time in March: never counted for the first one.
        cls.company2 = cls.env["res.company"].create({"name": "Second Factory"})
        cls.company2.resource_calendar_id.tz = "UTC"
        env2 = cls.env(
            context=dict(
                cls.env.context,
                allowed_company_ids=[cls.company2.id],
            )
        )
        bom2 = env2["mrp.bom"].create(
            {
                "product_tmpl_id": cls.bike.product_tmpl_id.id,
                "product_qty": 1,
                "company_id": cls.company2.id,
                "bom_line_ids": [Command.create({"product_id": cls.frame.id, "product_qty": 1})],
            }
        )
        cls.mo_other = cls._create_mo(bom2, 10, dt(10), env=env2)
        cls._produce(cls.mo_other, 10, dt(8))

    def _compute_now(self, code, period=None):
        with freeze_time(NOW):
            return self._compute(code, period)

    def test_plan_completion_counts_backorders_once(self):
        values = self._compute_now("PLAN_COMPLETION_RATE")
        company = self._value(values, self.company)
        # Planned 10 + 10 + 5 + 5 = 30 (B's backorder adds no plan); produced 10 + 10 + 3 + 0.
        self.assertEqual((company.numerator, company.denominator), (23.0, 30.0))
        self.assertAlmostEqual(company.value, 76.6667, places=3)
        self.assertEqual(
            self._drilled(company),
            self.mo_a | self.mo_b | self.mo_b2 | self.mo_c | self.mo_d,
            "exactly the live orders of the chains due; not E (cancelled) nor G (April)",
        )
        # Workshop 1 and its team: A and B, 20 of 20. Workshop 2: C and D, 3 of 10.
        self.assertEqual(self._value(values, self.workshop1).value, 100.0)
        self.assertEqual(self._value(values, self.team1).value, 100.0)
        self.assertAlmostEqual(self._value(values, self.workshop2).value, 30.0, places=3)
        # Work centres by time share: WC-Cut A and B (100%), WC-Pack C and D (3 of 10).
        self.assertEqual(self._value(values, self.wc_cut).value, 100.0)
        self.assertAlmostEqual(self._value(values, self.wc_pack).value, 30.0, places=3)
        # Operators: op1 all of A (10/10) and 30/100 of B's chain (3/3) -> 100%;
        # op2 70/100 of B (7/7) and all of D (0/5) -> 7/12.
        self.assertEqual(self._value(values, self.op1).value, 100.0)
        op2 = self._value(values, self.op2)
        self.assertAlmostEqual(op2.numerator, 7.0, places=3)
        self.assertAlmostEqual(op2.denominator, 12.0, places=3)
        self.assertAlmostEqual(op2.value, 58.3333, places=3)
        self.assertEqual(self._drilled(op2), self.mo_b | self.mo_b2 | self.mo_d)
        # No data, no value: the free work centre, other departments.
        self.assertFalse(self._value(values, self.wc_free))
        self.assertEqual(len(values), 8)

    def test_overproduction_does_not_make_up_for_shortfall(self):
        extra = self._create_mo(self.bom_box, 2, dt(15))
        self._produce(extra, 4, dt(14))  # 4 produced for a plan of 2: counts 2
        values = self._compute_now("OUTPUT_PLAN_COMPLETION_RATE")
        company = self._value(values, self.company)
        self.assertEqual((company.numerator, company.denominator), (25.0, 32.0))

    def test_operator_plan_achievement_is_per_employee(self):
        values = self._compute_now("PLAN_ACHIEVEMENT_RATE")
        self.assertEqual(values.employee_id, self.op1 | self.op2)
        self.assertEqual(set(values.mapped("subject_type")), {"employee"})

    def test_on_time_completion(self):
        values = self._compute_now("PLAN_ON_TIME_COMPLETION_RATE")
        company = self._value(values, self.company)
        # A and C closed by their committed finish; B closed late; D open after it.
        self.assertEqual((company.numerator, company.denominator), (2.0, 4.0))
        self.assertEqual(company.value, 50.0)
        self.assertEqual(self._value(values, self.workshop1).value, 50.0)
        self.assertEqual(self._value(values, self.workshop2).value, 50.0)
        # op1: A on time (share 1) and B late (share 0.3): 1 / 1.3.
        self.assertAlmostEqual(self._value(values, self.op1).value, 100 / 1.3, places=3)
        # op2: B late (0.7) and D late (1): 0 of 1.7 -> a value of 0, it has data.
        op2 = self._value(values, self.op2)
        self.assertEqual(op2.value, 0.0)
        self.assertAlmostEqual(op2.denominator, 1.7, places=3)

        delivery = self._compute_now("DELIVERY_DATE_ACHIEVEMENT_RATE")
        self.assertEqual(self._value(delivery, self.company).value, 50.0)

    def test_open_orders_not_yet_due_are_not_counted(self):
        # On March 27, D (due March 28) is open but not late yet: A, B and C only.
        with freeze_time(dt(27)):
            values = self._compute("PLAN_ON_TIME_COMPLETION_RATE")
        company = self._value(values, self.company)
        self.assertEqual((company.numerator, company.denominator), (2.0, 3.0))
        self.assertEqual(
            self._drilled(company), self.mo_a | self.mo_b | self.mo_b2 | self.mo_c, "not D yet"
        )
        # April: G is due on April 10, open: nothing is due on April 5.
        self.assertFalse(self._compute_now("PLAN_ON_TIME_COMPLETION_RATE", self.april))
        # Its plan completion has a plan: 0 of 7 so far.
        april = self._compute_now("PLAN_COMPLETION_RATE", self.april)
        self.assertEqual(self._value(april, self.company).value, 0.0)

    def test_quantity_on_time(self):
        values = self._compute_now("WORKSHOP_OUTPUT_PLAN_ON_TIME_RATE")
        # By their committed finish: A 10, B 6 (its backorder was late), C 3, D 0 -> 19 of 30.
        company = self._value(values, self.company)
        self.assertEqual((company.numerator, company.denominator), (19.0, 30.0))
        self.assertEqual(self._value(values, self.workshop1).value, 80.0)
        self.assertAlmostEqual(self._value(values, self.workshop2).value, 30.0, places=3)

    def test_rush_orders(self):
        values = self._compute_now("RUSH_ORDER_ON_TIME_RATE")
        company = self._value(values, self.company)
        self.assertEqual((company.numerator, company.denominator), (0.0, 1.0))
        self.assertEqual(self._drilled(company), self.mo_b | self.mo_b2)
        self.assertFalse(self._value(values, self.workshop2), "no rush order in workshop 2")

    def test_second_company_has_its_own_values(self):
        period2 = self.env["mfg.kpi.period"]._get_or_create("month", dt(15).date(), self.company2)
        values = self._compute_now("PLAN_COMPLETION_RATE", period2)
        self.assertEqual(len(values), 1)
        self.assertEqual(values.subject_type, "company")
        self.assertEqual(values.company_id, self.company2)
        self.assertEqual((values.numerator, values.denominator), (10.0, 10.0))
        self.assertEqual(self._drilled(values), self.mo_other)

    def test_cancelled_remainder_keeps_the_plan(self):
        # Produce 2 of 4 and cancel the backorder: the chain stays at 2 of 4.
        production = self._create_mo(self.bom_box, 4, dt(16))
        backorder = self._produce(production, 2, dt(15), backorder=True)
        backorder.action_cancel()
        values = self._compute_now("PLAN_COMPLETION_RATE")
        company = self._value(values, self.company)
        self.assertEqual((company.numerator, company.denominator), (25.0, 34.0))
        on_time = self._value(self._compute_now("PLAN_ON_TIME_COMPLETION_RATE"), self.company)
        # The chain is closed (its backorder cancelled) by its committed finish.
        self.assertEqual((on_time.numerator, on_time.denominator), (3.0, 5.0))
        self.assertNotIn(backorder, self._drilled(company))

    def test_confirmed_split_is_one_plan(self):
        production = self._create_mo(self.bom_box, 6, dt(21))
        action = production.action_split()
        wizard = Form(self.env["mrp.production.split"].with_context(**action["context"]))
        wizard.max_batch_size = 3
        wizard.save().action_split()
        parts = production.production_group_id.production_ids
        self.assertEqual(len(parts), 2)
        self.assertEqual(sum(parts.mapped("mfg_planned_qty")), 6)
        self._produce(parts[0], 3, dt(20))
        values = self._compute_now("PLAN_COMPLETION_RATE")
        company = self._value(values, self.company)
        self.assertEqual((company.numerator, company.denominator), (26.0, 36.0))

    def test_output_in_another_unit_counts_in_the_product_unit(self):
        dozen = self.env.ref("uom.product_uom_dozen")
        dozen.active = True
        self.env.user.group_ids |= self.env.ref("uom.group_uom")  # the unit on the order form
        production = self._create_mo(self.bom_box, 2, dt(21), product_uom_id=dozen)
        self.assertEqual(production.mfg_planned_qty, 24.0, "planned in the product's unit")
        self._produce(production, 1, dt(20))  # one dozen; the other is not backordered
        values = self._compute_now("PLAN_COMPLETION_RATE")
        company = self._value(values, self.company)
        # The fixture's 23 of 30, and 12 units of 24.
        self.assertEqual((company.numerator, company.denominator), (35.0, 54.0))

    def test_plan_kpis_of_one_computation_read_the_chains_once(self):
        codes = [
            code
            for code, entry in MRP_PROVIDERS.items()
            if entry.method.endswith("plan_completion")
        ]
        kpis = self.env["mfg.kpi"].search([("code", "in", codes)])
        self.assertEqual(len(kpis), 9)
        Value = self.env["mfg.kpi.value"]
        alone = {}
        for kpi in kpis:
            values = self._compute_now(kpi.code)
            alone[kpi.code] = sorted((v.subject_ref, v.value, v.numerator) for v in values)
        Value.search([("kpi_id", "in", kpis.ids), ("period_id", "=", self.period.id)]).unlink()
        Provider = type(self.env["mfg.kpi.provider"])
        with (
            freeze_time(NOW),
            patch.object(
                Provider,
                "_mfg_mrp_read_plan",
                autospec=True,
                side_effect=Provider._mfg_mrp_read_plan,
            ) as read_plan,
        ):
            self.env["mfg.kpi.provider"]._compute_periods(self.period, kpis)
        self.assertEqual(read_plan.call_count, 1, "one read of the chains for the 9 KPIs")
        for kpi in kpis:
            values = Value.search([("kpi_id", "=", kpi.id), ("period_id", "=", self.period.id)])
            together = sorted((v.subject_ref, v.value, v.numerator) for v in values)
            self.assertEqual(together, alone[kpi.code], kpi.code)
            self.assertFalse(values.filtered("drill_domain"), "no id list stored")
