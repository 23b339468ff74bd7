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
            "Performance Sheet",
            "Cost budget achievement rate",
            "Semi-annual Plan",
            "Workshop output plan on-time completion rate",
            "20%",
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
            "工作业绩考核表",
            "成本预算达成率",
            "车间产量计划按时完成率",
        ):
            self.assertIn(text, html)

    def test_sheet_lines_print_the_seeds_own_names(self):
        """Where the library merged two names of one measure, each list prints the seed's name
        for that position: the safety officer's sheet (车间人员 第9条3) says 生产安全检查计划完成率
        and 安全生产培训计划完成率, its position description 安全检查计划完成率."""
        self.load_chinese()
        html = self._render(self.jobs["safety_officer"], self.kpi_user, lang="zh_CN")
        for text in ("生产安全检查计划完成率", "安全生产培训计划完成率", "安全检查计划完成率"):
            self.assertIn(text, html)
        html = self._render(self.jobs["safety_officer"], self.kpi_user)
        self.assertIn("Production safety inspection plan completion rate", html)

    def test_employee_prints_without_kpi_rights(self):
        html = self._render(self.jobs["maintenance_technician"], self.employee_user)
        self.assertIn("Maintenance Technician", html)
        self.assertIn("Equipment Administrator", html)
        self.assertIn("Maintenance coverage rate", html)
        self.assertNotIn("No KPI is defined", html)

    def test_several_positions(self):
        jobs = self.jobs["planner"] | self.jobs["vp_production"]
        html = self._render(jobs, self.kpi_user)
        self.assertIn("Production Planner", html)
        self.assertIn("Vice President of Production", html)
