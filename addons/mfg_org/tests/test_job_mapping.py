# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Job mapping: the seed positions merged into a company's existing jobs, or instantiated in
another company (issue 12)."""

from odoo.addons.mfg_kpi.tests.rpc import RpcCase
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from ..hooks import uninstall_hook
from .common import MfgOrgCommon


class MappingMixin:
    @classmethod
    def _setup_mapping(cls):
        cls.Job = cls.env["hr.job"]
        cls.company = cls.env.company
        cls.other = cls.env["res.company"].create({"name": "Second Factory (mapping)"})
        cls.env.user.company_ids |= cls.other
        cls.seeds = cls.Job._mfg_seed_positions()

    def _xmlid_job(self, key):
        return self.env.ref(f"mfg_org.{key}")

    def _active_named(self, name, company):
        return self.Job.search([("name", "=", name), ("company_id", "=", company.id)])


@tagged("post_install", "-at_install")
class TestJobMapping(MappingMixin, MfgOrgCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.load_chinese()
        cls._setup_mapping()

    def test_seed_positions(self):
        """The 20 seed positions, by their XML id names, in seed order."""
        self.assertEqual(len(self.seeds), 20)
        self.assertEqual(list(self.seeds)[:2], ["job_vp_production", "job_production_manager"])

    def test_merge_into_existing_job_of_the_seed_company(self):
        """An existing 'Production Manager' takes the seed's place: data, duties, KPIs,
        employees, subordinates and XML id; the seed duplicate is gone."""
        seed = self.seeds["job_production_manager"]
        duties, kpis = seed.mfg_duty_ids.mapped("name"), seed.mfg_kpi_line_ids.kpi_id
        subordinate = self.seeds["job_workshop_director"]
        existing = self.Job.create({"name": "Production Manager", "company_id": self.company.id})
        old_hand = self.env["hr.employee"].create({"name": "Old hand", "job_id": existing.id})
        newcomer = self.env["hr.employee"].create({"name": "Newcomer", "job_id": seed.id})
        proposal = self.Job._mfg_propose_mapping(self.company)
        self.assertEqual(proposal["job_production_manager"], existing)
        jobs_before = self.Job.with_context(active_test=False).search_count([])

        result = self.Job._mfg_apply_mapping(self.company, proposal)

        self.assertEqual(result["job_production_manager"], existing)
        self.assertFalse(seed.exists())
        self.assertEqual(self._xmlid_job("job_production_manager"), existing)
        self.assertEqual(self._active_named("Production Manager", self.company), existing)
        self.assertEqual(self.Job.with_context(active_test=False).search_count([]), jobs_before - 1)
        self.assertEqual((old_hand | newcomer).job_id, existing)
        self.assertEqual(existing.mfg_level, "department")
        # Named as the seed in English, it takes the seed's Chinese name it had none in.
        self.assertEqual(existing.with_context(lang="zh_CN").name, "生产经理")
        self.assertTrue(existing.mfg_is_production and existing.mfg_adopted)
        self.assertFalse(existing.mfg_seed_job_id)
        self.assertEqual(existing.mfg_parent_job_id, self.seeds["job_vp_production"])
        self.assertEqual(subordinate.mfg_parent_job_id, existing)
        self.assertEqual(existing.mfg_duty_ids.mapped("name"), duties)
        self.assertEqual(existing.mfg_kpi_line_ids.kpi_id, kpis)
        self.assertEqual(self.Job._mfg_seed_positions()["job_production_manager"], existing)

        # Running it again changes nothing.
        again = self.Job._mfg_apply_mapping(
            self.company, self.Job._mfg_propose_mapping(self.company)
        )
        self.assertEqual(again, result)
        self.assertEqual(self.Job.with_context(active_test=False).search_count([]), jobs_before - 1)

    def test_instantiate_in_another_company(self):
        """Nothing mapped: the company gets the production department and the 20 positions,
        linked to the seed, with duties, KPIs and the seed's reporting line, in both languages."""
        jobs_before = self.Job.search_count([("company_id", "=", self.other.id)])
        result = self.Job._mfg_apply_mapping(self.other)
        self.assertEqual(len(result), 20)
        copies = self.Job.browse([job.id for job in result.values()])
        self.assertEqual(copies.company_id, self.other)
        self.assertEqual(
            self.Job.search_count([("company_id", "=", self.other.id)]), jobs_before + 20
        )
        department = copies.department_id
        self.assertEqual(len(department), 1)
        self.assertEqual(department.company_id, self.other)
        self.assertEqual(
            department.mfg_seed_department_id, self.env.ref("mfg_org.dept_production_management")
        )
        for key, job in result.items():
            seed = self.seeds[key]
            self.assertEqual(job.mfg_seed_job_id, seed)
            self.assertEqual(job.mfg_level, seed.mfg_level)
            self.assertEqual(len(job.mfg_duty_ids), len(seed.mfg_duty_ids), key)
            self.assertEqual(job.mfg_kpi_line_ids.kpi_id, seed.mfg_kpi_line_ids.kpi_id, key)
            parent_key = next(
                (k for k, s in self.seeds.items() if s == seed.mfg_parent_job_id), None
            )
            self.assertEqual(job.mfg_parent_job_id, result.get(parent_key, self.Job), key)
        operator = result["job_operator"]
        self.assertEqual(operator.with_context(lang="zh_CN").name, "操作工")
        self.assertEqual(operator.with_context(lang="en_US").name, "Operator")
        self.assertEqual(
            operator.mfg_duty_ids[:1].with_context(lang="zh_CN").name,
            self.seeds["job_operator"].mfg_duty_ids[:1].with_context(lang="zh_CN").name,
        )
        # The copies are the suite's data: the uninstall removes those nobody holds.
        self.assertEqual(self.env.ref(f"mfg_org.job_operator_company_{self.other.id}"), operator)
        # Again: nothing new.
        self.assertEqual(self.Job._mfg_apply_mapping(self.other), result)
        self.assertEqual(
            self.Job.search_count([("company_id", "=", self.other.id)]), jobs_before + 20
        )

    def test_existing_jobs_of_another_company_by_chinese_name_and_alias(self):
        """The second company's own 操作工 and 班组长 (an alias of 生产班长) and its own
        生产管理部 stand for the seed's; their employees keep them."""
        dept = self.env["hr.department"].create({"name": "生产管理部", "company_id": self.other.id})
        operator = self.Job.create({"name": "操作工", "company_id": self.other.id})
        leader = self.Job.create({"name": "班组长", "company_id": self.other.id})
        worker = self.env["hr.employee"].create(
            {"name": "Worker", "job_id": operator.id, "company_id": self.other.id}
        )
        proposal = self.Job._mfg_propose_mapping(self.other)
        self.assertEqual(proposal["job_operator"], operator)
        self.assertEqual(proposal["job_team_leader"], leader)
        result = self.Job._mfg_apply_mapping(self.other, proposal, dept)
        self.assertEqual(result["job_operator"], operator)
        self.assertEqual(worker.job_id, operator)
        self.assertEqual(operator.mfg_seed_job_id, self.seeds["job_operator"])
        self.assertTrue(operator.mfg_adopted)
        self.assertEqual(operator.mfg_parent_job_id, leader)
        # A position named by an alias keeps its name.
        self.assertEqual(leader.with_context(lang="zh_CN").name, "班组长")
        self.assertEqual(operator.mfg_level, "team")
        self.assertEqual(len(operator.mfg_duty_ids), len(self.seeds["job_operator"].mfg_duty_ids))
        self.assertEqual(self._active_named("操作工", self.other), operator)
        # The other positions were created in the company's own production department.
        self.assertEqual(result["job_production_manager"].department_id, dept)
        self.assertTrue(dept.mfg_adopted)
        self.assertFalse(
            self.env["hr.department"].search(
                [("company_id", "=", self.other.id), ("id", "!=", dept.id)]
            )
        )

    def test_merge_a_company_copy_into_an_existing_job(self):
        """Instantiated first, mapped afterwards: the copy goes, the existing job stays."""
        result = self.Job._mfg_apply_mapping(self.other)
        copy = result["job_operator"]
        worker = self.env["hr.employee"].create(
            {"name": "Worker", "job_id": copy.id, "company_id": self.other.id}
        )
        existing = self.Job.create({"name": "Line operator", "company_id": self.other.id})
        result = self.Job._mfg_apply_mapping(self.other, {"job_operator": existing})
        self.assertFalse(copy.exists())
        self.assertEqual(worker.job_id, existing)
        self.assertEqual(existing.mfg_seed_job_id, self.seeds["job_operator"])
        self.assertEqual(existing.mfg_parent_job_id, result["job_team_leader"])

    def test_bad_mappings_are_refused(self):
        foreign = self.Job.create({"name": "Elsewhere", "company_id": self.other.id})
        with self.assertRaises(UserError):
            self.Job._mfg_apply_mapping(self.company, {"job_operator": foreign})
        existing = self.Job.create({"name": "Twice", "company_id": self.company.id})
        with self.assertRaises(UserError):
            self.Job._mfg_apply_mapping(
                self.company, {"job_operator": existing, "job_team_leader": existing}
            )
        with self.assertRaises(UserError):
            self.Job._mfg_apply_mapping(
                self.company, {"job_operator": self.seeds["job_team_leader"]}
            )
        self.assertEqual(self._xmlid_job("job_operator"), self.seeds["job_operator"])

    def test_uninstall_keeps_adopted_jobs(self):
        """An existing job merged with a seed position outlives the suite."""
        existing = self.Job.create({"name": "Our planner", "company_id": self.company.id})
        self.Job._mfg_apply_mapping(self.company, {"job_planner": existing})
        uninstall_hook(self.env)
        self.assertFalse(
            self.env["ir.model.data"].search(
                [("model", "=", "hr.job"), ("res_id", "=", existing.id)]
            )
        )

    def test_rights(self):
        """Only HR managers and administrators map; nobody sets the results by hand."""
        with self.assertRaises(AccessError):
            self.Job.with_user(self.employee_user)._mfg_apply_mapping(self.other)
        with self.assertRaises(AccessError):
            self.Job.with_user(self.hr_manager).browse(self.seeds["job_operator"].id).write(
                {"mfg_adopted": True}
            )
        # Not in a company the HR manager does not belong to.
        self.assertNotIn(self.other, self.hr_manager.company_ids)
        with self.assertRaises(AccessError):
            self.Job.with_user(self.hr_manager)._mfg_apply_mapping(self.other)
        with self.assertRaises(AccessError):
            self.env["mfg.job.mapping"].with_user(self.hr_manager).create(
                {"company_id": self.other.id}
            )
        self.assertFalse(self.Job.search([("company_id", "=", self.other.id)]))
        wizard = self.env["mfg.job.mapping"].with_user(self.hr_manager).create({})
        self.assertEqual(len(wizard.line_ids), 20)
        self.assertEqual(set(wizard.line_ids.mapped("operation")), {"keep"})

    def test_kpi_companies(self):
        """The scheduled KPI job computes the ticked companies; while none is ticked, those
        with the suite's positions (not a company that does not use the suite)."""
        Company = self.env["res.company"]
        Company.search([]).mfg_suite_enabled = False
        self.assertNotIn(self.other, Company._mfg_kpi_companies())
        self.assertIn(self.company, Company._mfg_kpi_companies())
        self.Job._mfg_apply_mapping(self.other)
        self.assertIn(self.other, Company._mfg_kpi_companies())
        self.other.mfg_suite_enabled = True
        self.assertEqual(Company._mfg_kpi_companies(), self.other)


@tagged("post_install", "-at_install")
class TestJobMappingApi(MappingMixin, RpcCase):
    """The mapping through the external API, as an HR officer and an HR manager."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_mapping()
        cls.hr_officer = new_test_user(cls.env, login="mfg_map_officer", groups="hr.group_hr_user")
        cls.hr_manager = new_test_user(
            cls.env, login="mfg_map_manager", groups="hr.group_hr_manager"
        )

    def test_officer_refused(self):
        self.refused(self.hr_officer, "mfg.job.mapping", "create", [{}])
        job = self.seeds["job_operator"]
        before = self.snapshot(job, ["mfg_adopted", "mfg_seed_job_id"])
        self.refused(
            self.hr_officer,
            "hr.job",
            "write",
            [job.id],
            {"mfg_seed_job_id": self.seeds["job_team_leader"].id},
        )
        self.assertEqual(self.snapshot(job, ["mfg_adopted", "mfg_seed_job_id"]), before)

    def test_manager_maps(self):
        existing = self.Job.create({"name": "Operator", "company_id": self.company.id})
        [wizard_id] = self.rpc(self.hr_manager, "mfg.job.mapping", "create", [{}])
        self.rpc(self.hr_manager, "mfg.job.mapping", "action_apply", [wizard_id])
        self.env.invalidate_all()
        self.assertEqual(self.env.ref("mfg_org.job_operator"), existing)
        self.assertEqual(
            self.Job.search_count(
                [("name", "=", "Operator"), ("company_id", "=", self.company.id)]
            ),
            1,
        )
