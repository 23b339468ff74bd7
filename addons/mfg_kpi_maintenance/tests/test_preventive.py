# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.tests import tagged

from .scenario import MaintenanceScenario


@tagged("post_install", "-at_install")
class TestPreventiveKpis(MaintenanceScenario):
    def test_plan_completion(self):
        values = self._compute("MAINTENANCE_PLAN_COMPLETION_RATE")
        # Due in March: P1-P5 and Q3. On schedule: P1, P3, P5, Q3 (P2 done a day late, P4
        # never): 4 ÷ 6. T1 (P1-P5): 3 ÷ 5; T2 (Q3): 1 ÷ 1.
        self.assertAlmostEqual(values[self.company].value, 400 / 6, places=4)
        self.assertEqual(values[self.emp_t1].value, 60.0)
        self.assertEqual(values[self.emp_t2].value, 100.0)
        self.assertEqual(values[self.team_a].value, 60.0)
        self.assertEqual(
            self._drill(values[self.company]),
            self.p1 | self.p2 | self.p3 | self.p4 | self.p5 | self.q3,
        )

    def test_grace_days(self):
        self.company.mfg_preventive_grace_days = 1
        values = self._compute("MAINTENANCE_PLAN_COMPLETION_RATE")
        # P2, done the day after, is now on schedule: 5 ÷ 6.
        self.assertAlmostEqual(values[self.company].value, 500 / 6, places=4)

    def test_pending_requests_not_yet_late_are_left_out(self):
        # On March 22 at noon P4 (due that day, not done) is not late yet: left out.
        values = self._compute("MAINTENANCE_PLAN_COMPLETION_RATE", now="2026-03-22 12:00:00")
        self.assertEqual(
            self._drill(values[self.company]), self.p1 | self.p2 | self.p3 | self.p5 | self.q3
        )

    def test_coverage(self):
        values = self._compute("MAINTENANCE_COVERAGE_RATE")
        # Per employee: machines with preventive work due in March maintained as scheduled.
        # M1 (P2, P4 late) no, M3 (Q3) yes. T1: 0 ÷ 1; T2: 1 ÷ 1; O1: 1 ÷ 2.
        self.assertEqual(set(values), {self.emp_t1, self.emp_t2, self.emp_o1})
        self.assertEqual(values[self.emp_t1].value, 0.0)
        self.assertEqual(values[self.emp_t2].value, 100.0)
        self.assertEqual(values[self.emp_o1].value, 50.0)
        self.assertEqual(self._drill(values[self.emp_o1]), self.m1 | self.m3)

    def test_check_count(self):
        values = self._compute("EQUIPMENT_CHECK_COUNT")
        # Preventive requests done in March: P1, P2, P3, P5 (T1) and Q3 (T2).
        self.assertEqual(values[self.emp_t1].value, 4)
        self.assertEqual(values[self.emp_t2].value, 1)
        self.assertEqual(values[self.emp_o1].value, 5)
        self.assertEqual(self._drill(values[self.emp_t1]), self.p1 | self.p2 | self.p3 | self.p5)

    def test_check_kinds(self):
        # Only the inspections count once the check kinds are set: Q3 (no kind) drops out.
        self.company.mfg_check_kind_ids = self.kind_inspection
        values = self._compute("EQUIPMENT_CHECK_COUNT")
        self.assertEqual(values[self.emp_o1].value, 4)
        self.assertNotIn(self.emp_t2, values)

    def test_nothing_due_no_value(self):
        april = self.env["mfg.kpi.period"]._get_or_create("month", date(2026, 5, 1), self.company)
        self.assertEqual(self._compute("MAINTENANCE_PLAN_COMPLETION_RATE", april), {})
