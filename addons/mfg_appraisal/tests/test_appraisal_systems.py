"""The seed's three appraisal systems, each with its own scope, schedule and results."""

from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import AppraisalCase


@tagged("post_install", "-at_install")
class TestAppraisalSystems(AppraisalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # A factory of its own, so that only this test's sheets and people are scheduled.
        cls.factory = cls.env["res.company"].create({"name": "Systems Factory"})
        cls.env.user.company_ids |= cls.factory
        cls.user_hr.company_ids |= cls.factory
        Job = cls.env["hr.job"]
        cls.job_equipment2 = Job.create(
            {
                "name": "Equipment admin (systems)",
                "company_id": cls.factory.id,
                "mfg_appraisal_scope": "workshop_staff",
            }
        )
        cls.job_dispatcher2 = Job.create(
            {
                "name": "Dispatcher without sheet (systems)",
                "company_id": cls.factory.id,
                "mfg_appraisal_scope": "workshop_staff",
            }
        )
        cls.job_operator2 = Job.create(
            {
                "name": "Operator (systems)",
                "company_id": cls.factory.id,
                "mfg_appraisal_scope": "team_member",
            }
        )
        workshop = cls.template.copy(
            {
                "name": "Workshop sheet (systems)",
                "company_id": cls.factory.id,
                "appraisal_system": "workshop_staff",
                "cycle_kind_ids": [
                    (
                        6,
                        0,
                        [
                            cls.env.ref("mfg_appraisal.cycle_kind_annual").id,
                            cls.env.ref("mfg_appraisal.cycle_kind_irregular").id,
                        ],
                    )
                ],
                "job_ids": [Command.set(cls.job_equipment2.ids)],
            }
        )
        team = cls.template.copy(
            {
                "name": "Team sheet (systems)",
                "company_id": cls.factory.id,
                "appraisal_system": "team_member",
                "cycle_kind_ids": [
                    (
                        6,
                        0,
                        [
                            cls.env.ref("mfg_appraisal.cycle_kind_quarterly").id,
                            cls.env.ref("mfg_appraisal.cycle_kind_annual").id,
                        ],
                    )
                ],
                "job_ids": [Command.set(cls.job_operator2.ids)],
            }
        )
        (workshop | team).state = "active"
        Employee = cls.env["hr.employee"].with_company(cls.factory)
        boss = Employee.create(
            {"name": "Systems Boss", "user_id": cls.user_director.id, "company_id": cls.factory.id}
        )
        cls.admin2, cls.dispatcher2, cls.operator2 = Employee.create(
            [
                {"name": name, "job_id": job.id, "parent_id": boss.id, "company_id": cls.factory.id}
                for name, job in (
                    ("Ada Admin", cls.job_equipment2),
                    ("Dan Dispatcher", cls.job_dispatcher2),
                    ("Otto Operator", cls.job_operator2),
                )
            ]
        )

    def test_scheduled_cycles_carry_their_system_and_launch_as_created(self):
        """车间人员 第4条 / 第7条: the annual appraisal starts Jan 4 and is published by
        Jan 15; 班组人员 第10条: quarterly and annual within 10 days after the period."""
        Cycle = self.env["mfg.appraisal.cycle"]
        with freeze_time("2027-01-02"):
            created = Cycle._cron_create_cycles().filtered(lambda c: c.company_id == self.factory)
        found = {(c.appraisal_system, c.kind): c for c in created}
        self.assertEqual(
            set(found),
            {
                ("workshop_staff", "annual"),
                ("team_member", "annual"),
                ("team_member", "quarterly"),
            },
        )
        workshop = found["workshop_staff", "annual"]
        self.assertEqual(workshop.date_launch, date(2027, 1, 4))
        self.assertEqual(workshop.date_publication_deadline, date(2027, 1, 15))
        team_annual = found["team_member", "annual"]
        self.assertEqual(team_annual.date_publication_deadline, date(2027, 1, 10))
        quarterly = found["team_member", "quarterly"]
        self.assertEqual(quarterly.date_start, date(2026, 10, 1))
        self.assertLessEqual(quarterly.date_publication_deadline, date(2027, 1, 10))
        # Launched as the scheduler made them (no position picked by hand); the people of this
        # factory have no login: HR says so, or the launch lists them.
        with self.assertRaisesRegex(UserError, "Without a login .*: Ada Admin\\."):
            workshop.with_user(self.user_hr).action_launch()
        self.assertFalse(workshop.allow_without_login)
        self.assertTrue(quarterly.allow_without_login, "team members: the kiosk's people")
        workshop.with_user(self.user_hr).allow_without_login = True
        workshop.with_user(self.user_hr).action_launch()
        self.assertEqual(workshop.appraisal_ids.employee_id, self.admin2)
        self.assertEqual(
            [(x.employee_id, x.reason) for x in workshop.exclusion_ids],
            [(self.dispatcher2, "no_sheet")],
            "in scope without a sheet: visible, never silent",
        )
        quarterly.with_user(self.user_hr).action_launch()
        self.assertEqual(quarterly.appraisal_ids.employee_id, self.operator2)
        self.assertEqual(quarterly.appraisal_ids.appraisal_system, "team_member")
        # 车间人员 第12条1 / 班组人员 第12条1-2: what each result is the basis of.
        team_annual.with_user(self.user_hr).action_launch()
        for cycle, basis in (
            (workshop, "performance_pay"),
            (quarterly, "quarterly_bonus"),
            (team_annual, "annual_bonus"),
        ):
            vals = cycle.appraisal_ids[:1].sudo()._results([])
            self.assertEqual(vals["payroll_basis"], basis, cycle.name)
        self.assertIn("bonus_tier", quarterly.appraisal_ids[:1].sudo()._results([]))

    def flags(self, system, kind, end, score, grade, history=()):
        return self.env["mfg.appraisal"]._result_flags(
            kind, end, score, grade, list(history), system=system
        )

    def test_results_follow_each_systems_own_articles(self):
        """车间人员 第12条 and 班组人员 第12条 each apply to their own people only."""
        # 班组人员 第12条3: an annual score above 90 opens promotion training — team only.
        self.assertTrue(
            self.flags("team_member", "annual", date(2025, 12, 31), 92, "excellent")[
                "flag_training"
            ]
        )
        self.assertFalse(
            self.flags("workshop_staff", "annual", date(2025, 12, 31), 92, "excellent")[
                "flag_training"
            ]
        )
        # 车间人员 第12条2: two annual Excellent give promotion priority — workshop only.
        last = ("annual", date(2024, 12, 31), 90, "excellent")
        self.assertTrue(
            self.flags("workshop_staff", "annual", date(2025, 12, 31), 91, "excellent", [last])[
                "flag_promotion"
            ]
        )
        self.assertFalse(
            self.flags("team_member", "annual", date(2025, 12, 31), 91, "excellent", [last])[
                "flag_promotion"
            ]
        )
        # 车间人员 第12条3(2): three irregular Fail → annual Fail, demotion or reassignment.
        irregular = [("irregular", date(2025, m, 28), 50, "fail") for m in (3, 6, 9)]
        vals = self.flags("workshop_staff", "annual", date(2025, 12, 31), 80, "good", irregular)
        self.assertTrue(vals["flag_forced_fail"] and vals["flag_demotion"])
        # 车间人员 第12条3(3): two annual Fail → dismissal review — not a team rule.
        last = ("annual", date(2024, 12, 31), 50, "fail")
        self.assertTrue(
            self.flags("workshop_staff", "annual", date(2025, 12, 31), 55, "fail", [last])[
                "flag_dismissal_review"
            ]
        )
        self.assertFalse(
            self.flags("team_member", "annual", date(2025, 12, 31), 55, "fail", [last])[
                "flag_dismissal_review"
            ]
        )

    def test_still_failing_a_month_after_basic_training_means_dismissal_review(self):
        """班组人员 第12条3: two quarters below 60 → basic skills training; still failing a
        month after it ends → dismissal."""
        q2 = ("quarterly", date(2025, 6, 30), 55, "fail")
        vals = self.flags("team_member", "quarterly", date(2025, 9, 30), 58, "fail", [q2])
        self.assertTrue(vals["flag_basic_training"])
        trained = ("quarterly", date(2025, 9, 30), 58, "fail", date(2025, 10, 31))
        vals = self.flags("team_member", "quarterly", date(2025, 12, 31), 57, "fail", [trained])
        self.assertTrue(vals["flag_dismissal_review"])
        vals = self.flags("team_member", "quarterly", date(2025, 12, 31), 65, "pass", [trained])
        self.assertFalse(vals["flag_dismissal_review"], "passed after the training")
        recent = ("quarterly", date(2025, 9, 30), 58, "fail", date(2025, 12, 15))
        vals = self.flags("team_member", "quarterly", date(2025, 12, 31), 57, "fail", [recent])
        self.assertFalse(vals["flag_dismissal_review"], "less than a month after the training")

    def test_director_plan_result_rewarded_or_penalised(self):
        """车间主任绩效考核方案 七2: 优秀 rewarded, 不及格 penalised, as the dynamic wage."""
        end = date(2025, 6, 30)
        self.assertTrue(
            self.flags("director_plan", "semi_annual", end, 90, "excellent")["flag_reward"]
        )
        self.assertTrue(self.flags("director_plan", "semi_annual", end, 50, "fail")["flag_penalty"])
        vals = self.flags("director_plan", "semi_annual", end, 80, "good")
        self.assertFalse(vals["flag_reward"] or vals["flag_penalty"])

    def test_calibration_only_for_the_workshop_staff_policy(self):
        """车间人员 第11条2 sets the distribution policy for workshop staff only."""
        team = self._cycle(
            "quarterly",
            name="Team Q3",
            appraisal_system="team_member",
            date_start=date(2025, 7, 1),
            date_end=date(2025, 9, 30),
        )
        with self.assertRaisesRegex(UserError, "workshop-staff system"):
            team.with_user(self.user_hr).action_open_calibration()

    def test_production_department_runs_irregular_inspections(self):
        """车间人员 第4条 / 第7条2: the production department inspects at least three times a
        year; the results are a main source of the annual appraisal."""
        inspector = new_test_user(
            self.env,
            "appr_inspector",
            groups="mfg_appraisal.group_appraisal_production",
            company_id=self.factory.id,
            company_ids=[Command.set(self.factory.ids)],
        )
        sheet = self.env.ref("mfg_appraisal.template_irregular_inspection").copy(
            {"company_id": self.factory.id}
        )
        sheet.state = "active"
        Cycle = self.env["mfg.appraisal.cycle"].with_user(inspector)
        with self.assertRaisesRegex(UserError, "production department runs the irregular"):
            Cycle.create(
                {
                    "name": "Not ours",
                    "kind": "annual",
                    "company_id": self.factory.id,
                    "date_start": date(2025, 1, 1),
                    "date_end": date(2025, 12, 31),
                }
            )
        irregular = Cycle.create(
            {
                "name": "Inspection March",
                "kind": "irregular",
                "allow_without_login": True,
                "appraisal_system": "workshop_staff",
                "template_id": sheet.id,
                "company_id": self.factory.id,
                "date_start": date(2025, 3, 1),
                "date_end": date(2025, 3, 31),
            }
        )
        irregular.action_launch()
        appraisal = irregular.appraisal_ids.filtered(lambda a: a.employee_id == self.admin2)
        self.assertEqual(appraisal.template_id, sheet, "the light sheet, for everyone in scope")
        self.assertIn(self.dispatcher2, irregular.appraisal_ids.employee_id)
        appraisal.sudo().write({"state": "published"})
        appraisal.sudo().rater_ids.rating_ids.write({"score": 55.0, "score_set": True})
        appraisal.sudo().rater_ids.state = "submitted"
        # The annual cycle of that year warns that fewer than three were run, and each annual
        # appraisal shows the year's irregular results.
        annual = self.env["mfg.appraisal.cycle"].create(
            {
                "name": "Annual 2025",
                "allow_without_login": True,
                "kind": "annual",
                "appraisal_system": "workshop_staff",
                "company_id": self.factory.id,
                "date_start": date(2025, 1, 1),
                "date_end": date(2025, 12, 31),
            }
        )
        self.assertEqual(annual.irregular_count, 1)
        self.assertIn("at least three", annual.irregular_warning)
        annual.with_user(self.user_hr).action_launch()
        self.assertIn("at least three", annual.message_ids[:1].body)
        mine = annual.appraisal_ids.filtered(lambda a: a.employee_id == self.admin2)
        self.assertEqual(mine.irregular_appraisal_ids, appraisal)
        self.assertEqual(mine.irregular_average, 55.0)

    def test_occurrences_per_n_and_data_sources(self):
        """每出现 N 次减 D 分: a step N on an occurrence line deducts per whole N; the line's
        资料来源 is frozen onto the appraisal."""
        line = self.template.line_ids.filtered(lambda x: x.name == "Operating procedure errors")
        source = self.env["mfg.kpi.source"].create({"name": "Equipment operation log"})
        line.write({"step": 2.0, "source_ids": [Command.set(source.ids)]})
        self.assertIn("each 2 occurrences", line.rule_text)
        with self.assertRaisesRegex(ValidationError, "whole N"):
            line.step = 1.5
            self.template._check_complete()
        line.step = 2.0
        cycle = self._cycle(name="Per N")
        cycle.with_user(self.user_hr).action_launch()
        appraisal = self._appraisal(cycle).sudo()
        frozen = appraisal.line_ids.filtered(lambda x: x.name == "Operating procedure errors")
        self.assertEqual(frozen.source_text, "Equipment operation log")
        appraisal.state = "rating"
        frozen.with_user(self.user_director).occurrences = 3
        self.assertEqual(frozen.score, 90.0, "3 occurrences = one whole group of 2 → -10")

    def test_attitude_line_fed_by_the_late_early_count(self):
        """班组人员 第8条: 工作态度 — "迟到早退次数不超过 次": a line may name its KPI by code
        (the attendance bridge is optional); launching links it, and its locked value
        prefills the occurrences."""
        kpi = self.env["mfg.kpi"].search([("code", "=", "LATE_EARLY_COUNT")]) or self.env[
            "mfg.kpi"
        ].create({"code": "LATE_EARLY_COUNT", "name": "Late/early", "unit": "count"})
        line = self.template.line_ids.filtered(lambda x: x.name == "Operating procedure errors")
        line.write({"kpi_id": False, "kpi_code": "LATE_EARLY_COUNT"})
        period = self.env["mfg.kpi.period"]._get_or_create("year", date(2025, 6, 1))
        value = self.env["mfg.kpi.value"].create(
            {"kpi_id": kpi.id, "period_id": period.id, "employee_id": self.emp.id, "value": 2}
        )
        value.action_lock()
        cycle = self._cycle(name="Late early")
        cycle.with_user(self.user_hr).action_launch()
        frozen = (
            self._appraisal(cycle)
            .sudo()
            .line_ids.filtered(lambda x: x.name == "Operating procedure errors")
        )
        self.assertEqual((frozen.kpi_id, frozen.occurrences), (kpi, 2))
        self.assertTrue(frozen.actual_set)

    def test_costs_prefilled_in_the_sheets_unit(self):
        """车间设备管理员考核表: 单位产量维修费用 "目标值 万元以下" — the KPI measures yuan, the
        sheet 万元: the prefill converts."""
        kpi = self.env["mfg.kpi"].create(
            {
                "code": "TEST_REPAIR_COST",
                "name": "Repair cost",
                "unit": "amount",
                "direction": "lower",
            }
        )
        line = self.template.line_ids.filtered(lambda x: x.name == "Repair cost per output")
        line.write({"kpi_id": kpi.id, "kpi_scale": 0.0001})
        period = self.env["mfg.kpi.period"]._get_or_create("year", date(2025, 6, 1))
        value = self.env["mfg.kpi.value"].create(
            {"kpi_id": kpi.id, "period_id": period.id, "employee_id": self.emp.id, "value": 15000}
        )
        value.action_lock()
        cycle = self._cycle(name="Cost in wan")
        cycle.with_user(self.user_hr).action_launch()
        frozen = self._appraisal(cycle).sudo().line_ids.filtered(lambda x: x.kpi_id == kpi)
        self.assertAlmostEqual(frozen.actual_value, 1.5, 4, "15,000 yuan = 1.5 万元")
        # Target 2 (万元), lower is better: 1.5 is within target.
        self.assertEqual(frozen.score, 100.0)
        ref = self.env.ref("mfg_appraisal.template_equipment_admin_line_repair_cost")
        self.assertEqual(ref.kpi_scale, 0.0001)


@tagged("post_install", "-at_install")
class TestWholeOrganisation(AppraisalCase):
    """车间人员 第3条 and 班组人员 第2条: a launch over the whole organisation appraises or
    visibly excludes everyone in scope of both systems, on the shipped sheets."""

    def test_everyone_in_scope_appraised_or_visibly_excluded(self):
        company = self.env.company
        sheets = self.env["mfg.appraisal.template"].search(
            [("company_id", "=", company.id), ("appraisal_system", "!=", False)]
        )
        # The company fills the parameters the seed leaves blank (as the demo does).
        for line in sheets.line_ids:
            if line.rule_kind == "linear":
                line.write(
                    {"target": 0.0 if line.direction == "zero" else 90.0, "step": 1, "deduction": 5}
                )
            elif line.rule_kind == "occurrence":
                line.deduction = 10
        scope = {
            "workshop_staff": self.env.ref("mfg_org.job_workshop_director")
            | self.env.ref("mfg_org.job_dispatcher")
            | self.env.ref("mfg_org.job_equipment_admin")
            | self.env.ref("mfg_org.job_maintenance_technician")
            | self.env.ref("mfg_org.job_process_technician")
            | self.env.ref("mfg_org.job_safety_officer"),
            "team_member": self.env.ref("mfg_org.job_team_leader")
            | self.env.ref("mfg_org.job_statistician")
            | self.env.ref("mfg_org.job_operator"),
        }
        Employee = self.env["hr.employee"]
        for jobs in scope.values():
            Employee.create(
                [
                    {"name": f"In scope: {job.name}", "job_id": job.id, "parent_id": self.boss.id}
                    for job in jobs
                ]
            )
        # HR managers grant the groups at launch: nobody gets a to-do they cannot open.
        self.user_hr_manager = new_test_user(
            self.env,
            "appr_hr_manager",
            groups="mfg_appraisal.group_appraisal_hr_manager,hr.group_hr_user",
        )
        for system, kind, start, end in (
            ("workshop_staff", "annual", date(2025, 1, 1), date(2025, 12, 31)),
            ("team_member", "quarterly", date(2025, 10, 1), date(2025, 12, 31)),
            ("team_member", "annual", date(2025, 1, 1), date(2025, 12, 31)),
        ):
            with self.subTest(system=system, kind=kind):
                cycle = self._cycle(
                    kind,
                    name=f"{system} {kind}",
                    appraisal_system=system,
                    job_ids=False,
                    date_start=start,
                    date_end=end,
                    allow_without_login=True,
                )
                cycle.with_user(self.user_hr_manager).write({"grant_groups": True})
                cycle.with_user(self.user_hr_manager).action_launch()
                in_scope = Employee.search(
                    [("company_id", "=", company.id), ("job_id", "in", scope[system].ids)]
                )
                covered = cycle.appraisal_ids.employee_id | cycle.exclusion_ids.employee_id
                self.assertFalse(in_scope - covered, "nobody in scope is left out silently")
                members = self.env.ref("mfg_appraisal.group_appraisal_user").all_user_ids
                self.assertFalse(cycle.appraisal_ids.employee_user_id - members)
                self.assertFalse(cycle.appraisal_ids.activity_ids.user_id - members)
                self.assertEqual(
                    cycle.appraisal_ids.job_id | cycle.exclusion_ids.employee_id.job_id,
                    scope[system] & in_scope.job_id,
                )
