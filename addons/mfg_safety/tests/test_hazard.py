# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, timedelta

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import SafetyCase


@tagged("post_install", "-at_install")
class TestHazard(SafetyCase):
    def _report(self, user=None, **vals):
        Hazard = self.env["mfg.safety.hazard"].with_user(user or self.worker)
        return Hazard.with_company(self.plant).create(
            {"name": "Oil on the floor", "area_id": self.a1.id, "company_id": self.plant.id, **vals}
        )

    def test_workflow(self):
        hazard = self._report()
        self.assertEqual(hazard.state, "reported")
        self.assertEqual(hazard.reported_by_id, self.worker)
        self.assertTrue(hazard.ref.startswith("HZ"))
        # Owners come from the area.
        self.assertEqual(hazard.mfg_department_id, self.w1)
        self.assertEqual(hazard.mfg_team_id, self.t1)

        as_officer = hazard.with_user(self.officer)
        with self.assertRaisesRegex(UserError, "person responsible"):
            as_officer.action_assign()
        as_officer.write({"responsible_id": self.worker.id, "date_deadline": date(2030, 1, 1)})
        as_officer.action_assign()
        self.assertEqual(hazard.state, "assigned")
        self.assertTrue(hazard.activity_ids.filtered(lambda a: a.user_id == self.worker))

        as_worker = hazard.with_user(self.worker)
        with self.assertRaisesRegex(UserError, "Describe the rectification"):
            as_worker.action_rectify()
        as_worker.rectification = "Cleaned and drip tray installed"
        as_worker.action_rectify()
        self.assertEqual(hazard.state, "rectified")
        self.assertTrue(hazard.date_rectified)

        as_officer.action_verify()
        self.assertEqual(hazard.state, "verified")
        self.assertEqual(hazard.verified_by_id, self.officer)

    def test_verify_before_rectification_is_refused(self):
        hazard = self._report()
        hazard.with_user(self.officer).write(
            {"responsible_id": self.worker.id, "date_deadline": date(2030, 1, 1)}
        )
        with self.assertRaisesRegex(UserError, "not reported done yet"):
            hazard.with_user(self.officer).action_verify()
        hazard.with_user(self.officer).action_assign()
        with self.assertRaisesRegex(UserError, "not reported done yet"):
            hazard.with_user(self.officer).action_verify()
        self.assertEqual(hazard.state, "assigned")
        self.assertFalse(hazard.verified_by_id)

    def test_only_the_officer_verifies(self):
        hazard = self._report(
            user=self.manager, responsible_id=self.worker.id, date_deadline=date(2030, 1, 1)
        )
        hazard.with_user(self.manager).action_assign()
        hazard.with_user(self.worker).write({"rectification": "Done"})
        hazard.with_user(self.worker).action_rectify()
        with self.assertRaisesRegex(UserError, "Only a safety officer"):
            hazard.with_user(self.manager).action_verify()
        with self.assertRaisesRegex(UserError, "Only a safety officer"):
            hazard.with_user(self.worker).action_verify()
        hazard.with_user(self.officer).action_reject()
        self.assertEqual(hazard.state, "assigned")
        self.assertFalse(hazard.date_rectified)

    def test_write_policy(self):
        hazard = self._report()
        with self.assertRaisesRegex(UserError, "state"):
            hazard.with_user(self.worker).write({"state": "verified"})
        with self.assertRaisesRegex(UserError, "responsible_id"):
            hazard.with_user(self.worker).write({"responsible_id": self.worker.id})
        with self.assertRaisesRegex(UserError, "verified_by_id"):
            self._report(verified_by_id=self.worker.id)
        # The reporter edits the description while it is reported.
        hazard.with_user(self.worker).description = "Slippery"
        self.assertEqual(hazard.description, "Slippery")
        # Verified: nobody changes it any more.
        hazard.sudo().state = "verified"
        with self.assertRaisesRegex(UserError, "name"):
            hazard.with_user(self.officer).write({"name": "Other"})

    def test_overdue_reminder(self):
        hazard = self._report()
        hazard.with_user(self.officer).write(
            {"responsible_id": self.worker.id, "date_deadline": date.today() - timedelta(days=2)}
        )
        hazard.with_user(self.officer).action_assign()
        self.assertTrue(hazard.is_overdue)
        self.assertIn(hazard, self.env["mfg.safety.hazard"].search([("is_overdue", "=", True)]))
        self.assertNotIn(hazard, self.env["mfg.safety.hazard"].search([("is_overdue", "=", False)]))
        overdue = self.env.ref("mfg_safety.mail_activity_type_hazard_overdue")
        self.env["mfg.safety.hazard"]._cron_overdue()
        self.env["mfg.safety.hazard"]._cron_overdue()  # once only
        activities = hazard.activity_ids.filtered(lambda a: a.activity_type_id == overdue)
        self.assertEqual(len(activities), 1)
        self.assertEqual(activities.user_id, self.worker)
        with freeze_time(date.today()):
            hazard.with_user(self.worker).write({"rectification": "Fixed"})
            hazard.with_user(self.worker).action_rectify()
        self.assertFalse(hazard.is_overdue)
        self.assertFalse(hazard.activity_ids.filtered(lambda a: a.activity_type_id == overdue))

    def test_checklist_problem_raises_a_hazard(self):
        template = self.env["mfg.duty.template"].create(
            {
                "name": "Safety walk",
                "company_id": self.plant.id,
                "job_id": self.env["hr.job"]
                .create({"name": "Walker", "company_id": self.plant.id})
                .id,
                "line_ids": [(0, 0, {"name": "Guards in place", "frequency": "weekly"})],
            }
        )
        plan = self.env["mfg.safety.inspection.plan"].create(
            {
                "name": "Walk",
                "company_id": self.plant.id,
                "area_id": self.a2.id,
                "inspector_id": self.officer.id,
                "frequency": "weekly",
                "template_id": template.id,
                "date_start": date(2026, 3, 1),
            }
        )
        inspection = plan._generate_inspections(date(2026, 3, 2), date(2026, 3, 8))
        self.assertEqual(len(inspection), 1)
        inspection.with_user(self.officer).action_start()
        self.assertTrue(inspection.run_id)
        item = inspection.run_id.item_ids
        with self.assertRaisesRegex(UserError, "Answer every item"):
            inspection.with_user(self.officer).action_done()
        item.with_user(self.officer).write({"result": "problem", "note": "Guard removed"})
        hazard = item.with_user(self.officer)._create_followup("safety_hazard")
        self.assertEqual(hazard._name, "mfg.safety.hazard")
        self.assertEqual(hazard.inspection_id, inspection)
        self.assertEqual(hazard.area_id, self.a2)
        self.assertEqual(hazard.reported_by_id, self.officer)
        inspection.with_user(self.officer).action_done()
        self.assertEqual(inspection.state, "done")
