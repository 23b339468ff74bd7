# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from freezegun import freeze_time

from odoo.addons.mfg_kpi.tests.common import ProviderCase
from odoo.fields import Command
from odoo.tests import new_test_user

MARCH_1 = date(2026, 3, 1)
NOW = "2026-04-15 12:00:00"  # when the March KPIs are computed


class MaintenanceKpiCase(ProviderCase):
    """A plant (UTC) with four machines and a second company with one.

    ======  ==========  =====  ======  ===============================
    machine technician  admin  team    in service in March 2026
    ======  ==========  =====  ======  ===============================
    M1      T1          O1     A       whole month (31 days)
    M2      T1          O1     A       whole month (31 days)
    M3      T2          O1     -       from the 11th (21 days)
    M4      T2          -      -       scrapped on the 10th (10 days)
    M5      (plant 2)
    ======  ==========  =====  ======  ===============================

    Requests move through the maintenance stages at frozen dates (see ``_breakdown``).
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
        cls.company_2 = cls.env["res.company"].create({"name": "Maintenance KPI Plant 2"})
        cls.stage_new = cls.env.ref("maintenance.stage_0")
        cls.stage_progress = cls.env.ref("maintenance.stage_1")
        cls.stage_done = cls.env.ref("maintenance.stage_3")

        group = "base.group_user"
        cls.user_t1 = new_test_user(cls.env, "mnt_tech_1", groups=group)
        cls.user_t2 = new_test_user(cls.env, "mnt_tech_2", groups=group)
        cls.user_o1 = new_test_user(cls.env, "mnt_admin_1", groups=group)
        cls.user_manager = new_test_user(
            cls.env,
            "mnt_manager",
            groups="maintenance.group_equipment_manager",
            company_ids=[Command.set((cls.company | cls.company_2).ids)],
        )
        Employee = cls.env["hr.employee"]
        cls.emp_t1 = Employee.create({"name": "Technician 1", "user_id": cls.user_t1.id})
        cls.emp_t2 = Employee.create({"name": "Technician 2", "user_id": cls.user_t2.id})
        cls.emp_o1 = Employee.create({"name": "Equipment admin 1", "user_id": cls.user_o1.id})

        cls.team_a = cls.env["maintenance.team"].create(
            {"name": "Mechanics A", "company_id": cls.company.id}
        )
        cls.team_b = cls.env["maintenance.team"].create(
            {"name": "Mechanics B", "company_id": cls.company.id}
        )
        cls.team_2 = cls.env["maintenance.team"].create(
            {"name": "Plant 2 team", "company_id": cls.company_2.id}
        )
        Equipment = cls.env["maintenance.equipment"].with_user(cls.user_manager)
        common = {"company_id": cls.company.id, "effective_date": date(2025, 1, 1)}
        cls.m1 = Equipment.create(
            {
                **common,
                "name": "M1 press",
                "technician_user_id": cls.user_t1.id,
                "mfg_admin_user_id": cls.user_o1.id,
                "maintenance_team_id": cls.team_a.id,
            }
        )
        cls.m2 = Equipment.create(
            {
                **common,
                "name": "M2 lathe",
                "technician_user_id": cls.user_t1.id,
                "mfg_admin_user_id": cls.user_o1.id,
                "maintenance_team_id": cls.team_a.id,
            }
        )
        cls.m3 = Equipment.create(
            {
                **common,
                "name": "M3 mill",
                "technician_user_id": cls.user_t2.id,
                "mfg_admin_user_id": cls.user_o1.id,
                "maintenance_team_id": cls.team_b.id,
                "effective_date": date(2026, 3, 11),
            }
        )
        cls.m4 = Equipment.create(
            {
                **common,
                "name": "M4 old drill",
                "technician_user_id": cls.user_t2.id,
                "maintenance_team_id": cls.team_b.id,
                "scrap_date": date(2026, 3, 10),
            }
        )
        cls.m4.action_archive()
        # Technicians follow their machines (and so may read them).
        for machine in cls.m1 | cls.m2 | cls.m3 | cls.m4:
            machine.message_subscribe(partner_ids=machine.technician_user_id.partner_id.ids)
        cls.m5 = Equipment.with_company(cls.company_2).create(
            {
                "name": "M5 plant 2 press",
                "company_id": cls.company_2.id,
                "effective_date": date(2025, 1, 1),
                "maintenance_team_id": cls.team_2.id,
            }
        )
        cls.march = cls.env["mfg.kpi.period"]._get_or_create("month", MARCH_1, cls.company)

    @classmethod
    def _request(cls, equipment, reported, user=None, **vals):
        """A maintenance request created by ``user`` (default: the machine's technician)."""
        user = user or equipment.technician_user_id or cls.user_manager
        with freeze_time(reported):
            request = (
                cls.env["maintenance.request"]
                .with_user(user)
                .with_company(equipment.company_id)
                .create(
                    {
                        "name": f"{vals.get('maintenance_type', 'corrective')} {equipment.name}",
                        "equipment_id": equipment.id,
                        "company_id": equipment.company_id.id,
                        "maintenance_team_id": equipment.maintenance_team_id.id,
                        **vals,
                    }
                )
            )
            cls.env.flush_all()  # stored computes dated now, not after the freeze
        return request

    @classmethod
    def _move(cls, request, stage, when, user=None, **vals):
        """Move ``request`` to ``stage`` at ``when`` (optionally filling the record first)."""
        user = user or request.user_id or cls.user_manager
        with freeze_time(when):
            request.with_user(user).write({**vals, "stage_id": stage.id})
            cls.env.flush_all()

    @classmethod
    def _breakdown(cls, equipment, reported, done=None, cost=0.0, record=True, **vals):
        """A breakdown reported at ``reported`` and repaired at ``done`` (None: still open)."""
        request = cls._request(equipment, reported, maintenance_type="corrective", **vals)
        cls._move(request, cls.stage_progress, reported)
        if done:
            record_vals = {"mfg_cost": cost}
            if record:
                record_vals.update(mfg_failure_cause="Worn bearing", mfg_work_done="Replaced it")
            cls._move(request, cls.stage_done, done, **record_vals)
        return request

    def _compute(self, code, period=None, now=NOW):
        period = period or self.march
        kpi = self.env["mfg.kpi"].search([("code", "=", code)])
        self.assertTrue(kpi, f"KPI {code} exists")
        with freeze_time(now):
            self.env["mfg.kpi.provider"]._compute_kpi(kpi, period)
        values = self.env["mfg.kpi.value"].search(
            [("kpi_id", "=", kpi.id), ("period_id", "=", period.id)]
        )
        return {value._subject_record(): value for value in values}

    def _drill(self, value):
        return self.env[value.drill_model].search(value._drill_domain())
