# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from .common import MARCH_1, DutyCommon


@tagged("post_install", "-at_install")
class TestOverdue(DutyCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.runs = cls._generate(MARCH_1, date(2026, 3, 3))
        cls.overdue_type = cls.env.ref("mfg_duty.mail_activity_type_duty_overdue")

    def _daily(self, employee, day):
        return self.runs.filtered(
            lambda r: r.employee_id == employee and r.frequency == "daily" and r.period_start == day
        )

    def _overdue_activities(self):
        return (
            self.env["mail.activity"]
            .with_context(active_test=False)
            .search(
                [
                    ("res_model", "=", "mfg.duty.run"),
                    ("res_id", "in", self.runs.ids),
                    ("activity_type_id", "=", self.overdue_type.id),
                ]
            )
        )

    def _complete(self, run, user):
        guards, photo = run.item_ids.sorted("sequence").with_user(user)
        guards.action_mark_done()
        photo.action_mark_na()

    def test_mark_overdue_and_notify_once(self):
        self._complete(self._daily(self.emp_a, MARCH_1), self.user_a)
        flagged = self.Run._mark_overdue(date(2026, 3, 3))
        # March 1 (A completed it) and 2 daily runs, and the week of Feb 23 - Mar 1.
        self.assertEqual(len(flagged), 3 + 4 + 4)
        self.assertEqual(set(flagged.mapped("state")), {"overdue"})
        self.assertNotIn(self._daily(self.emp_a, MARCH_1), flagged)
        self.assertEqual(self._daily(self.emp_a, MARCH_1).state, "done")
        self.assertEqual(self._daily(self.emp_a, date(2026, 3, 3)).state, "todo")

        activities = self._overdue_activities()
        per_user = {
            user: len(activities.filtered(lambda a, u=user: a.user_id == u))
            for user in activities.user_id
        }
        # A: 2 runs, B: 3, C (no user): 3, D: 3; the leader is told of A's, B's and C's runs.
        self.assertEqual(
            per_user,
            {self.user_a: 2, self.user_b: 3, self.user_d: 3, self.user_leader: 8},
        )
        self.assertEqual(len(activities), 16)
        for run in flagged:
            users = activities.filtered(lambda a, r=run: a.res_id == r.id).user_id
            self.assertEqual(
                len(users), len(activities.filtered(lambda a, r=run: a.res_id == r.id))
            )

        # Running again the same day, or after the flagged runs changed, adds nothing.
        self.assertFalse(self.Run._mark_overdue(date(2026, 3, 3)))
        self.assertEqual(self._overdue_activities(), activities)
        # The next day only March 3 is new: A, B (2 each), C, D (1 each).
        flagged_next = self.Run._mark_overdue(date(2026, 3, 4))
        self.assertEqual(len(flagged_next), 4)
        self.assertEqual(len(self._overdue_activities() - activities), 6)

    def test_older_reminders_of_a_duty_are_superseded(self):
        """Missed days do not pile up on the to-do lists: of each duty (checklist template,
        employee, frequency) only the latest missed checklist keeps its reminders; the older
        ones are closed with a note, their checklists stay overdue."""
        self.Run._mark_overdue(date(2026, 3, 3))
        self.Run._mark_overdue(date(2026, 3, 4))
        reminders = self._overdue_activities()
        open_reminders = reminders.filtered("active")
        daily_b = self.runs.filtered(
            lambda r: r.employee_id == self.emp_b and r.frequency == "daily"
        )
        for run in daily_b:
            with self.subTest(day=run.period_start):
                self.assertEqual(run.state, "overdue")
                listed = open_reminders.filtered(lambda a, r=run: a.res_id == r.id)
                if run.period_start == date(2026, 3, 3):
                    self.assertEqual(listed.user_id, self.user_b | self.user_leader)
                else:
                    self.assertFalse(listed)
                    closed = (reminders - open_reminders).filtered(
                        lambda a, r=run: a.res_id == r.id
                    )
                    self.assertEqual(closed.user_id, self.user_b | self.user_leader)
                    self.assertIn("Superseded", closed[0].feedback)
        # The leader's list: one reminder per employee and duty, not one per missed day.
        leader = open_reminders.filtered(lambda a: a.user_id == self.user_leader)
        runs = self.Run.browse(leader.mapped("res_id"))
        duties = {(run.template_id, run.employee_id, run.frequency) for run in runs}
        self.assertEqual(len(duties), len(leader))
        # Completing a superseded checklist late still works and closes nothing else.
        old = daily_b.filtered(lambda r: r.period_start == MARCH_1)
        self._complete(old, self.user_b)
        self.assertEqual(old.state, "done")
        self.assertEqual(self._overdue_activities().filtered("active"), open_reminders)

    def test_schedule_twice_no_duplicates(self):
        flagged = self.Run._mark_overdue(date(2026, 3, 2))
        count = len(self._overdue_activities())
        self.assertTrue(count)
        self.assertFalse(flagged._schedule_overdue_activities(date(2026, 3, 2)))
        self.assertEqual(len(self._overdue_activities()), count)

    def test_completing_late_closes_reminders(self):
        run = self._daily(self.emp_b, MARCH_1)
        self.Run._mark_overdue(date(2026, 3, 2))
        self.assertEqual(run.state, "overdue")
        reminders = run.activity_ids.filtered(lambda a: a.activity_type_id == self.overdue_type)
        self.assertEqual(reminders.user_id, self.user_b | self.user_leader)
        self._complete(run, self.user_b)
        self.assertEqual(run.state, "done")
        self.assertTrue(run.is_overdue)
        self.assertFalse(reminders.filtered("active"))
        self.assertFalse(run.activity_ids)

    def test_cron_flags_past_runs(self):
        with freeze_time("2026-06-01"):
            self.Run._cron_generate()
            self.assertEqual(set(self.runs.mapped("state")), {"overdue"})
            self.Run._cron_generate()
        self.assertEqual(
            len(self._overdue_activities()),
            len(self.runs.filtered("employee_id.user_id"))
            + len(self.runs.filtered(lambda r: r.employee_id.parent_id)),
        )
