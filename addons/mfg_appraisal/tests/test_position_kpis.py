# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A position's appraisal KPIs are the lines of its appraisal sheets, shown on the position and
printed on its position description (岗位说明书). The expected lists are the seed's (the tables of
mfg_org's tests: POSITIONS.sheet and .plan) and, for the sheets we composed, OURS_SETUP."""

from odoo.addons.mfg_org.tests.common import POSITIONS, MfgOrgCommon, library_term
from odoo.exceptions import ValidationError
from odoo.tests import new_test_user, tagged

from .test_seed_sheets import OURS_SETUP

REPORT = "mfg_org.action_report_position_description"


@tagged("post_install", "-at_install")
class TestPositionKpis(MfgOrgCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.load_chinese()
        cls.env["ir.module.module"]._load_module_terms(["mfg_appraisal"], ["zh_CN"], overwrite=True)
        cls.appraisal_user = new_test_user(
            cls.env,
            login="mfg_appraisal_position_kpis",
            groups="mfg_appraisal.group_appraisal_user",
        )

    def _zh(self, records):
        return records.with_context(lang="zh_CN")

    def _sheet_lines(self, job, plan):
        """(name, weight) of the position's appraisal KPIs, of its semi-annual plan or of its
        other sheets: the library's Chinese name, or the line's where the line names its KPI by
        code only."""
        lines = job.with_user(self.appraisal_user).mfg_appraisal_kpi_line_ids
        lines = lines.filtered(lambda line: (line.template_id.code == "director_plan") == plan)
        return [
            (self._zh(line.kpi_id).name if line.kpi_id else self._zh(line).name, line.weight)
            for line in lines
        ]

    def test_kpis_per_position(self):
        Kpi = self.env["mfg.kpi"]
        for slug, row in POSITIONS.items():
            job = self.jobs[slug]
            with self.subTest(position=row.name):
                lines = job.sudo().mfg_appraisal_kpi_line_ids
                if slug in OURS_SETUP:
                    # Sheets composed by us: the KPIs of their performance lines, in order.
                    expected = [self.env.ref(f"mfg_kpi.{x}") for x in OURS_SETUP[slug][3]]
                    self.assertEqual(list(lines.kpi_id), expected)
                else:
                    self.assertEqual(
                        self._sheet_lines(job, plan=False),
                        [(library_term(k), w) for k, w in row.sheet],
                    )
                self.assertEqual(
                    self._sheet_lines(job, plan=True), [(library_term(k), w) for k, w in row.plan]
                )
                # Every KPI of the position: its description's and its sheets' (a line naming
                # its KPI by code counts that KPI when a module provides it).
                by_code = lines.filtered(lambda line: not line.kpi_id)
                expected = (
                    job.mfg_kpi_line_ids.kpi_id
                    | lines.kpi_id
                    | Kpi.search([("code", "in", by_code.mapped("kpi_code"))])
                )
                self.assertEqual(job.mfg_kpi_ids, expected)
                self.assertEqual(job.mfg_kpi_count, len(expected))
                terms = {library_term(k) for k in row.kpis}
                terms |= {library_term(k) for k, __ in row.sheet + row.plan}
                terms -= set(self._zh(by_code).mapped("name"))
                if slug not in OURS_SETUP:
                    named = job.mfg_kpi_line_ids.kpi_id | lines.kpi_id
                    self.assertEqual(set(self._zh(named).mapped("name")), terms)

    def test_employee_reads_the_operator_kpis(self):
        job = self.jobs["operator"].with_user(self.employee_user)
        # 4 of its position description, 7 of its sheet (seed 004 操作工)
        self.assertEqual(len(job.mfg_kpi_line_ids), 4)
        self.assertEqual(len(job.sudo().mfg_appraisal_kpi_line_ids), 7)
        self.assertEqual(sum(job.sudo().mfg_appraisal_kpi_line_ids.mapped("weight")), 100)

    def test_kpi_search_on_positions(self):
        kpi = self.env.ref("mfg_kpi.kpi_plan_completion_rate")
        jobs = self.env["hr.job"].search([("mfg_kpi_ids", "in", kpi.ids)])
        self.assertEqual(
            jobs,
            self.jobs["planner"] | self.jobs["dispatcher"] | self.jobs["workshop_director"],
        )
        # Appraised on it (the maintenance technician's sheet only, no description KPI)
        kpi = self.env.ref("mfg_kpi.kpi_maintenance_coverage_rate")
        jobs = self.env["hr.job"].search([("mfg_kpi_ids", "in", kpi.ids)])
        self.assertIn(self.jobs["maintenance_technician"], jobs)
        self.assertNotIn(
            self.jobs["maintenance_technician"],
            self.env["hr.job"].search([("mfg_kpi_ids", "not in", kpi.ids)]),
        )

    def test_search_positions_with_and_without_kpis(self):
        Job = self.env["hr.job"]
        newcomer = Job.create({"name": "Position without KPIs"})
        with_kpis = Job.search([("mfg_kpi_ids", "!=", False)])
        without = Job.search([("mfg_kpi_ids", "=", False)])
        self.assertIn(self.jobs["maintenance_technician"], with_kpis)  # its sheet's only
        self.assertNotIn(self.jobs["maintenance_technician"], without)
        self.assertIn(self.jobs["planner"], with_kpis)  # its description's only
        self.assertIn(newcomer, without)
        self.assertNotIn(newcomer, with_kpis)
        positions = Job.browse([job.id for job in self.jobs.values()])
        self.assertLessEqual(positions, with_kpis)

    def test_same_kpi_on_description_and_sheet(self):
        """安全事故发生次数 on the workshop director's position description is also a line of the
        semi-annual plan (生产安全事故发生次数): listed in both, counted once."""
        job = self.jobs["workshop_director"]
        kpi = self.env.ref("mfg_kpi.kpi_safety_accident_count")
        self.assertIn(kpi, job.mfg_kpi_line_ids.kpi_id)
        self.assertIn(kpi, job.sudo().mfg_appraisal_kpi_line_ids.kpi_id)
        self.assertEqual(len(job.mfg_kpi_ids), len(set(job.mfg_kpi_ids.ids)))

    def test_appraisal_kpi_weights_are_checked_on_the_sheet(self):
        """The weights of a position's appraisal KPIs are its sheet's: a sheet whose weights are
        out of range (negative, or not adding up to 100) cannot be activated."""
        sheet = self.env.ref("mfg_appraisal.template_operator").copy({"code": "operator_weights"})
        sheet.action_draft()
        line = sheet.section_ids.line_ids[0]
        for weight in (-5, 120):
            with (
                self.subTest(weight=weight),
                self.assertRaises(ValidationError),
                self.env.cr.savepoint(),
            ):
                line.weight = weight
                sheet.action_activate()

    def test_position_form_shows_the_sheet_kpis_to_appraisal_users(self):
        arch = (
            self.env["hr.job"]
            .with_user(self.appraisal_user)
            .get_views([(False, "form")])["views"]["form"]["arch"]
        )
        self.assertIn("mfg_appraisal_kpi_line_ids", arch)
        self.assertIn("mfg_kpi_line_ids", arch)
        arch = (
            self.env["hr.job"]
            .with_user(self.kpi_user)
            .get_views([(False, "form")])["views"]["form"]["arch"]
        )
        self.assertNotIn("mfg_appraisal_kpi_line_ids", arch)

    # ------------------------------------------------------------------
    # The printed position description
    # ------------------------------------------------------------------
    def _render(self, job, user, lang="en_US"):
        html, __ = (
            self.env["ir.actions.report"]
            .with_user(user)
            .with_context(lang=lang)
            ._render_qweb_html(REPORT, job.ids)
        )
        return html.decode()

    def test_english_description(self):
        html = self._render(self.jobs["workshop_director"], self.kpi_user)
        for text in (
            "On-time product delivery rate",  # a position-description KPI
            "Workshop staff appraisal: Workshop Director",
            "Performance",
            "counts for 70% of the sheet",
            "Cost budget achievement rate",
            "Workshop Director semi-annual appraisal plan",
            "Workshop output plan on-time completion rate",
            "20%",
        ):
            self.assertIn(text, html)

    def test_chinese_description(self):
        html = self._render(self.jobs["workshop_director"], self.kpi_user, lang="zh_CN")
        for text in (
            "产品交货及时率",
            "车间人员绩效考核：车间主任",
            "工作业绩",
            "成本预算达成率",
            "车间主任绩效考核方案",
            "车间产量计划按时完成率",
        ):
            self.assertIn(text, html)

    def test_sheet_lines_print_the_seeds_own_names(self):
        """Where the library merged two names of one measure, each list prints the seed's name
        for that position: the safety officer's sheet (车间人员 第9条3) says 生产安全检查计划完成率
        and 安全生产培训计划完成率, its position description 安全检查计划完成率."""
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
