# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from dateutil.relativedelta import relativedelta

from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestTrainingTour(HttpCase):
    """A training officer plans a session, registers attendance and results, and sees the
    KPI, in the browser."""

    def test_training_officer_tour(self):
        env = self.env
        officer = new_test_user(
            env,
            "trn_tour_officer",
            groups="mfg_training.group_training_officer,mfg_kpi.group_kpi_manager",
        )
        env["hr.employee"].create({"name": "Tour Officer", "user_id": officer.id})
        env["hr.course"].create(
            {
                "name": "Tour press safety",
                "category_id": env.ref("mfg_training.hr_course_category_production").id,
                "mfg_kind": "safety",
            }
        )
        env["hr.employee"].create({"name": "Tour Trainee"})
        today = date.today()
        env["mfg.training.plan"].create(
            {
                "name": "Tour plan",
                "date_start": today + relativedelta(day=1),
                "date_end": today + relativedelta(day=31),
            }
        )
        self.start_tour(
            "/odoo/action-mfg_training.mfg_training_plan_action",
            "mfg_training_officer_tour",
            login="trn_tour_officer",
        )
        session = env["hr.course.schedule"].search([("name", "=", "Tour session")])
        self.assertEqual(session.state, "completed")
        attendee = session.course_attendee_ids
        self.assertEqual((attendee.result, attendee.mfg_score), ("passed", 88.0))
        kpi = env["mfg.kpi"].search([("code", "=", "SAFETY_TRAINING_PLAN_RATE")])
        value = env["mfg.kpi.value"].search(
            [("kpi_id", "=", kpi.id), ("subject_type", "=", "company")], limit=1
        )
        self.assertTrue(value)
