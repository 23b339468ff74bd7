# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from .common import TrainingCase

TODAY = "2027-03-01 08:00:00"  # certificates of March 2026 sessions expire in March 2027


@tagged("post_install", "-at_install")
class TestCertificateReminder(TrainingCase):
    def _renewals(self):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "hr.course.attendee"),
                (
                    "activity_type_id",
                    "=",
                    self.env.ref("mfg_training.mail_activity_type_certificate_renewal").id,
                ),
            ]
        )

    def _remind(self):
        with freeze_time(TODAY):
            return self.env["hr.course.attendee"]._cron_certificate_reminders()

    def test_expiring_certificates_remind_manager_or_organiser_once(self):
        Param = self.env["ir.config_parameter"].sudo()
        workers = self.worker1 | self.worker2 | self.worker3 | self.worker4
        results = {
            self.worker1: ("passed", 80),  # expires 2027-03-10: manager reminded
            self.worker2: ("failed", 30),  # no certificate
            self.worker3: ("passed", 90),  # renewed in December: nothing
            self.worker4: ("passed", 70),  # no manager: the session's organiser
        }
        march = self._deliver(
            self._session("safety", date(2026, 3, 10), workers), "2026-03-10", results
        )
        self._deliver(self._session("safety", date(2026, 12, 1), self.worker3), "2026-12-01")
        self._deliver(self._session("safety", date(2026, 2, 10), self.worker2), "2026-02-10")
        # Valid beyond the notice days: nothing.
        self._deliver(self._session("safety", date(2026, 5, 10), self.worker2), "2026-05-10")
        by_employee = {a.employee_id: a for a in march.course_attendee_ids}
        self.assertEqual(by_employee[self.worker1].mfg_certificate_expiry, date(2027, 3, 10))
        # Notice of 5 days: 2027-03-10 is not due yet.
        Param.set_param("mfg_training.certificate_notice_days", "5")
        self.assertFalse(self._remind())
        Param.set_param("mfg_training.certificate_notice_days", "30")
        self._remind()
        self._remind()  # not repeated while open
        activities = self._renewals()
        self.assertEqual(
            {(a.res_id, a.user_id) for a in activities},
            {
                (by_employee[self.worker1].id, self.user_manager),
                (by_employee[self.worker4].id, self.user_officer),
            },
        )
        self.assertEqual(set(activities.mapped("date_deadline")), {date(2027, 3, 10)})
        self.assertIn("Course safety", activities[0].summary)
        # Done: the reminder may come again only for another certificate.
        activities.action_feedback(feedback="Renewal planned")
        self.assertFalse(self._renewals())

    def test_reminders_in_a_flat_number_of_queries(self):
        def measure():
            self.env.flush_all()
            self.env.invalidate_all()
            # Creating people clears the registry caches: measure both runs cold.
            self.env.registry.clear_all_caches()
            before = self.env.cr.sql_log_count
            with freeze_time(TODAY):
                created = self.env["hr.course.attendee"]._cron_certificate_reminders()
            return self.env.cr.sql_log_count - before, len(created)

        # Each measure reminds new certificates only (the same work: new followers too).
        self._deliver(self._session("safety", date(2026, 3, 10), self.worker1), "2026-03-10")
        self._deliver(self._session("safety", date(2026, 3, 11), self.worker2), "2026-03-11")
        small = measure()
        more = self.env["hr.employee"].create(
            [
                {
                    "name": f"Extra {i}",
                    "department_id": self.dept_a.id,
                    "parent_id": self.manager.id,
                }
                for i in range(6)
            ]
        )
        self._deliver(self._session("safety", date(2026, 3, 12), more), "2026-03-12")
        large = measure()
        self.assertEqual((small[1], large[1]), (2, 6))
        self.assertLessEqual(large[0], small[0], "queries grew with the certificates")
