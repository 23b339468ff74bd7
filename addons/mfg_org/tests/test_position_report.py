# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import tagged

from .common import MfgOrgCommon

REPORT = "mfg_org.action_report_position_description"


@tagged("post_install", "-at_install")
class TestPositionReport(MfgOrgCommon):
    def _render(self, job, user, lang="en_US"):
        html, __ = (
            self.env["ir.actions.report"]
            .with_user(user)
            .with_context(lang=lang)
            ._render_qweb_html(REPORT, job.ids)
        )
        return html.decode()

    def test_print_action(self):
        # with a document layout chosen, the button prints directly
        self.env.company.external_report_layout_id = self.env.ref("web.external_layout_standard")
        action = self.jobs["workshop_director"].action_print_position_description()
        self.assertEqual(action["type"], "ir.actions.report")
        self.assertEqual(action["report_name"], "mfg_org.report_position_description")

    def test_english_description(self):
        html = self._render(self.jobs["workshop_director"], self.kpi_user)
        for text in (
            "Position Description",
            "Workshop Director",
            "Production Management Department",  # department
            "Production Manager",  # reports to
            "Workshop",  # level
            "Production Team Leader",  # subordinate
            "Production Execution and Dispatching",  # function
            "Patrol the shop floor",  # a duty
            "Daily",  # its frequency
            "On-time product delivery rate",  # a position-description KPI
        ):
            self.assertIn(text, html)

    def test_chinese_description(self):
        self.load_chinese()
        html = self._render(self.jobs["workshop_director"], self.kpi_user, lang="zh_CN")
        for text in (
            "岗位说明书",
            "车间主任",
            "生产管理部",
            "生产经理",
            "生产班长",
            "巡视生产现场",
            "每日",
            "产品交货及时率",
        ):
            self.assertIn(text, html)

    def test_employee_prints_without_kpi_rights(self):
        html = self._render(self.jobs["operator"], self.employee_user)
        self.assertIn("Operator", html)
        self.assertIn("Production Team Leader", html)
        self.assertIn("Product acceptance pass rate", html)  # a position-description KPI
        self.assertNotIn("No KPI is defined", html)

    def test_several_positions(self):
        jobs = self.jobs["planner"] | self.jobs["vp_production"]
        html = self._render(jobs, self.kpi_user)
        self.assertIn("Production Planner", html)
        self.assertIn("Vice President of Production", html)
