# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from odoo.tests import tagged

from .common import HrKpiCase


@tagged("post_install", "-at_install")
class TestLeaveKpis(HrKpiCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Operator A: Tue 10 - Wed 11 March (2 days); Mon 30 March - Thu 2 April (4 working days,
        # 2 of its 4 calendar days in March); a refused request on the 20th does not count.
        cls.a_march = cls._leave(cls.emp_a, date(2026, 3, 10), date(2026, 3, 11))
        cls.a_straddling = cls._leave(cls.emp_a, date(2026, 3, 30), date(2026, 4, 2))
        cls.a_refused = cls._leave(cls.emp_a, date(2026, 3, 20), date(2026, 3, 20), approve=False)
        # Operator B: a morning (0.5), Mon 16 - Wed 18 (3) and Wed 25 (1): 3 requests, 4.5 days.
        cls.b_half = cls._leave(
            cls.emp_b,
            date(2026, 3, 9),
            date(2026, 3, 9),
            request_date_from_period="am",
            request_date_to_period="am",
        )
        cls.b_three = cls._leave(cls.emp_b, date(2026, 3, 16), date(2026, 3, 18))
        cls.b_one = cls._leave(cls.emp_b, date(2026, 3, 25), date(2026, 3, 25))
        # Plant 2 does not count for plant 1.
        cls.other = cls._leave(cls.emp_other, date(2026, 3, 10), date(2026, 3, 10))

    def test_leaves_are_approved_through_the_flow(self):
        self.assertEqual(self.a_march.state, "validate")
        self.assertEqual(self.a_refused.state, "refuse")
        self.assertEqual(self.a_straddling.number_of_days, 4)
        self.assertEqual(self.b_half.number_of_days, 0.5)

    def test_leave_stats_helper(self):
        Employee = self.env["hr.employee"]
        employees = self.emp_a | self.emp_b | self.emp_c
        stats = Employee._mfg_leave_stats(employees, date(2026, 3, 1), date(2026, 3, 31))
        # A: 2 requests; 2 + 4 × 2/4 = 4 days. B: 3 requests, 4.5 days. C: nothing, absent.
        self.assertEqual(set(stats), {self.emp_a.id, self.emp_b.id})
        self.assertEqual(stats[self.emp_a.id][0], 2)
        self.assertAlmostEqual(stats[self.emp_a.id][1], 4.0)
        self.assertEqual(stats[self.emp_b.id][0], 3)
        self.assertAlmostEqual(stats[self.emp_b.id][1], 4.5)
        # April: the straddling request again, 4 × 2/4 = 2 days.
        april = Employee._mfg_leave_stats(employees, date(2026, 4, 1), date(2026, 4, 30))
        self.assertEqual(april, {self.emp_a.id: (1, 2.0)})
        self.assertEqual(
            Employee._mfg_leave_stats(Employee, date(2026, 3, 1), date(2026, 3, 31)), {}
        )

    def test_leave_stats_feed_the_exclusion_rule(self):
        """Team appraisal exclusion: 3 or more requests, or 3 or more days, in the month."""
        stats = self.env["hr.employee"]._mfg_leave_stats(
            self.emp_a | self.emp_b | self.emp_c, date(2026, 3, 1), date(2026, 3, 31)
        )
        excluded = {
            employee_id for employee_id, (count, days) in stats.items() if count >= 3 or days >= 3
        }
        self.assertEqual(excluded, {self.emp_a.id, self.emp_b.id})

    def test_leave_kpis(self):
        counts = self._compute("LEAVE_REQUEST_COUNT")
        days = self._compute("LEAVE_DAYS")
        self.assertEqual(set(counts), {self.emp_a, self.emp_b})
        self.assertEqual(counts[self.emp_a].value, 2)
        self.assertEqual(counts[self.emp_b].value, 3)
        self.assertAlmostEqual(days[self.emp_a].value, 4.0)
        self.assertAlmostEqual(days[self.emp_b].value, 4.5)
        # Drill-down: exactly the approved requests counted.
        self.assertEqual(self._drill(counts[self.emp_a]), self.a_march | self.a_straddling)
        self.assertEqual(self._drill(days[self.emp_b]), self.b_half | self.b_three | self.b_one)
        april = self._compute("LEAVE_DAYS", self.april)
        self.assertEqual(set(april), {self.emp_a})
        self.assertAlmostEqual(april[self.emp_a].value, 2.0)

    def test_other_company(self):
        period_2 = self.env["mfg.kpi.period"]._get_or_create(
            "month", date(2026, 3, 1), self.company_2
        )
        counts = self._compute("LEAVE_REQUEST_COUNT", period_2)
        self.assertEqual(set(counts), {self.emp_other})
        self.assertEqual(counts[self.emp_other].value, 1)
