# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from freezegun import freeze_time

from odoo.addons.mfg_kpi.tests.common import ProviderCase
from odoo.fields import Command
from odoo.tests import new_test_user

MARCH_1 = date(2026, 3, 1)
NOW = "2026-04-15 12:00:00"  # when the March KPIs are computed
KINDS = ("equipment", "safety", "new_employee", "workshop", "skill", "process")


class TrainingCase(ProviderCase):
    """A plant (UTC) with two workshops and a second company.

    ==========  =========  ===================  =====================
    employee    user       department           position
    ==========  =========  ===================  =====================
    Manager     manager    Workshop A (manager)
    Worker 1    worker1    Workshop A           Operator
    Worker 2    worker2    Workshop A           Operator
    Worker 3    -          Workshop A           Welder
    Worker 4    -          Workshop B           Operator
    Officer     officer    -                    -
    Other       other      Plant 2 (company 2)
    ==========  =========  ===================  =====================
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(
            context=dict(
                cls.env.context,
                tracking_disable=True,
                mail_create_nolog=True,
                mail_notrack=True,
                no_reset_password=True,
            )
        )
        cls.company = cls.env.company
        cls.company.resource_calendar_id.tz = "UTC"
        cls.company_2 = cls.env["res.company"].create({"name": "Training Plant 2"})
        # Only our people count in the company-wide figures.
        cls.env["hr.employee"].search([("company_id", "=", cls.company.id)]).write(
            {"active": False}
        )
        cls.user_officer = new_test_user(
            cls.env,
            "trn_officer",
            groups="mfg_training.group_training_officer",
            company_ids=[Command.set((cls.company | cls.company_2).ids)],
        )
        cls.user_manager = new_test_user(
            cls.env, "trn_manager", groups="mfg_training.group_training_user"
        )
        cls.user_worker1 = new_test_user(cls.env, "trn_worker1", groups="base.group_user")
        cls.user_worker2 = new_test_user(
            cls.env, "trn_worker2", groups="mfg_training.group_training_user"
        )
        cls.user_other = new_test_user(
            cls.env,
            "trn_other",
            groups="base.group_user",
            company_id=cls.company_2.id,
            company_ids=[Command.set(cls.company_2.ids)],
        )
        Employee = cls.env["hr.employee"]
        Job = cls.env["hr.job"]
        cls.job_operator = Job.create({"name": "Training test operator"})
        cls.job_welder = Job.create({"name": "Training test welder"})
        cls.manager = Employee.create({"name": "Manager", "user_id": cls.user_manager.id})
        cls.officer = Employee.create({"name": "Officer", "user_id": cls.user_officer.id})
        cls.dept_a = cls.env["hr.department"].create(
            {"name": "Workshop A", "manager_id": cls.manager.id, "company_id": cls.company.id}
        )
        cls.dept_b = cls.env["hr.department"].create(
            {"name": "Workshop B", "company_id": cls.company.id}
        )
        cls.manager.department_id = cls.dept_a

        def employee(name, dept, job, user=None):
            return Employee.create(
                {
                    "name": name,
                    "department_id": dept.id,
                    "job_id": job.id,
                    "user_id": user and user.id,
                    "parent_id": cls.manager.id if dept == cls.dept_a else False,
                }
            )

        cls.worker1 = employee("Worker 1", cls.dept_a, cls.job_operator, cls.user_worker1)
        cls.worker2 = employee("Worker 2", cls.dept_a, cls.job_operator, cls.user_worker2)
        cls.worker3 = employee("Worker 3", cls.dept_a, cls.job_welder)
        cls.worker4 = employee("Worker 4", cls.dept_b, cls.job_operator)
        cls.other = Employee.with_company(cls.company_2).create(
            {"name": "Other", "user_id": cls.user_other.id, "company_id": cls.company_2.id}
        )
        category = cls.env.ref("mfg_training.hr_course_category_production")
        cls.courses = {
            kind: cls.env["hr.course"].create(
                {
                    "name": f"Course {kind}",
                    "category_id": category.id,
                    "mfg_kind": kind,
                    "mfg_certificate_months": 12 if kind == "safety" else 0,
                }
            )
            for kind in KINDS
        }
        cls.march = cls.env["mfg.kpi.period"]._get_or_create("month", MARCH_1, cls.company)

    @classmethod
    def _plan(cls, name="Plan", department=None, jobs=None, company=None, **vals):
        company = company or cls.company
        return (
            cls.env["mfg.training.plan"]
            .with_user(cls.user_officer)
            .with_company(company)
            .create(
                {
                    "name": name,
                    "company_id": company.id,
                    "department_id": department and department.id,
                    "job_ids": [Command.set(jobs.ids if jobs else [])],
                    "date_start": date(2026, 3, 1),
                    "date_end": date(2026, 3, 31),
                    **vals,
                }
            )
        )

    @classmethod
    def _session(cls, kind, planned, attendees=(), plan=None, user=None, **vals):
        """A draft session of the ``kind`` course planned on ``planned``."""
        user = user or cls.user_officer
        company = plan.company_id if plan else cls.company
        return (
            cls.env["hr.course.schedule"]
            .with_user(user)
            .with_company(company)
            .create(
                {
                    "name": f"{kind} {planned}",
                    "course_id": cls.courses[kind].id,
                    "mfg_plan_id": plan and plan.id,
                    "company_id": company.id,
                    "mfg_planned_date": planned,
                    "start_date": planned,
                    "end_date": planned,
                    "cost": 0,
                    "authorized_by": cls.officer.id,
                    "user_id": user.id,
                    "attendant_ids": [Command.set([e.id for e in attendees])],
                    **vals,
                }
            )
        )

    @classmethod
    def _start(cls, session):
        session = session.with_user(cls.user_officer)
        session.draft2waiting()
        session.waiting2inprogress()
        return session

    @classmethod
    def _deliver(cls, session, done, results=None):
        """Run ``session`` and complete it on ``done``; ``results``: {employee: (result,
        score)} (default: everybody passes with 80)."""
        session = cls._start(session)
        results = results or {e: ("passed", 80) for e in session.attendant_ids}
        session.action_mfg_record_results(
            [
                {"employee_id": e.id, "result": result, "score": score}
                for e, (result, score) in results.items()
            ]
        )
        session.inprogress2validation()
        with freeze_time(done):
            session.validation2complete()
        cls.env.flush_all()
        return session

    def _values(self, code, period=None, now=NOW):
        with freeze_time(now):
            values = self.compute(code, period or self.march)
        return {value._subject_record(): value for value in values}

    def _drill(self, value):
        return (
            self.env[value.drill_model]
            .with_context(active_test=False)
            .search(value._drill_domain())
        )
