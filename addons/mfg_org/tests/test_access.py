# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import AccessError
from odoo.tests import Form, tagged

from .common import MfgOrgCommon


@tagged("post_install", "-at_install")
class TestAccess(MfgOrgCommon):
    def test_employee_reads_but_cannot_change_duties(self):
        job = self.jobs["operator"].with_user(self.employee_user)
        self.assertEqual(len(job.mfg_duty_ids), 9)
        self.assertTrue(all(job.mfg_duty_ids.mapped("name")))
        self.assertEqual(len(job.mfg_kpi_line_ids), 4)  # its position description's KPIs
        self.assertEqual(job.mfg_parent_job_id, self.jobs["team_leader"])
        duty = job.mfg_duty_ids[0]
        with self.assertRaises(AccessError):
            duty.name = "Changed by an employee"
        with self.assertRaises(AccessError):
            duty.unlink()
        with self.assertRaises(AccessError):
            self.env["mfg.duty"].with_user(self.employee_user).create(
                {"name": "New duty", "job_id": job.id}
            )
        with self.assertRaises(AccessError):
            job.mfg_parent_job_id = self.jobs["vp_production"]
        with self.assertRaises(AccessError):
            job.mfg_kpi_line_ids[0].sequence = 50
        function = self.env.ref("mfg_org.function_safety").with_user(self.employee_user)
        self.assertEqual(len(function.duty_ids), 5)
        with self.assertRaises(AccessError):
            function.name = "Changed"

    def test_kpi_manager_maintains_duties(self):
        Duty = self.env["mfg.duty"].with_user(self.kpi_manager)
        duty = Duty.create(
            {
                "name": "Walk the line at shift start",
                "job_id": self.jobs["team_leader"].id,
                "frequency": "daily",
            }
        )
        duty.frequency = "weekly"
        duty.unlink()

    def test_hr_manager_edits_a_position_in_its_form(self):
        job = self.jobs["dispatcher"].with_user(self.hr_manager)
        with Form(job) as form:
            with form.mfg_duty_ids.new() as line:
                line.name = "Publish the next day's dispatch list"
                line.frequency = "daily"
            form.mfg_level = "workshop"
        self.assertEqual(len(job.mfg_duty_ids), 8)
        self.assertEqual(job.mfg_duty_ids.sorted("id")[-1].frequency, "daily")
        self.assertEqual(job.mfg_level, "workshop")

    def test_menus(self):
        menu = self.env.ref("mfg_org.menu_organisation")
        self.assertEqual(menu.parent_id, self.env.ref("mfg_kpi.menu_production_management_root"))
        children = menu.child_id.sorted("sequence")
        self.assertEqual(
            children.mapped("name"), ["Functions", "Duties", "Positions", "Position Chart"]
        )
        visible = self.env["ir.ui.menu"].with_user(self.kpi_user)._visible_menu_ids()
        self.assertIn(self.env.ref("mfg_org.hr_job_menu_chart").id, visible)
        visible = self.env["ir.ui.menu"].with_user(self.employee_user)._visible_menu_ids()
        self.assertNotIn(menu.id, visible)

    def test_views_load(self):
        Job = self.env["hr.job"].with_user(self.kpi_user)
        views = Job.get_views(
            [
                (self.env.ref("mfg_org.hr_job_view_hierarchy").id, "hierarchy"),
                (self.env.ref("mfg_org.hr_job_view_list").id, "list"),
                (False, "form"),
            ]
        )
        self.assertIn("mfg_parent_job_id", views["views"]["hierarchy"]["arch"])
        self.assertIn("mfg_kpi_line_ids", views["views"]["form"]["arch"])
        # the KPI tab is for KPI users: a plain employee gets the form without it
        views = self.env["hr.job"].with_user(self.employee_user).get_views([(False, "form")])
        self.assertNotIn("mfg_kpi_line_ids", views["views"]["form"]["arch"])
        self.assertIn("mfg_duty_ids", views["views"]["form"]["arch"])
