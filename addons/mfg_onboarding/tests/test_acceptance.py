# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Issue 12 acceptance: the suite adopted by an existing instance.

The test builds the "existing instance" itself: the main company has its own 生产经理 /
Production Manager job with an employee; a second company has its own 生产管理部 department and
jobs 生产经理, 车间主任, 班组长 and 操作工 with people (logins without the suite's groups), and a
few done operations (attendances, a done manufacturing order). The administrator then follows
the README's onboarding steps through the ORM, and the test checks: no duplicate jobs, the
positions in both companies, and a quarterly cycle launching in the second company.
"""

from datetime import date, datetime, timedelta

from odoo.fields import Command
from odoo.tests import new_test_user, tagged

from .common import OnboardingCase


@tagged("post_install", "-at_install")
class TestExistingInstance(OnboardingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._load_chinese()
        cls.main = cls.env.company
        cls.second = cls.company
        Job, Employee = cls.Job, cls.env["hr.employee"]
        # Main company: its own Production Manager next to the suite's.
        cls.own_manager = Job.create({"name": "Production Manager", "company_id": cls.main.id})
        cls.manager = Employee.create(
            {"name": "Old Manager", "job_id": cls.own_manager.id, "company_id": cls.main.id}
        )
        # Second company: its own department and jobs with the seed's Chinese names.
        cls.own_department = cls.env["hr.department"].create(
            {"name": "生产管理部", "company_id": cls.second.id}
        )
        cls.own_jobs = {
            name: Job.create(
                {"name": name, "company_id": cls.second.id, "department_id": cls.own_department.id}
            )
            for name in ("生产经理", "车间主任", "班组长", "操作工")
        }
        cls.hr_user = new_test_user(
            cls.env,
            login="mfg_accept_hr",
            groups="mfg_appraisal.group_appraisal_hr,hr.group_hr_user",
            company_id=cls.second.id,
            company_ids=[Command.set([cls.second.id])],
        )

        def person(name, job, superior=None):
            user = new_test_user(
                cls.env,
                login=f"mfg_accept_{name.lower()}",
                groups="base.group_user",
                company_id=cls.second.id,
                company_ids=[Command.set([cls.second.id])],
            )
            return Employee.with_company(cls.second).create(
                {
                    "name": name,
                    "user_id": user.id,
                    "job_id": cls.own_jobs[job].id,
                    "department_id": cls.own_department.id,
                    "parent_id": superior.id if superior else False,
                    "company_id": cls.second.id,
                }
            )

        cls.director = person("Director", "车间主任")
        cls.leader = person("Leader", "班组长", cls.director)
        cls.operators = person("Anna", "操作工", cls.leader) | person("Bo", "操作工", cls.leader)
        # A few done operations of the past quarter.
        quarter_start = cls._last_quarter()[0]
        cls.env["hr.attendance"].create(
            [
                {
                    "employee_id": employee.id,
                    "check_in": datetime.combine(
                        quarter_start + timedelta(days=day), datetime.min.time()
                    )
                    + timedelta(hours=8),
                    "check_out": datetime.combine(
                        quarter_start + timedelta(days=day), datetime.min.time()
                    )
                    + timedelta(hours=17),
                }
                for employee in cls.operators
                for day in range(3)
            ]
        )
        workcentre = cls._workcentre(cls.second, "Press line")
        cls.order = cls._confirmed_order(cls.second, workcentre, qty=1)
        cls.order.write({"qty_producing": 1})
        cls.order.move_raw_ids.write({"quantity": 1, "picked": True})
        cls.order.with_context(skip_backorder=True, skip_consumption=True).button_mark_done()

    @staticmethod
    def _last_quarter():
        today = date.today()
        first = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
        end = first - timedelta(days=1)
        return date(end.year, 3 * ((end.month - 1) // 3) + 1, 1), end

    def _onboard(self, company):
        """The README's steps, as the administrator: map the positions, enable the company,
        fill the sheet parameters and the tolerance, grant the groups of the people in scope."""
        onboarding = self._onboarding(company)
        mapping = (
            self.env["mfg.job.mapping"]
            .with_user(self.admin)
            .with_company(company)
            .create(
                {
                    "company_id": company.id,
                    "department_id": self.own_department.id if company == self.second else False,
                }
            )
        )
        mapping.action_apply()
        for key in ("companies", "parameters", "tolerance", "people"):
            self._item(onboarding, key).action_apply()
        onboarding.action_refresh()
        return onboarding

    def _named(self, company, name, lang):
        return self.Job.with_context(lang=lang).search(
            [("company_id", "=", company.id), ("name", "=", name)]
        )

    def test_onboarding_an_existing_instance(self):
        self.assertEqual(self.order.state, "done")
        main_board = self._onboard(self.main)
        second_board = self._onboard(self.second)

        # No duplicate jobs: each seed name names one job per company (both languages).
        seeds = self.Job._mfg_seed_positions()
        for company in (self.main, self.second):
            positions = self.Job._mfg_company_positions(company)
            self.assertEqual(len(positions), 20, company.name)
            self.assertEqual(
                self.Job.browse([job.id for job in positions.values()]).company_id, company
            )
            self.assertEqual(len(set(positions.values())), 20)
            for seed in seeds.values():
                for lang in ("en_US", "zh_CN"):
                    name = seed.with_context(lang=lang).name
                    self.assertLessEqual(
                        len(self._named(company, name, lang)), 1, f"{company.name}: {name}"
                    )
        self.assertEqual(len(self._named(self.main, "Production Manager", "en_US")), 1)
        for name in self.own_jobs:
            self.assertEqual(len(self._named(self.second, name, "zh_CN")), 1, name)
        # The main company's own Production Manager took the seed's place, with its employee.
        self.assertEqual(self.env.ref("mfg_org.job_production_manager"), self.own_manager)
        self.assertEqual(self.manager.job_id, self.own_manager)
        self.assertEqual(self.own_manager.mfg_level, "department")
        # The second company's own jobs stand for the seed's, in its own department.
        second = self.Job._mfg_company_positions(self.second)
        self.assertEqual(second["job_operator"], self.own_jobs["操作工"])
        self.assertEqual(second["job_team_leader"], self.own_jobs["班组长"])
        self.assertEqual(second["job_workshop_director"], self.own_jobs["车间主任"])
        self.assertEqual(second["job_production_manager"], self.own_jobs["生产经理"])
        self.assertEqual(self.operators.job_id, self.own_jobs["操作工"])
        self.assertEqual(
            self.env["hr.department"].search([("company_id", "=", self.second.id)]),
            self.own_department,
        )
        self.assertEqual(second["job_planner"].department_id, self.own_department)
        # Idempotent: running the steps again changes nothing.
        jobs = self.Job.with_context(active_test=False).search_count([])
        self._onboard(self.second)
        self.assertEqual(self.Job.with_context(active_test=False).search_count([]), jobs)

        # The checklist items the steps fix are done.
        for board in (main_board, second_board):
            done = {item.key for item in board.item_ids if item.state == "done"}
            self.assertLessEqual({"companies", "positions", "parameters", "tolerance"}, done)
        self.assertEqual(self._item(second_board, "people").missing_count, 0)

        # Only the companies using the suite get KPI periods from the scheduled job.
        third = self.env["res.company"].create({"name": "Sales Office (no suite)"})
        kpi_companies = self.env["res.company"]._mfg_kpi_companies()
        self.assertIn(self.second, kpi_companies)
        self.assertNotIn(third, kpi_companies)

        # A quarterly cycle launches in the second company, its KPI lines prefilled from the
        # quarter's values though nobody locked them (marked "not locked").
        start, end = self._last_quarter()
        operator_sheet = self.env["mfg.appraisal.template"].search(
            [("company_id", "=", self.second.id), ("code", "=", "operator")]
        )
        kpi_line = operator_sheet.line_ids.filtered(
            lambda t: t.kpi_id and t.rule_kind in ("linear", "bands")
        )[:1]
        period = self.env["mfg.kpi.period"]._get_or_create("quarter", start, self.second)
        kpi_value = self.env["mfg.kpi.value"].create(
            {
                "kpi_id": kpi_line.kpi_id.id,
                "period_id": period.id,
                "employee_id": self.operators[0].id,
                "value": 97.0,
            }
        )
        cycle = (
            self.env["mfg.appraisal.cycle"]
            .with_user(self.hr_user)
            .with_company(self.second)
            .create(
                {
                    "name": "Last quarter (second company)",
                    "kind": "quarterly",
                    "appraisal_system": "team_member",
                    "date_start": start,
                    "date_end": end,
                    "company_id": self.second.id,
                }
            )
        )
        cycle.action_launch()
        self.assertEqual(cycle.state, "running")
        appraisals = cycle.sudo().appraisal_ids
        self.assertEqual(appraisals.employee_id, self.operators | self.leader)
        self.assertEqual(appraisals.template_id.company_id, self.second)
        operator_sheets = appraisals.filtered(lambda a: a.employee_id in self.operators).template_id
        self.assertEqual(operator_sheets.mapped("code"), ["operator"])
        line = appraisals.filtered(lambda a: a.employee_id == self.operators[0]).line_ids.filtered(
            lambda x: x.template_line_id == kpi_line
        )
        scale = kpi_line._rule_snapshot().get("kpi_scale") or 1.0
        self.assertEqual(
            (line.kpi_value_id, line.actual_value, line.kpi_value_state),
            (kpi_value, 97.0 * scale, "draft"),
        )
        # Locked later (locking stays final), the value is taken again until rating starts.
        kpi_value.action_lock()
        cycle.action_refresh_kpi()
        line.invalidate_recordset()
        self.assertEqual(line.kpi_value_state, "locked")
