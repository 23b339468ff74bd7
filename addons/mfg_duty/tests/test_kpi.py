# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from odoo.tests import tagged

from .common import MARCH_1, DutyCommon


@tagged("post_install", "-at_install")
class TestCompletionKpi(DutyCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.kpi = cls.env.ref("mfg_duty.kpi_duty_checklist_completion")
        cls.march = cls.env["mfg.kpi.period"]._get_or_create("month", MARCH_1, cls.company)
        cls.april = cls.env["mfg.kpi.period"]._get_or_create("month", date(2026, 4, 1), cls.company)

    def _compute(self, period):
        self.env["mfg.kpi.provider"]._compute_kpi(self.kpi, period)
        values = self.env["mfg.kpi.value"].search(
            [("kpi_id", "=", self.kpi.id), ("period_id", "=", period.id)]
        )
        return {value.employee_id: value for value in values}

    def _items(self, employee):
        return self.Item.search([("employee_id", "=", employee.id)]).sorted(
            lambda i: (i.run_id.period_start, i.sequence)
        )

    def test_kpi_definition(self):
        self.assertEqual(self.kpi.code, "DUTY_CHECKLIST_COMPLETION")
        self.assertEqual(self.kpi.measurement, "computed")
        self.assertEqual(
            (self.kpi.unit, self.kpi.direction, self.kpi.subject_level, self.kpi.category),
            ("percent", "higher", "employee", "production"),
        )

    def test_completion_values_match_hand_computation(self):
        (self.line_weekly | self.line_monthly).active = False
        self.line_photo.evidence = "none"
        self._generate(MARCH_1, date(2026, 3, 5))  # 5 days × 2 items per operator
        items_a, items_b = self._items(self.emp_a), self._items(self.emp_b)
        self.assertEqual((len(items_a), len(items_b)), (10, 10))
        # A: 6 done and 1 not applicable of 10 → 70 %.
        items_a[:6].with_user(self.user_a).action_mark_done()
        items_a[6].with_user(self.user_a).action_mark_na()
        # B: 2 done and 1 problem found of 10 → 30 % (reporting a problem is doing the check).
        items_b[:2].with_user(self.user_b).action_mark_done()
        items_b[2].with_user(self.user_b).write({"note": "Oil leak", "result": "problem"})

        values = self._compute(self.march)
        # C and D have checklists and answered nothing: 0 %; the leader has none: no value.
        self.assertEqual(set(values), {self.emp_a, self.emp_b, self.emp_c, self.emp_d})
        expected = {self.emp_a: (70.0, 7, 10), self.emp_b: (30.0, 3, 10), self.emp_c: (0.0, 0, 10)}
        for employee, (value, numerator, denominator) in expected.items():
            kpi_value = values[employee]
            self.assertAlmostEqual(kpi_value.value, value)
            self.assertEqual((kpi_value.numerator, kpi_value.denominator), (numerator, denominator))
            self.assertEqual(kpi_value.source, "computed")
            self.assertEqual(kpi_value.drill_model, "mfg.duty.run.item")
            # Drill-down: exactly the items counted.
            drilled = self.Item.search(kpi_value._drill_domain())
            self.assertEqual(drilled, self._items(employee))
            self.assertEqual(len(drilled.filtered(lambda i: i.result != "pending")), numerator)
        self.assertEqual(values[self.emp_a].action_open_records()["res_model"], "mfg.duty.run.item")

        # Recomputing after more answers updates the same values.
        items_a[7].with_user(self.user_a).action_mark_done()
        again = self._compute(self.march)
        self.assertEqual(again[self.emp_a], values[self.emp_a])
        self.assertAlmostEqual(again[self.emp_a].value, 80.0)
        # Nothing falls due in April.
        self.assertEqual(self._compute(self.april), {})

    def test_checklists_count_in_the_period_they_fall_due(self):
        """A week straddling two months counts once, in the month it ends."""
        (self.line_guards | self.line_photo | self.line_monthly).active = False
        self._generate(date(2026, 3, 23), date(2026, 4, 5), templates=self.template)
        week_march, week_april = self._items(self.emp_a)
        self.assertEqual(week_march.run_id.period_end, date(2026, 3, 29))
        self.assertEqual(week_april.run_id.period_start, date(2026, 3, 30))
        week_march.with_user(self.user_a).action_mark_done()

        march = self._compute(self.march)
        self.assertEqual((march[self.emp_a].value, march[self.emp_a].denominator), (100.0, 1))
        april = self._compute(self.april)
        self.assertEqual((april[self.emp_a].value, april[self.emp_a].denominator), (0.0, 1))
        self.assertEqual(self.Item.search(april[self.emp_a]._drill_domain()), week_april)

    def test_other_company_not_mixed(self):
        self._generate(MARCH_1, MARCH_1, templates=self.template | self.template_2)
        values = self._compute(self.march)
        self.assertNotIn(self.emp_2, values)
        march_2 = self.env["mfg.kpi.period"]._get_or_create("month", MARCH_1, self.company_2)
        values_2 = self._compute(march_2)
        self.assertEqual(set(values_2), {self.emp_2})
        self.assertEqual(values_2[self.emp_2].denominator, 1)

    def test_kpi_scheduled_computation_uses_provider(self):
        (self.line_weekly | self.line_monthly).active = False
        self._generate(MARCH_1, MARCH_1)
        totals = self.env["mfg.kpi.provider"]._compute_periods(self.march, kpis=self.kpi)
        self.assertEqual(totals["created"], 4)
