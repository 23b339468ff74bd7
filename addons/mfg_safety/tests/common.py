# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.addons.mfg_kpi.tests.common import ProviderCase
from odoo.fields import Command
from odoo.tests import new_test_user

MARCH_1 = date(2026, 3, 1)
HIRED = date(2025, 1, 1)
NOW = "2026-04-15 12:00:00"  # when the March KPIs are computed


class SafetyCase(ProviderCase):
    """A plant (UTC) of its own with two workshops.

    =========  ===========  ============================================
    workshop   team         area
    =========  ===========  ============================================
    W1         T1 (in W1)   A1 (W1 / T1)
    W2         -            A2 (W2)
    =========  ===========  ============================================

    People: the safety officer (O), the W1 manager (M, employee of W1), a worker of T1 (E, a
    plain user) and a worker of W2 without a user (X). The plant has these four employees,
    hired in 2025.
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
        cls.plant = cls.env["res.company"].create({"name": "Safety Test Plant"})
        cls.plant.resource_calendar_id.tz = "UTC"
        cls.plant_2 = cls.env["res.company"].create({"name": "Safety Test Plant 2"})
        Department = cls.env["hr.department"]
        cls.w1 = Department.create({"name": "Workshop 1", "company_id": cls.plant.id})
        cls.t1 = Department.create(
            {"name": "Team 1", "company_id": cls.plant.id, "parent_id": cls.w1.id}
        )
        cls.w2 = Department.create({"name": "Workshop 2", "company_id": cls.plant.id})

        def user(login, groups):
            return new_test_user(
                cls.env,
                login,
                groups=groups,
                company_id=cls.plant.id,
                company_ids=[Command.set(cls.plant.ids)],
                name=login.replace("_", " ").title(),
            )

        cls.officer = user("sft_officer", "base.group_user,mfg_safety.group_safety_officer")
        cls.manager = user("sft_manager", "base.group_user,mfg_safety.group_safety_manager")
        cls.worker = user("sft_worker", "base.group_user")
        cls.emp_officer = cls._employee("Officer", user=cls.officer)
        cls.emp_manager = cls._employee("Manager", user=cls.manager, department=cls.w1)
        cls.emp_worker = cls._employee("Worker", user=cls.worker, department=cls.t1)
        cls.emp_other = cls._employee("Other worker", department=cls.w2)
        cls.w1.manager_id = cls.emp_manager

        Area = cls.env["mfg.safety.area"]
        cls.a1 = Area.create(
            {
                "name": "Area 1",
                "company_id": cls.plant.id,
                "mfg_department_id": cls.w1.id,
                "mfg_team_id": cls.t1.id,
            }
        )
        cls.a2 = Area.create(
            {"name": "Area 2", "company_id": cls.plant.id, "mfg_department_id": cls.w2.id}
        )
        cls.march = cls.env["mfg.kpi.period"]._get_or_create("month", MARCH_1, cls.plant)

    @classmethod
    def _employee(cls, name, user=None, department=None, company=None):
        return cls.env["hr.employee"].create(
            {
                "name": name,
                "company_id": (company or cls.plant).id,
                "user_id": user.id if user else False,
                "department_id": department.id if department else False,
                "date_version": HIRED,
                "contract_date_start": HIRED,
            }
        )

    @classmethod
    def _hazard(cls, area, reported, state="reported", **vals):
        """A hazard of ``area`` reported at ``reported`` in ``state`` (written as the system)."""
        return (
            cls.env["mfg.safety.hazard"]
            .with_company(cls.plant)
            .create(
                {
                    "name": f"Hazard {area.name} {reported}",
                    "area_id": area.id,
                    "company_id": cls.plant.id,
                    "date_reported": reported,
                    "state": state,
                    **vals,
                }
            )
        )

    @classmethod
    def _incident(cls, area, when, kind="injury", **vals):
        return (
            cls.env["mfg.safety.incident"]
            .with_company(cls.plant)
            .create(
                {
                    "name": f"Accident {area.name} {when}",
                    "area_id": area.id,
                    "company_id": cls.plant.id,
                    "kind": kind,
                    "date": when,
                    "injured_count": 1 if kind == "injury" else 0,
                    **vals,
                }
            )
        )

    @classmethod
    def _inspection(cls, area, due, inspector, state="planned", **vals):
        return (
            cls.env["mfg.safety.inspection"]
            .with_company(cls.plant)
            .create(
                {
                    "area_id": area.id,
                    "company_id": cls.plant.id,
                    "inspector_id": inspector.id,
                    "date_planned": due,
                    "date_deadline": due,
                    "state": state,
                    **vals,
                }
            )
        )

    @classmethod
    def _unsafe_act(cls, employee, day, **vals):
        return (
            cls.env["mfg.safety.unsafe.act"]
            .with_company(cls.plant)
            .create(
                {
                    "employee_id": employee.id,
                    "company_id": cls.plant.id,
                    "date": day,
                    "description": "Unsafe",
                    **vals,
                }
            )
        )
