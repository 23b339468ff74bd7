# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import MARCH_1, DutyCommon


@tagged("post_install", "-at_install")
class TestSecurity(DutyCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.runs = cls._generate(MARCH_1, MARCH_1, templates=cls.template | cls.template_2)
        cls.runs_by_employee = {
            employee: cls.runs.filtered(lambda r, e=employee: r.employee_id == e)
            for employee in cls.runs.employee_id
        }

    def _visible(self, user, model="mfg.duty.run"):
        return self.env[model].with_user(user).search([("id", "in", self._ids(model))])

    def _ids(self, model):
        return self.runs.ids if model == "mfg.duty.run" else self.runs.item_ids.ids

    def test_employee_reads_only_own(self):
        run_a, run_b = self.runs_by_employee[self.emp_a], self.runs_by_employee[self.emp_b]
        self.assertEqual(len(run_a), 3)
        self.assertEqual(self._visible(self.user_a), run_a)
        self.assertEqual(self._visible(self.user_a, "mfg.duty.run.item"), run_a.item_ids)
        with self.assertRaises(AccessError):
            run_b.with_user(self.user_a).read(["state"])
        with self.assertRaises(AccessError):
            run_b.item_ids[:1].with_user(self.user_a).read(["result"])
        with self.assertRaises(AccessError):
            run_b.item_ids[:1].with_user(self.user_a).write({"result": "na"})
        # Their own: readable with the employee's public data, answerable.
        run = run_a[:1].with_user(self.user_a)
        self.assertIn("Operator A", run.display_name)
        self.assertTrue(run.can_answer)
        self.assertFalse(run.can_manage)
        run.item_ids[:1].action_mark_na()

    def test_employee_cannot_create_or_delete(self):
        run_a = self.runs_by_employee[self.emp_a]
        with self.assertRaises(AccessError):
            self.env["mfg.duty.run"].with_user(self.user_a).create(
                {
                    "template_id": self.template.id,
                    "employee_id": self.emp_a.id,
                    "company_id": self.company.id,
                    "frequency": "daily",
                    "period_start": "2026-03-02",
                    "period_end": "2026-03-02",
                    "deadline": "2026-03-02",
                }
            )
        with self.assertRaises(AccessError):
            run_a.with_user(self.user_a).unlink()
        with self.assertRaises(AccessError):
            run_a.item_ids.with_user(self.user_a).unlink()
        with self.assertRaises(AccessError):
            self.template.with_user(self.user_a).name = "Mine now"
        self.assertEqual(self.template.with_user(self.user_a).name, "Operator shift checklist")

    def test_superior_reads_team(self):
        team = (
            self.runs_by_employee[self.emp_a]
            | self.runs_by_employee[self.emp_b]
            | self.runs_by_employee[self.emp_c]
        )
        self.assertEqual(self._visible(self.user_leader), team)
        self.assertEqual(self._visible(self.user_leader, "mfg.duty.run.item"), team.item_ids)
        run_a = self.runs_by_employee[self.emp_a][:1].with_user(self.user_leader)
        self.assertFalse(run_a.can_answer)
        with self.assertRaises(AccessError):
            run_a.item_ids[:1].write({"result": "na"})
        with self.assertRaises(AccessError):
            self.runs_by_employee[self.emp_d].with_user(self.user_leader).read(["state"])

    def test_superior_answers_for_team_members_without_user(self):
        run_c = self.runs_by_employee[self.emp_c].with_user(self.user_leader)
        self.assertTrue(all(run_c.mapped("can_answer")))
        daily_c = run_c.filtered(lambda r: r.frequency == "daily")
        daily_c.item_ids[:1].action_mark_done()
        self.assertEqual(daily_c.item_ids[:1].checked_by_id, self.user_leader)
        # Not for team members who answer themselves, nor for anyone outside the team.
        run_a = self.runs_by_employee[self.emp_a].with_user(self.user_leader)
        self.assertFalse(any(run_a.mapped("can_answer")))
        with self.assertRaises(AccessError):
            self.runs_by_employee[self.emp_c].item_ids[:1].with_user(self.user_d).write(
                {"result": "na"}
            )

    def test_search_filters(self):
        Run = self.env["mfg.duty.run"]
        mine = Run.with_user(self.user_a).search(
            [("employee_id.user_id", "=", self.user_a.id), ("id", "in", self.runs.ids)]
        )
        self.assertEqual(mine, self.runs_by_employee[self.emp_a])
        team = Run.with_user(self.user_leader).search(
            [
                ("employee_id.parent_id.user_id", "=", self.user_leader.id),
                ("id", "in", self.runs.ids),
            ]
        )
        self.assertEqual(team.employee_id, self.emp_a | self.emp_b | self.emp_c)

    def test_indirect_team(self):
        """The superior's superior sees the whole branch."""
        user_boss = new_test_user(self.env, "duty_boss", groups="mfg_duty.group_duty_user")
        boss = self.env["hr.employee"].create({"name": "Boss", "user_id": user_boss.id})
        self.leader.parent_id = boss
        self.assertEqual(self._visible(user_boss).employee_id, self.emp_a | self.emp_b | self.emp_c)

    def test_manager_reads_company(self):
        company_runs = self.runs.filtered(lambda r: r.company_id == self.company)
        self.assertEqual(len(company_runs), 12)
        self.assertEqual(self._visible(self.user_manager), company_runs)
        run_2 = self.runs_by_employee[self.emp_2]
        with self.assertRaises(AccessError):
            run_2.with_user(self.user_manager).read(["state"])
        # With both companies allowed, the manager sees both.
        self.user_manager.company_ids |= self.company_2
        self.assertEqual(
            self.env["mfg.duty.run"]
            .with_user(self.user_manager)
            .with_context(allowed_company_ids=[self.company.id, self.company_2.id])
            .search([("id", "in", self.runs.ids)]),
            self.runs,
        )

    def test_no_duty_group_no_access(self):
        user = new_test_user(self.env, "duty_none", groups="base.group_user")
        with self.assertRaises(AccessError):
            self.env["mfg.duty.run"].with_user(user).search([])

    def test_views_load_for_employees(self):
        Run = self.env["mfg.duty.run"].with_user(self.user_a)
        views = Run.get_views(
            [(False, "kanban"), (False, "list"), (False, "form"), (False, "search")]
        )
        self.assertEqual(set(views["views"]), {"kanban", "list", "form", "search"})
        run = self.runs_by_employee[self.emp_a][:1].with_user(self.user_a)
        data = run.web_read(
            {
                "display_name": {},
                "employee_id": {"fields": {"display_name": {}}},
                "state": {},
                "can_answer": {},
                "completion_rate": {},
                "activity_ids": {},
                "item_ids": {
                    "fields": {
                        "name": {},
                        "result": {},
                        "evidence": {},
                        "attachment_ids": {"fields": {"name": {}, "mimetype": {}}},
                    }
                },
            }
        )
        self.assertEqual(data[0]["employee_id"]["display_name"], "Operator A")
        item_views = (
            self.env["mfg.duty.run.item"]
            .with_user(self.user_a)
            .get_views([(False, "form"), (False, "list")])
        )
        self.assertIn("form", item_views["views"])

    def test_views_load_for_managers(self):
        for model, view_types in (
            ("mfg.duty.template", ["list", "form", "search"]),
            ("mfg.duty.run", ["list", "kanban", "pivot", "graph", "form", "search"]),
            ("mfg.duty.run.item", ["list", "form", "search"]),
        ):
            views = (
                self.env[model]
                .with_user(self.user_manager)
                .get_views([(False, view_type) for view_type in view_types])
            )
            self.assertEqual(set(views["views"]), set(view_types), model)
