# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Who sees and changes which training records, through the real external API (/jsonrpc)."""

from datetime import date

from odoo.addons.mfg_kpi.tests.rpc import RpcCase
from odoo.tests import tagged

from .common import TrainingCase

ATTENDEE = "hr.course.attendee"
SESSION = "hr.course.schedule"
PLAN = "mfg.training.plan"


@tagged("post_install", "-at_install")
class TestTrainingSecurityApi(TrainingCase, RpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        w1, w2, w3, w4 = cls.worker1, cls.worker2, cls.worker3, cls.worker4
        cls.plan_a = cls._plan("Plan A", department=cls.dept_a)
        cls.plan_b = cls._plan("Plan B", department=cls.dept_b)
        cls.s_a = cls._deliver(
            cls._session("safety", date(2026, 3, 5), w1 | w2 | w3, plan=cls.plan_a),
            "2026-03-05",
        )
        cls.s_b = cls._deliver(
            cls._session("safety", date(2026, 3, 6), w4, plan=cls.plan_b), "2026-03-06"
        )
        plan_2 = cls._plan("Plant 2", company=cls.company_2)
        cls.s_2 = cls._deliver(
            cls._session("safety", date(2026, 3, 6), cls.other, plan=plan_2), "2026-03-06"
        )
        cls.running = cls._start(cls._session("skill", date(2026, 3, 9), w1 | w2))

    def _ids(self, user, model, domain=None):
        return set(self.rpc(user, model, "search", domain or []))

    def _attendees(self, *employees, sessions=None):
        domain = [("employee_id", "in", [e.id for e in employees])]
        if sessions:
            domain.append(("course_schedule_id", "in", sessions.ids))
        return set(self.env[ATTENDEE].search(domain).ids)

    def test_employee_sees_own_enrolments_and_results(self):
        self.assertEqual(self._ids(self.user_worker1, ATTENDEE), self._attendees(self.worker1))
        self.assertEqual(self._ids(self.user_worker1, SESSION), {self.s_a.id, self.running.id})
        self.assertEqual(
            self._ids(self.user_worker2, ATTENDEE), self._attendees(self.worker2), "not W1's"
        )
        self.assertEqual(self._ids(self.user_worker2, PLAN), set(), "manages no department")

    def test_manager_sees_their_department(self):
        self.assertEqual(
            self._ids(self.user_manager, ATTENDEE),
            self._attendees(self.worker1, self.worker2, self.worker3),
        )
        self.assertEqual(self._ids(self.user_manager, PLAN), {self.plan_a.id})
        self.assertEqual(self._ids(self.user_manager, SESSION), {self.s_a.id, self.running.id})

    def test_managers_and_employees_open_the_session_form(self):
        spec = {
            "name": {},
            "attendant_ids": {"fields": {"display_name": {}}},
            "course_attendee_ids": {"fields": {"employee_id": {"fields": {"display_name": {}}}}},
        }
        for user in (self.user_manager, self.user_worker1):
            (record,) = self.rpc(user, SESSION, "web_read", self.s_a.ids, specification=spec)
            names = {a["display_name"] for a in record["attendant_ids"]}
            self.assertIn("Worker 1", names)

    def test_officer_sees_the_company(self):
        attendees = set(
            self.rpc(
                self.user_officer,
                ATTENDEE,
                "search",
                [],
                context={"allowed_company_ids": [self.company.id]},
            )
        )
        company_attendees = self.env[ATTENDEE].search([("company_id", "=", self.company.id)])
        self.assertEqual(attendees, set(company_attendees.ids))
        self.assertNotIn(self.s_2.course_attendee_ids.id, attendees)
        # With both companies allowed, the second company's session is visible too.
        both = self.rpc(
            self.user_officer,
            SESSION,
            "search",
            [("id", "=", self.s_2.id)],
            context={"allowed_company_ids": [self.company.id, self.company_2.id]},
        )
        self.assertEqual(both, [self.s_2.id])
        self.assertEqual(self._ids(self.user_other, ATTENDEE), self._attendees(self.other))

    def test_employees_and_managers_change_no_result(self):
        mine = self.running.course_attendee_ids.filtered(lambda a: a.employee_id == self.worker1)
        before = self.snapshot(mine)
        for user in (self.user_worker1, self.user_manager):
            self.refused(user, ATTENDEE, "write", mine.ids, {"result": "passed", "mfg_score": 99})
            self.refused(
                user,
                SESSION,
                "action_mfg_record_results",
                self.running.ids,
                [{"employee_id": self.worker1.id, "result": "passed"}],
            )
            self.refused(user, SESSION, "inprogress2validation", self.running.ids)
        self.assertEqual(self.snapshot(mine), before)
        self.assertEqual(self.running.state, "in_progress")

    def test_officer_refusals_leave_the_database_unchanged(self):
        attendees = self.running.course_attendee_ids
        before = self.snapshot(attendees)
        refusal = self.refused(
            self.user_officer,
            SESSION,
            "action_mfg_record_results",
            self.running.ids,
            [
                {"employee_id": self.worker1.id, "result": "passed", "score": 95},
                {"employee_id": self.worker4.id, "result": "passed", "score": 95},
            ],
        )
        self.assertIn("Worker 4 is not enrolled", refusal.message)
        self.refused(
            self.user_officer,
            ATTENDEE,
            "create",
            {"course_schedule_id": self.running.id, "employee_id": self.worker4.id},
        )
        self.refused(
            self.user_officer,
            ATTENDEE,
            "write",
            attendees.ids,
            {"mfg_certificate_expiry": "2030-01-01"},
        )
        self.refused(self.user_officer, SESSION, "write", self.running.ids, {"state": "completed"})
        self.refused(
            self.user_officer, SESSION, "write", self.running.ids, {"mfg_done_date": "2026-03-09"}
        )
        self.assertEqual(self.snapshot(attendees), before)
        self.assertEqual(len(self.running.course_attendee_ids), 2)
        self.assertEqual(self.running.state, "in_progress")
        # The officer records the results of the enrolled attendees.
        self.rpc(
            self.user_officer,
            SESSION,
            "action_mfg_record_results",
            self.running.ids,
            [{"employee_id": self.worker1.id, "score": 95}],
        )
        self.env.invalidate_all()
        mine = attendees.filtered(lambda a: a.employee_id == self.worker1)
        self.assertEqual((mine.result, mine.mfg_score, mine.mfg_attended), ("passed", 95.0, True))

    def test_proposals_are_not_made_by_hand(self):
        self.refused(
            self.user_officer,
            "mfg.training.need",
            "create",
            {"employee_id": self.worker1.id, "kind": "basic"},
        )
        self.refused(
            self.user_manager, PLAN, "write", self.plan_a.ids, {"name": "Renamed by manager"}
        )
        self.assertEqual(self.plan_a.name, "Plan A")
