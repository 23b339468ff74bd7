# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from ..models.mfg_onboarding import ITEMS, SUGGESTED_TOLERANCE_MINUTES
from .common import OnboardingCase


@tagged("post_install", "-at_install")
class TestOnboarding(OnboardingCase):
    def test_checklist_of_a_new_company(self):
        """Every item with its state and the number of records that lack it."""
        workshop = self.env["hr.department"].create(
            {"name": "Assembly workshop", "company_id": self.company.id}
        )
        self._workcentre(self.company, "Press", workshop)
        self._workcentre(self.company, "Lathe")
        self._workcentre(self.company, "Oven")
        onboarding = self._onboarding()
        self.assertEqual(onboarding.item_ids.mapped("key"), [key for key, __ in ITEMS])
        counts = {item.key: (item.state, item.missing_count) for item in onboarding.item_ids}
        self.assertEqual(counts["companies"], ("missing", 1))
        self.assertEqual(counts["positions"], ("missing", 20))
        self.assertEqual(counts["workcentres"], ("missing", 2))
        self.assertEqual(counts["open_mos"], ("done", 0))
        # The company's own warehouse (created with the company) has no keeper.
        self.assertEqual(counts["keepers"], ("missing", 1))
        self.assertEqual(counts["key_staff"], ("missing", 1))
        self.assertEqual(counts["parameters"], ("done", 0))  # no sheet in the company yet
        self.assertEqual(counts["tolerance"], ("missing", 1))
        self.assertEqual(counts["people"], ("done", 0))
        self.assertEqual(onboarding.item_count, len(ITEMS))
        self.assertEqual(onboarding.done_count, 3)
        # Each item opens its screen.
        models = {item.key: item.action_open()["res_model"] for item in onboarding.item_ids}
        self.assertEqual(models["positions"], "mfg.job.mapping")
        self.assertEqual(models["workcentres"], "mrp.workcenter")
        self.assertEqual(
            self.env["mrp.workcenter"]
            .search(self._item(onboarding, "workcentres").action_open()["domain"])
            .mapped("name"),
            ["Lathe", "Oven"],
        )

    def test_apply_companies_tolerance_positions(self):
        onboarding = self._onboarding()
        self.assertEqual(self._apply(onboarding, "companies").state, "done")
        self.assertTrue(self.company.mfg_suite_enabled)
        self.assertEqual(self._apply(onboarding, "tolerance").state, "done")
        self.assertEqual(self.company.mfg_late_tolerance_minutes, SUGGESTED_TOLERANCE_MINUTES)
        # A tolerance the company chose stays.
        self.company.mfg_late_tolerance_minutes = 3
        self._apply(onboarding, "tolerance")
        self.assertEqual(self.company.mfg_late_tolerance_minutes, 3)

        operator = self.Job.create({"name": "Operator", "company_id": self.company.id})
        self.assertEqual(self._apply(onboarding, "positions").state, "done")
        positions = self.Job._mfg_company_positions(self.company)
        self.assertEqual(len(positions), 20)
        self.assertEqual(positions["job_operator"], operator)
        jobs = self.Job.search_count([("company_id", "=", self.company.id)])
        # Idempotent: applying again, or a new assistant, creates nothing.
        self._item(onboarding, "positions").action_apply()
        self._item(self._onboarding(), "positions").action_apply()
        self.assertEqual(self.Job.search_count([("company_id", "=", self.company.id)]), jobs)
        # The company has its sheets, on its positions.
        sheets = self.env["mfg.appraisal.template"].search([("company_id", "=", self.company.id)])
        self.assertIn(operator, sheets.job_ids)
        self.assertIn("operator", sheets.mapped("code"))

    def test_sheet_parameters_take_the_documented_examples(self):
        """Blank parameters get the example values of the appraisal demo data; values the
        company set stay."""
        self.Job._mfg_apply_mapping(self.company)
        sheet = self.env["mfg.appraisal.template"].search(
            [("company_id", "=", self.company.id), ("code", "=", "workshop_director")]
        )
        lines = sheet.line_ids.filtered(lambda line: line.rule_kind in ("linear", "occurrence"))
        lines.write({"target": 0.0, "step": 0.0, "deduction": 0.0})
        plan = lines.filtered(lambda line: line.kpi_code == "PLAN_COMPLETION_RATE")[:1] or lines[:1]
        own = lines - plan
        own[:1].write({"target": 97.0, "step": 2.0, "deduction": 4.0})
        onboarding = self._onboarding()
        item = self._item(onboarding, "parameters")
        self.assertEqual(item.state, "missing")
        self.assertGreaterEqual(item.missing_count, len(lines) - 1)
        self._apply(onboarding, "parameters")
        examples = onboarding._example_parameters()
        example = examples[(sheet.code, plan.with_context(lang="en_US").name)]
        self.assertEqual(
            (plan.target, plan.step, plan.deduction),
            (example.get("target", 0.0), example["step"], example["deduction"]),
        )
        self.assertEqual((own[:1].target, own[:1].step, own[:1].deduction), (97.0, 2.0, 4.0))
        self.assertFalse(sheet.line_ids._missing_parameters())
        # The documented plan completion example: target 98 %, 5 points per missing point.
        director = self.env.ref("mfg_appraisal.template_workshop_director_line_plan_completion")
        self.assertEqual(
            examples[("workshop_director", director.with_context(lang="en_US").name)],
            {"target": 98.0, "step": 1.0, "deduction": 5.0},
        )

    def test_open_orders_take_the_workshop_set_later(self):
        """A workshop set on a work centre after install reaches the open orders."""
        workcentre = self._workcentre(self.company, "Assembly line")
        order = self._confirmed_order(self.company, workcentre)
        self.assertFalse(order.mfg_department_id)
        onboarding = self._onboarding()
        self.assertEqual(self._item(onboarding, "open_mos").missing_count, 1)
        # Nothing to take yet: no Apply button.
        self.assertFalse(self._item(onboarding, "open_mos").can_apply)
        workshop = self.env["hr.department"].create(
            {"name": "Assembly workshop", "company_id": self.company.id}
        )
        team = self.env["hr.department"].create(
            {"name": "Team A", "company_id": self.company.id, "parent_id": workshop.id}
        )
        workcentre.write({"mfg_department_id": workshop.id, "mfg_team_id": team.id})
        onboarding.action_refresh()
        self.assertTrue(self._item(onboarding, "open_mos").can_apply)
        self.assertEqual(self._apply(onboarding, "open_mos").state, "done")
        self.assertEqual((order.mfg_department_id, order.mfg_team_id), (workshop, team))

    def test_people_in_scope_get_the_groups(self):
        self.Job._mfg_apply_mapping(self.company)
        positions = self.Job._mfg_company_positions(self.company)
        leader_user = new_test_user(
            self.env, login="mfg_onb_leader", groups="base.group_user", company_id=self.company.id
        )
        worker_user = new_test_user(
            self.env, login="mfg_onb_worker", groups="base.group_user", company_id=self.company.id
        )
        Employee = self.env["hr.employee"].with_company(self.company)
        leader = Employee.create(
            {
                "name": "Leader",
                "user_id": leader_user.id,
                "job_id": positions["job_team_leader"].id,
                "company_id": self.company.id,
            }
        )
        Employee.create(
            {
                "name": "Worker",
                "user_id": worker_user.id,
                "parent_id": leader.id,
                "job_id": positions["job_operator"].id,
                "company_id": self.company.id,
            }
        )
        Employee.create(
            {
                "name": "No login",
                "job_id": positions["job_operator"].id,
                "company_id": self.company.id,
            }
        )
        onboarding = self._onboarding()
        # 1 without login, 2 logins without the employee group, 1 superior without appraiser.
        self.assertEqual(self._item(onboarding, "people").missing_count, 4)
        item = self._apply(onboarding, "people")
        self.assertEqual(item.missing_count, 1)  # the login is the administrator's to create
        self.assertFalse(item.can_apply)
        self.assertTrue(worker_user.has_group("mfg_appraisal.group_appraisal_user"))
        self.assertTrue(leader_user.has_group("mfg_appraisal.group_appraisal_appraiser"))

    def test_approvers(self):
        """Review groups nobody of the company is in are listed."""
        onboarding = self._onboarding()
        president = self.env.ref("mfg_appraisal.group_appraisal_president")
        item = self._item(onboarding, "approvers")
        self.assertIn(president.name, item.detail)
        approver = new_test_user(
            self.env,
            login="mfg_onb_president",
            groups="base.group_user",
            company_id=self.company.id,
        )
        president.write({"user_ids": [(4, approver.id)]})
        onboarding.action_refresh()
        self.assertNotIn(president.name, self._item(onboarding, "approvers").detail)

    def test_only_administrators_and_hr_managers(self):
        officer = new_test_user(
            self.env,
            login="mfg_onb_officer",
            groups="hr.group_hr_user",
            company_id=self.company.id,
        )
        with self.assertRaises(AccessError):
            self._onboarding(user=officer)
        hr_manager = new_test_user(
            self.env,
            login="mfg_onb_hr_manager",
            groups="hr.group_hr_manager",
            company_id=self.company.id,
        )
        onboarding = self._onboarding(user=hr_manager)
        self.assertEqual(len(onboarding.item_ids), len(ITEMS))
        with self.assertRaises(AccessError):
            self._item(onboarding, "tolerance").with_user(officer).action_apply()
        self.assertFalse(self.company.mfg_late_tolerance_minutes)
        # An HR manager of another company only: not this company's assistant.
        outsider = new_test_user(
            self.env,
            login="mfg_onb_outsider",
            groups="hr.group_hr_manager",
            company_id=self.env.ref("base.main_company").id,
        )
        self.assertNotIn(self.company, outsider.company_ids)
        with self.assertRaises(AccessError):
            self.env["mfg.onboarding"].with_user(outsider).create({"company_id": self.company.id})
        with self.assertRaises(AccessError):
            self._item(onboarding, "tolerance").with_user(outsider).action_apply()
        self.assertFalse(self.company.mfg_late_tolerance_minutes)
