# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from psycopg2 import IntegrityError

from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import MfgOrgCommon


@tagged("post_install", "-at_install")
class TestConstraints(MfgOrgCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Duty = cls.env["mfg.duty"].with_user(cls.hr_manager)
        cls.function = cls.env.ref("mfg_org.function_production_planning")
        cls.operator = cls.jobs["operator"]

    def test_empty_duty_text_is_refused(self):
        for text in ("", "   ", "\n\t ", False):
            with (
                self.subTest(text=text),
                self.assertRaisesRegex(ValidationError, "cannot be empty"),
            ):
                self.Duty.create({"name": text, "job_id": self.operator.id})
        with self.assertRaisesRegex(ValidationError, "cannot be empty"):
            self.Duty.create({"job_id": self.operator.id})
        duty = self.operator.mfg_duty_ids[0].with_user(self.hr_manager)
        with self.assertRaisesRegex(ValidationError, "cannot be empty"):
            duty.name = "  "

    def test_empty_duty_text_in_the_form(self):
        form = Form(self.Duty)
        form.job_id = self.operator
        form.name = "   "
        with self.assertRaisesRegex(ValidationError, "cannot be empty"):
            form.save()
        form.name = "Report a broken guard at once"
        duty = form.save()
        self.assertEqual(duty.frequency, "event", "a new duty recurs on event by default")
        self.assertIn(duty, self.operator.mfg_duty_ids)

    def test_duty_belongs_to_a_function_or_a_position(self):
        with self.assertRaisesRegex(ValidationError, "exactly one of the two"):
            self.Duty.create(
                {"name": "Both owners", "function_id": self.function.id, "job_id": self.operator.id}
            )
        with self.assertRaisesRegex(ValidationError, "exactly one of the two"):
            self.Duty.create({"name": "No owner"})
        duty = self.Duty.create({"name": "A function duty", "function_id": self.function.id})
        self.assertIn(duty, self.function.duty_ids)

    def test_position_cannot_report_to_itself(self):
        job = self.jobs["planner"].with_user(self.hr_manager)
        with self.assertRaisesRegex(ValidationError, "cannot report to itself"):
            job.mfg_parent_job_id = job

    def test_reporting_loop_is_refused(self):
        vp = self.jobs["vp_production"].with_user(self.hr_manager)
        with self.assertRaisesRegex(ValidationError, "Reporting loop"):
            vp.mfg_parent_job_id = self.jobs["operator"]
        manager = self.jobs["production_manager"].with_user(self.hr_manager)
        with self.assertRaisesRegex(ValidationError, "Reporting loop"):
            manager.mfg_parent_job_id = self.jobs["workshop_director"]
        # a sound change is accepted
        self.jobs["safety_officer"].with_user(self.hr_manager).mfg_parent_job_id = self.jobs[
            "vp_production"
        ]
        self.assertIn(self.jobs["safety_officer"], self.jobs["vp_production"].mfg_child_job_ids)

    def test_kpi_once_per_position_description(self):
        line = self.jobs["planner"].mfg_kpi_line_ids[0]
        Line = self.env["mfg.job.kpi"].with_user(self.hr_manager)
        # the same KPI on another position is fine
        Line.create({"job_id": self.jobs["operator"].id, "kpi_id": line.kpi_id.id})
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.env.cr.savepoint():
            Line.create({"job_id": line.job_id.id, "kpi_id": line.kpi_id.id})
