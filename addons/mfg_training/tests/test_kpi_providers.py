# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.tests import tagged

from .common import TrainingCase


@tagged("post_install", "-at_install")
class TestTrainingKpis(TrainingCase):
    """March 2026, computed on April 15 (all days of March over).

    ===  =============  ========  ========  =====  ===========================================
    id   kind           planned   done      plan   attendees (result, score)
    ===  =============  ========  ========  =====  ===========================================
    S1   safety         03-05     03-05     A      W1 passed, W2 failed, W3 absent
    S2   safety         03-20     03-25     B      W4 passed
    S3   safety         03-28     -         A      W1 (not started)
    S4   safety         03-10     -         -      cancelled
    S5   safety         04-02     04-02     -      outside March
    X1   safety         03-06     03-06     C2     Other (company 2)
    K1   skill          03-10     03-10     -      W1 passed 90, W2 failed 40, W4 passed 70
    K2   skill          03-15     03-15     -      W1 failed 50, W3 absent
    P1   process        03-10     03-09     -      organiser officer, on time
    P2   process        03-20     03-22     -      organiser manager, late
    P3   process        03-25     -         -      organiser officer, not delivered
    E1   equipment      03-03     04-02     -      officer: delivered after March
    E2   equipment      03-12     03-12     -      officer
    W1   workshop       03-31     03-31     A      -
    N1   new_employee   03-02     03-02     -      -
    N2   new_employee   03-30     -         -      -
    ===  =============  ========  ========  =====  ===========================================

    Plan A: Workshop A, every position; plan B: Workshop B, operators only.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        d = date
        w1, w2, w3, w4 = cls.worker1, cls.worker2, cls.worker3, cls.worker4
        cls.plan_a = cls._plan("Plan A", department=cls.dept_a)
        cls.plan_b = cls._plan("Plan B", department=cls.dept_b, jobs=cls.job_operator)
        cls.s1 = cls._deliver(
            cls._session("safety", d(2026, 3, 5), w1 | w2 | w3, plan=cls.plan_a),
            "2026-03-05",
            {w1: ("passed", 80), w2: ("failed", 30), w3: ("absent", 0)},
        )
        cls.s2 = cls._deliver(
            cls._session("safety", d(2026, 3, 20), w4, plan=cls.plan_b), "2026-03-25"
        )
        cls.s3 = cls._session("safety", d(2026, 3, 28), w1, plan=cls.plan_a)
        cls.s4 = cls._session("safety", d(2026, 3, 10), w1)
        cls.s4.with_user(cls.user_officer).cancel_course()
        cls.s5 = cls._deliver(cls._session("safety", d(2026, 4, 2), w1), "2026-04-02")
        plan_2 = cls._plan("Plant 2", company=cls.company_2)
        cls.x1 = cls._deliver(
            cls._session("safety", d(2026, 3, 6), cls.other, plan=plan_2), "2026-03-06"
        )
        cls.k1 = cls._deliver(
            cls._session("skill", d(2026, 3, 10), w1 | w2 | w4),
            "2026-03-10",
            {w1: ("passed", 90), w2: ("failed", 40), w4: ("passed", 70)},
        )
        cls.k2 = cls._deliver(
            cls._session("skill", d(2026, 3, 15), w1 | w3),
            "2026-03-15",
            {w1: ("failed", 50), w3: ("absent", 0)},
        )
        cls.p1 = cls._deliver(cls._session("process", d(2026, 3, 10), w1), "2026-03-09")
        cls.p2 = cls._deliver(
            cls._session("process", d(2026, 3, 20), w1, user=cls.user_officer), "2026-03-22"
        )
        cls.p2.sudo().user_id = cls.user_manager
        cls.p3 = cls._session("process", d(2026, 3, 25), w1)
        cls.e1 = cls._deliver(cls._session("equipment", d(2026, 3, 3), w1), "2026-04-02")
        cls.e2 = cls._deliver(cls._session("equipment", d(2026, 3, 12), w2), "2026-03-12")
        cls.w1s = cls._deliver(
            cls._session("workshop", d(2026, 3, 31), w1 | w2, plan=cls.plan_a), "2026-03-31"
        )
        cls.n1 = cls._deliver(cls._session("new_employee", d(2026, 3, 2), w3), "2026-03-02")
        cls.n2 = cls._session("new_employee", d(2026, 3, 30), w4)

    def test_safety_plan_completion(self):
        values = self._values("SAFETY_TRAINING_PLAN_RATE")
        # Planned in March, not cancelled: S1, S2 (delivered), S3 (not): 2 ÷ 3.
        self.assertAlmostEqual(values[self.company].value, 200 / 3, places=4)
        self.assertEqual(values[self.dept_a].value, 50.0)  # S1, S3
        self.assertEqual(values[self.dept_b].value, 100.0)  # S2
        self.assertAlmostEqual(values[self.officer].value, 200 / 3, places=4)
        self.assertEqual(self._drill(values[self.company]), self.s1 | self.s2 | self.s3)
        self.assertNotIn(self.company_2, values)

    def test_safety_coverage(self):
        values = self._values("SAFETY_TRAINING_COVERAGE")
        # Required: plan A → Workshop A (Manager, W1, W2, W3); plan B → Workshop B operators
        # (W4). Trained (present at a delivered safety session in March): W1, W2 (failed, but
        # trained), W4. W3 was absent: 3 ÷ 5.
        self.assertEqual(values[self.company].value, 60.0)
        self.assertEqual(values[self.dept_a].value, 50.0)
        self.assertEqual(values[self.dept_b].value, 100.0)
        self.assertEqual(
            self._drill(values[self.company]),
            self.manager | self.worker1 | self.worker2 | self.worker3 | self.worker4,
        )

    def test_safety_coverage_positions(self):
        # Plan A limited to operators: the welder W3 and the manager are no longer required.
        self.plan_a.job_ids = self.job_operator
        values = self._values("SAFETY_TRAINING_COVERAGE")
        self.assertEqual(values[self.company].value, 100.0)  # W1, W2, W4
        self.assertEqual(values[self.dept_a].numerator, 2.0)

    def test_safety_coverage_counts_teams_in_their_workshop(self):
        # W2 and W3 work in a team below Workshop A: the workshop still counts them (W1, W2
        # trained, W3 not, the manager not: 2 ÷ 4), the team counts its own (W2 of W2, W3).
        team = self.env["hr.department"].create(
            {
                "name": "Team A1",
                "parent_id": self.dept_a.id,
                "company_id": self.dept_a.company_id.id,
            }
        )
        (self.worker2 | self.worker3).department_id = team
        values = self._values("SAFETY_TRAINING_COVERAGE")
        self.assertEqual(values[self.dept_a].value, 50.0)
        self.assertEqual(values[self.dept_a].denominator, 4.0)
        self.assertEqual(values[team].value, 50.0)
        self.assertEqual(self._drill(values[team]), self.worker2 | self.worker3)

    def test_skill_pass_rate(self):
        values = self._values("SKILL_TRAINING_PASS_RATE")
        # Exams taken: K1 W1 passed, W2 failed, W4 passed; K2 W1 failed (W3 absent: no exam).
        # Per employee (KPI measured per employee): W1 1 ÷ 2, W2 0 ÷ 1, W4 1 ÷ 1.
        self.assertEqual(set(values), {self.worker1, self.worker2, self.worker4})
        self.assertEqual(values[self.worker1].value, 50.0)
        self.assertEqual(values[self.worker2].value, 0.0)
        self.assertEqual(values[self.worker4].value, 100.0)
        self.assertEqual(self._drill(values[self.worker1]).course_schedule_id, self.k1 | self.k2)

    def test_process_on_time(self):
        values = self._values("PROCESS_TRAINING_ON_TIME_RATE")
        # Officer: P1 on time, P3 not delivered: 1 ÷ 2. Manager: P2 late: 0 ÷ 1.
        self.assertEqual(values[self.officer].value, 50.0)
        self.assertEqual(values[self.manager].value, 0.0)
        self.assertEqual(self._drill(values[self.officer]), self.p1 | self.p3)

    def test_equipment_plan_completion(self):
        values = self._values("EQUIPMENT_TRAINING_PLAN_RATE")
        # E1 delivered on April 2, after March: 1 ÷ 2.
        self.assertEqual(set(values), {self.officer})
        self.assertEqual(values[self.officer].value, 50.0)

    def test_workshop_plan_completion(self):
        values = self._values("WORKSHOP_TRAINING_PLAN_COMPLETION_RATE")
        self.assertEqual(values[self.company].value, 100.0)
        self.assertEqual(values[self.dept_a].value, 100.0)

    def test_new_employee_plan_running_period(self):
        # On April 15: N1 delivered, N2 not: 1 ÷ 2.
        values = self._values("NEW_EMPLOYEE_TRAINING_PLAN_RATE")
        self.assertEqual(values[self.company].value, 50.0)
        # On March 30 at noon N2's day is not over: left out, 1 ÷ 1.
        values = self._values("NEW_EMPLOYEE_TRAINING_PLAN_RATE", now="2026-03-30 12:00:00")
        self.assertEqual(values[self.company].value, 100.0)
        self.assertEqual(self._drill(values[self.company]), self.n1)

    def test_nothing_planned_no_value(self):
        may = self.env["mfg.kpi.period"]._get_or_create("month", date(2026, 5, 1), self.company)
        for code in ("SAFETY_TRAINING_PLAN_RATE", "SAFETY_TRAINING_COVERAGE"):
            self.assertEqual(self._values(code, may, now="2026-06-15 12:00:00"), {})

    def test_library_kpis_are_computed(self):
        providers = self.env["mfg.kpi.provider"]._get_providers()
        for code in (
            "WORKSHOP_TRAINING_PLAN_COMPLETION_RATE",
            "PROCESS_TRAINING_ON_TIME_RATE",
            "SKILL_TRAINING_PASS_RATE",
            "SAFETY_TRAINING_PLAN_RATE",
            "EQUIPMENT_TRAINING_PLAN_RATE",
            "SAFETY_TRAINING_COVERAGE",
            "NEW_EMPLOYEE_TRAINING_PLAN_RATE",
        ):
            self.assertIn(code, providers)
