# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import re

from odoo.tests import tagged

from .common import FUNCTIONS, POSITIONS, MfgOrgCommon, library_term

CJK = re.compile(r"[\u4e00-\u9fff]")


@tagged("post_install", "-at_install")
class TestOrgData(MfgOrgCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.load_chinese()

    def _zh(self, records):
        return records.with_context(lang="zh_CN")

    def test_department(self):
        self.assertEqual(self._zh(self.department).name, "生产管理部")
        self.assertEqual(
            self.department.with_context(lang="en_US").name, "Production Management Department"
        )

    def test_functions_and_sub_duties(self):
        functions = self.env["mfg.function"].search([("code", "in", [c for c, *__ in FUNCTIONS])])
        self.assertEqual(len(functions), 8)
        self.assertEqual(
            [(f.code, f.name, len(f.duty_ids)) for f in self._zh(functions)],
            FUNCTIONS,
            "functions in the seed's order, with their Chinese names and sub-duty counts",
        )
        self.assertEqual(sum(functions.mapped("duty_count")), 28)
        self.assertFalse(functions.duty_ids.job_id)

    def test_twenty_positions(self):
        positions = self.env["hr.job"].search([("mfg_is_production", "=", True)])
        self.assertEqual(len(positions), 20)
        self.assertEqual(positions, self.env["hr.job"].browse([j.id for j in self.jobs.values()]))
        self.assertEqual(positions.department_id, self.department)
        self.assertEqual(
            self._zh(positions).sorted("sequence").mapped("name"),
            [row[0] for row in POSITIONS.values()],
        )

    def test_duty_counts_per_position(self):
        for slug, row in POSITIONS.items():
            with self.subTest(position=row.name):
                self.assertEqual(len(self.jobs[slug].mfg_duty_ids), row.duties)
                self.assertEqual(self.jobs[slug].mfg_duty_count, row.duties)
        self.assertEqual(sum(len(job.mfg_duty_ids) for job in self.jobs.values()), 157)

    def _lines(self, job):
        return [
            line.kpi_id.with_context(lang="zh_CN").name
            for line in job.mfg_kpi_line_ids.sorted("sequence")
        ]

    def test_kpis_per_position(self):
        """The position description's key KPIs; the weighted lists are the appraisal sheets'
        (mfg_appraisal, test_position_kpis)."""
        for slug, row in POSITIONS.items():
            job = self.jobs[slug]
            with self.subTest(position=row.name):
                self.assertEqual(self._lines(job), [library_term(k) for k in row.kpis])
                self.assertLessEqual(job.mfg_kpi_line_ids.kpi_id, job.mfg_kpi_ids)
        # Seed 000 lists 100 KPI items over 19 positions; each weighted sheet adds up to 100%.
        self.assertEqual(sum(len(row.kpis) for row in POSITIONS.values()), 100)
        for row in POSITIONS.values():
            for weighted in (row.sheet, row.plan):
                if weighted:
                    self.assertEqual(sum(w for __, w in weighted), 100)

    def test_kpi_search_on_positions(self):
        """Searching positions by KPI finds the positions whose description lists it (and, with
        the appraisal module, those appraised on it: mfg_appraisal, test_position_kpis)."""
        kpi = self.env.ref("mfg_kpi.kpi_plan_completion_rate")
        jobs = self.env["hr.job"].search([("mfg_kpi_ids", "in", kpi.ids)])
        self.assertLessEqual(self.jobs["planner"] | self.jobs["dispatcher"], jobs)
        self.assertNotIn(self.jobs["vp_production"], jobs)

    def test_reporting_line(self):
        for slug, row in POSITIONS.items():
            job = self.jobs[slug]
            with self.subTest(position=row.name):
                self.assertEqual(job.mfg_level, row.level)
                parent = self.jobs[row.parent] if row.parent else job.browse()
                self.assertEqual(job.mfg_parent_job_id, parent)
        chain = ["vp_production", "production_manager", "workshop_director", "team_leader"]
        chain.append("operator")
        for upper, lower in zip(chain, chain[1:], strict=False):
            self.assertIn(self.jobs[lower], self.jobs[upper].mfg_child_job_ids)
        roots = self.env["hr.job"].search(
            [("mfg_is_production", "=", True), ("mfg_parent_job_id", "=", False)]
        )
        self.assertEqual(roots, self.jobs["vp_production"])

    def test_aliases_are_searchable(self):
        Job = self.env["hr.job"].with_context(lang="zh_CN")
        aliases = [(slug, a) for slug, row in POSITIONS.items() for a in row.aliases]
        self.assertEqual(len(aliases), 7)
        for slug, alias in aliases:
            with self.subTest(alias=alias):
                found = [job_id for job_id, __ in Job.name_search(alias)]
                self.assertEqual(found, [self.jobs[slug].id])
        found = self.env["hr.job"].with_context(lang="en_US").name_search("Planning Dispatcher")
        self.assertEqual([job_id for job_id, __ in found], [self.jobs["dispatcher"].id])

    def test_chinese_user_sees_chinese(self):
        positions = self.env["hr.job"].browse([job.id for job in self.jobs.values()])
        functions = self.env["mfg.function"].search([("code", "in", [c for c, *__ in FUNCTIONS])])
        duties = positions.mfg_duty_ids | functions.duty_ids
        records = {
            "department": (self.department, "name"),
            "position": (positions, "name"),
            "function": (functions, "name"),
            "function description": (functions, "description"),
            "duty": (duties, "name"),
            "KPI": (positions.mfg_kpi_line_ids.kpi_id, "name"),
            "alias": (positions.filtered("mfg_aliases"), "mfg_aliases"),
        }
        for label, (recs, fname) in records.items():
            for en_rec, zh_rec in zip(recs.with_context(lang="en_US"), self._zh(recs), strict=True):
                with self.subTest(kind=label, value=en_rec[fname]):
                    self.assertFalse(CJK.search(en_rec[fname]), "the English source has Chinese")
                    self.assertTrue(CJK.search(zh_rec[fname]), "no Chinese translation")

    def test_duties_have_frequency_and_text(self):
        functions = self.env["mfg.function"].search([("code", "in", [c for c, *__ in FUNCTIONS])])
        positions = self.env["hr.job"].browse([job.id for job in self.jobs.values()])
        duties = functions.duty_ids | positions.mfg_duty_ids
        self.assertEqual(len(duties.filtered("function_id")), 28)
        for duty in duties:
            self.assertTrue(duty.name.strip())
            self.assertIn(duty.frequency, dict(duty._fields["frequency"].selection))
        used = set(duties.filtered("job_id").mapped("frequency"))
        self.assertEqual(used, {"daily", "weekly", "monthly", "quarterly", "yearly", "event"})
