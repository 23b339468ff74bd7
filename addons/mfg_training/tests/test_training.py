# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import TrainingCase


@tagged("post_install", "-at_install")
class TestTrainingFlow(TrainingCase):
    def test_session_from_plan_to_results_and_certificates(self):
        plan = self._plan(department=self.dept_a)
        session = self._session("safety", date(2026, 3, 5), self.worker1 | self.worker2, plan=plan)
        self.assertEqual(session.department_id, self.dept_a, "the plan's department")
        self.assertEqual(session.mfg_kind, "safety")
        plan.action_confirm()
        self.assertEqual(plan.state, "confirmed")
        session = self._start(session)
        self.assertEqual(session.course_attendee_ids.employee_id, self.worker1 | self.worker2)
        session.action_mfg_record_results(
            [
                {"employee_id": self.worker1.id, "score": 75},
                {"employee_id": self.worker2.id, "score": 40},
            ]
        )
        by_employee = {a.employee_id: a for a in session.course_attendee_ids}
        # A score gives the result by the course's pass score (60), and presents the attendee.
        self.assertEqual(by_employee[self.worker1].result, "passed")
        self.assertEqual(by_employee[self.worker2].result, "failed")
        self.assertTrue(by_employee[self.worker1].mfg_attended)
        session.inprogress2validation()
        session.validation2complete()
        self.assertEqual(session.state, "completed")
        self.assertEqual(session.mfg_done_date, date.today())
        # The safety course gives a certificate valid 12 months after the session's end.
        self.assertEqual(by_employee[self.worker1].mfg_certificate_expiry, date(2027, 3, 5))
        self.assertFalse(by_employee[self.worker2].mfg_certificate_expiry, "failed: none")
        self.assertEqual((plan.session_count, plan.delivered_count), (1, 1))
        self.assertEqual(plan.completion_rate, 100.0)

    def test_result_for_someone_not_enrolled_is_refused_and_nothing_written(self):
        session = self._start(self._session("skill", date(2026, 3, 5), self.worker1))
        attendee = session.course_attendee_ids
        with self.assertRaisesRegex(UserError, "Worker 3 is not enrolled in session"):
            session.action_mfg_record_results(
                [
                    {"employee_id": self.worker1.id, "result": "passed", "score": 90},
                    {"employee_id": self.worker3.id, "result": "passed", "score": 90},
                ]
            )
        self.env.invalidate_all()
        self.assertEqual(attendee.result, "pending", "the enrolled attendee was not written")
        self.assertEqual(attendee.mfg_score, 0.0)
        self.assertEqual(len(session.course_attendee_ids), 1)
        # Nor can an attendee be added behind the enrolment.
        with self.assertRaisesRegex(ValidationError, "not enrolled"):
            self.env["hr.course.attendee"].with_user(self.user_officer).create(
                {
                    "course_schedule_id": session.id,
                    "employee_id": self.worker3.id,
                    "result": "passed",
                }
            )

    def test_bad_results(self):
        session = self._session("skill", date(2026, 3, 5), self.worker1)
        with self.assertRaisesRegex(UserError, "in progress or in validation"):
            session.with_user(self.user_officer).action_mfg_record_results(
                [{"employee_id": self.worker1.id, "result": "passed"}]
            )
        session = self._start(session)
        attendee = session.course_attendee_ids.with_user(self.user_officer)
        with self.assertRaisesRegex(ValidationError, "between 0 and 100"):
            attendee.write({"mfg_score": 120})
        with self.assertRaisesRegex(ValidationError, "both present and absent"):
            attendee.write({"result": "absent", "mfg_attended": True})
        with self.assertRaisesRegex(ValidationError, "did not attend"):
            attendee.write({"result": "passed", "mfg_attended": False})
        with self.assertRaisesRegex(UserError, "only the attendance, score, result"):
            attendee.write({"employee_id": self.worker2.id})
        self.assertEqual(attendee.result, "pending")
        # Completing with results pending is refused (hr_course's rule).
        session.inprogress2validation()
        with self.assertRaises(ValidationError):
            session.validation2complete()

    def test_workflow_fields_are_kept_by_the_workflow(self):
        session = self._session("workshop", date(2026, 3, 5), self.worker1)
        with self.assertRaisesRegex(UserError, "workflow keeps these fields"):
            session.with_user(self.user_officer).write({"state": "completed"})
        with self.assertRaisesRegex(UserError, "workflow keeps these fields"):
            session.with_user(self.user_officer).write({"mfg_done_date": date(2026, 3, 5)})
        self.assertEqual(session.state, "draft")
        # Only training officers move sessions along.
        with self.assertRaises(AccessError):
            session.with_user(self.user_manager).draft2waiting()
        # A session cannot start without attendees.
        empty = self._session("workshop", date(2026, 3, 6))
        empty.with_user(self.user_officer).draft2waiting()
        with self.assertRaisesRegex(UserError, "has no attendees"):
            empty.with_user(self.user_officer).waiting2inprogress()
        # Once started, what the session is and when it is due are fixed.
        started = self._start(self._session("workshop", date(2026, 3, 8), self.worker1))
        with self.assertRaisesRegex(UserError, "has started"):
            started.write({"mfg_planned_date": date(2026, 3, 20)})
        self.assertEqual(started.mfg_planned_date, date(2026, 3, 8))
        # A closed session is reopened before it changes.
        done = self._deliver(
            self._session("workshop", date(2026, 3, 7), self.worker1), "2026-03-07"
        )
        with self.assertRaisesRegex(UserError, "is closed"):
            done.with_user(self.user_officer).write({"place": "Hall 2"})
        done.with_user(self.user_officer).back2draft()
        self.assertFalse(done.mfg_done_date)

    def test_plan_dates(self):
        plan = self._plan()
        with self.assertRaisesRegex(ValidationError, "outside the period"):
            self._session("safety", date(2026, 4, 2), plan=plan)
        with self.assertRaisesRegex(ValidationError, "give its planned date"):
            self._session("safety", False, plan=plan)
        with self.assertRaisesRegex(ValidationError, "no session"):
            self._plan("Empty plan").action_confirm()
        with self.assertRaisesRegex(UserError, "buttons"):
            plan.write({"state": "closed"})

    def test_plan_form(self):
        with Form(self.env["mfg.training.plan"].with_user(self.user_officer)) as form:
            form.name = "Workshop A, Q1"
            form.department_id = self.dept_a
            form.date_start = date(2026, 1, 1)
            form.date_end = date(2026, 3, 31)
        plan = form.record
        self.assertEqual(plan.state, "draft")
        self.assertEqual(plan.company_id, self.company)

    def test_overdue_sessions_remind_their_organiser_once(self):
        late = self._session("safety", date(2026, 3, 5), self.worker1)
        self._session("safety", date(2099, 3, 5), self.worker1)  # not due yet
        done = self._deliver(self._session("safety", date(2026, 3, 6), self.worker1), "2026-03-06")
        Schedule = self.env["hr.course.schedule"]
        Schedule._cron_overdue_reminders()
        Schedule._cron_overdue_reminders()
        activities = self.env["mail.activity"].search(
            [("res_model", "=", "hr.course.schedule"), ("summary", "=", "Overdue training session")]
        )
        self.assertIn(late.id, activities.mapped("res_id"))
        self.assertEqual(
            activities.filtered(lambda a: a.res_id == late.id).user_id, self.user_officer
        )
        self.assertEqual(len(activities.filtered(lambda a: a.res_id == late.id)), 1, "once")
        self.assertNotIn(done.id, activities.mapped("res_id"))
