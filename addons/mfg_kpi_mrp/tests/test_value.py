from datetime import date

from odoo.tests import tagged
from odoo.tests.common import freeze_time

from .common import MrpKpiCase, dt


@tagged("post_install", "-at_install")
class TestValueKpis(MrpKpiCase):
    """Output, work in process and costs of March 2026.

    Bike: cost 40, sales price 100 (material standard 30: 2 frames at 10 + 5 bolts at 2);
    box: cost 2, sales price 5. WC-Cut costs 60 an hour.

    | order      | begun             | done    | in process at Mar 1 / Apr 1 | time (min)          |
    |------------|-------------------|---------|-----------------------------|---------------------|
    | O0 bike×4  | Feb 20 09:00      | Mar 4   | yes / no                    | 10 (Feb 20)          |
    | O1 bike×10 | Mar 5 12:00       | Mar 5   | no / no                     | 50 + 20 blocked      |
    | O2 box×30  | Mar 10 09:00      | open    | no / yes                    | 60 (Mar 10)          |
    | O3 bike×5  | confirmed only    | open    | no / no                     | -                    |
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.bike.write({"standard_price": 40.0, "list_price": 100.0})
        cls.box.write({"standard_price": 2.0, "list_price": 5.0})
        cls.wc_cut.costs_hour = 60.0
        cls.wc_pack.costs_hour = 0.0
        cls.o0 = cls._create_mo(cls.bom_bike, 4, dt(3), confirm_at=dt(20, 8, month=2))
        cls._start(cls.o0, dt(20, 9, month=2), dt(20, 9, month=2).replace(minute=10))
        cls._produce(cls.o0, 4, dt(4, 12))
        cls.o1 = cls._create_mo(cls.bom_bike, 10, dt(10))
        cls._log_time(cls.o1.workorder_ids, cls.user_op1, dt(3, 8), 50)
        cls._log_time(cls.o1.workorder_ids, cls.user_op1, dt(3, 9), 20, loss=cls.blocked)
        cls._produce(cls.o1, 10, dt(5, 12))
        cls.o2 = cls._create_mo(cls.bom_box, 30, dt(25), confirm_at=dt(10, 8))
        cls._start(cls.o2, dt(10, 9), dt(10, 10))
        cls.o3 = cls._create_mo(cls.bom_bike, 5, dt(28))

    @classmethod
    def _start(cls, production, start, pause):
        """Start the order's work order at ``start`` and pause it at ``pause``."""
        with freeze_time(start):
            production.workorder_ids.button_start()
        with freeze_time(pause):
            production.workorder_ids.button_pending()

    def test_orders_as_expected(self):
        self.assertEqual(self.o0.state, "done")
        self.assertEqual(self.o0.date_start, dt(20, 9, month=2))
        self.assertEqual(self.o0.date_finished, dt(4, 12))
        # Odoo dates an order begun by its first work order: O1's was finished unstarted.
        self.assertEqual(self.o1.date_start, dt(5, 12))
        self.assertEqual(self.o2.state, "progress")
        self.assertEqual(self.o2.date_start, dt(10, 9))
        self.assertEqual(self.o3.state, "confirmed")
        self.assertEqual(self.o0.workorder_ids.duration, 10)
        self.assertEqual(self.o1.workorder_ids.duration, 70)

    def test_wip_turnover(self):
        values = self._compute("WIP_TURNOVER_RATE")
        # Output 4 × 40 + 10 × 40 = 560; work in process (O0 160 at Mar 1 + O2 60 at Apr 1) / 2.
        company = self._value(values, self.company)
        self.assertEqual((company.numerator, company.denominator), (560.0, 110.0))
        self.assertAlmostEqual(company.value, 560 / 110, places=5)
        self.assertEqual(self._drilled(company), self.o0 | self.o1 | self.o2)
        self.assertAlmostEqual(self._value(values, self.workshop1).value, 560 / 80, places=5)
        self.assertEqual(self._value(values, self.workshop2).value, 0.0)

    def test_output_per_head(self):
        kpi = self.env["mfg.kpi"].search([("code", "=", "LABOUR_PRODUCTIVITY")])
        before = self._value(self._compute("LABOUR_PRODUCTIVITY"), self.company)
        # Output value at the sales price: (4 + 10) × 100.
        self.assertEqual(before.numerator, 1400.0)
        self.assertEqual(self._drilled(before), self.o0 | self.o1)
        heads = before.denominator
        # Two hired before March count on both days (+2); one hired on the 20th on the last day
        # only (+0.5); one gone in February not at all.
        Employee = self.env["hr.employee"]
        Employee.create(
            [{"name": f"Hired {n}", "contract_date_start": date(2026, 1, 5)} for n in range(2)]
            + [{"name": "Newcomer", "contract_date_start": date(2026, 3, 20)}]
        )
        gone = Employee.create({"name": "Gone", "contract_date_start": date(2025, 1, 5)})
        gone.write({"departure_date": date(2026, 2, 10), "active": False})
        self.env["mfg.kpi.provider"]._compute_kpi(kpi, self.period)
        after = self._value(self._compute("LABOUR_PRODUCTIVITY"), self.company)
        self.assertEqual(after.numerator, 1400.0)
        self.assertEqual(after.denominator, heads + 2.5)
        self.assertFalse(after.employee_id)

    def test_costs(self):
        # O0: standard 4 × 30 + 24 min at 60/h = 144, actual 120 + 10 min = 130;
        # O1: standard 10 × 30 + 60 min = 360, actual 300 + 70 min = 370.
        values = self._compute("PRODUCTION_COST_CONTROL")
        company = self._value(values, self.company)
        self.assertEqual((company.numerator, company.denominator), (500.0, 504.0))
        self.assertEqual(self._drilled(company), self.o0 | self.o1)
        self.assertAlmostEqual(self._value(values, self.workshop1).value, 500 / 504 * 100, places=4)
        budget = self._value(self._compute("COST_BUDGET_ACHIEVEMENT_RATE"), self.company)
        self.assertAlmostEqual(budget.value, 504 / 500 * 100, places=4)
        # Work-centre cost 10 + 70 against the output value 1,400.
        overhead = self._value(self._compute("MANUFACTURING_OVERHEAD_RATE"), self.company)
        self.assertEqual((overhead.numerator, overhead.denominator), (80.0, 1400.0))
        self.assertAlmostEqual(overhead.value, 80 / 1400 * 100, places=4)


@tagged("post_install", "-at_install")
class TestCostReduction(MrpKpiCase):
    """Bikes cost 300 of material and 60 minutes at 60/h in February (36 a bike), 300 and 30
    minutes in March (33 a bike); five boxes cost 5 of material and 5 minutes in February (2 a
    box), 5 and 15 minutes in March (4 a box)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.wc_cut.costs_hour = 60.0
        cls.wc_pack.costs_hour = 60.0
        cls.february = cls.env["mfg.kpi.period"]._get_or_create("month", date(2026, 2, 15))
        feb_boxes = cls._create_mo(cls.bom_box, 5, dt(10, month=2), confirm_at=dt(2, 8, month=2))
        cls._log_time(feb_boxes.workorder_ids, cls.user_op2, dt(4, 8, month=2), 5)
        cls._produce(feb_boxes, 5, dt(5, 12, month=2))
        feb = cls._create_mo(cls.bom_bike, 10, dt(10, month=2), confirm_at=dt(2, 8, month=2))
        cls._log_time(feb.workorder_ids, cls.user_op1, dt(3, 8, month=2), 60)
        cls._produce(feb, 10, dt(5, 12, month=2))
        cls.march_bikes = cls._create_mo(cls.bom_bike, 10, dt(10))
        cls._log_time(cls.march_bikes.workorder_ids, cls.user_op1, dt(3, 8), 30)
        cls._produce(cls.march_bikes, 10, dt(5, 12))
        cls.boxes = cls._create_mo(cls.bom_box, 5, dt(10))
        cls._log_time(cls.boxes.workorder_ids, cls.user_op2, dt(4, 8), 15)
        cls._produce(cls.boxes, 5, dt(6, 12))

    def test_cost_reduction(self):
        values = self._compute("PRODUCTION_COST_REDUCTION_RATE")
        company = self._value(values, self.company)
        # Bikes (36 − 33) × 10 = 30 of 36 × 10; boxes (2 − 4) × 5 = −10 of 2 × 5.
        self.assertAlmostEqual(company.numerator, 20.0, places=4)
        self.assertAlmostEqual(company.denominator, 370.0, places=4)
        self.assertAlmostEqual(company.value, 20 / 370 * 100, places=4)
        self.assertEqual(self._drilled(company), self.march_bikes | self.boxes)
        self.assertAlmostEqual(self._value(values, self.workshop1).value, 30 / 360 * 100, places=4)
        # Workshop 2 (boxes) paid more a unit: no reduction, 0 (not negative).
        workshop2 = self._value(values, self.workshop2)
        self.assertEqual((workshop2.value, workshop2.denominator), (0.0, 10.0))
        # February has no previous period: no value.
        self.assertFalse(self._compute("PRODUCTION_COST_REDUCTION_RATE", self.february))
