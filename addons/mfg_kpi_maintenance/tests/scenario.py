# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from freezegun import freeze_time

from .common import MaintenanceKpiCase


class MaintenanceScenario(MaintenanceKpiCase):
    """March 2026 of the plant.

    Breakdowns (corrective requests; time limits: 24 h, emergency priority High 4 h):

    ==  =======  =====================  =====================  ========  ====  ===========
    id  machine  reported               repaired               priority  cost  record
    ==  =======  =====================  =====================  ========  ====  ===========
    B1  M1       Mar 5 08:00            Mar 6 14:00 (30 h)     High      500   at repair
    B2  M1       Mar 20 10:00           Mar 20 12:00 (2 h)     Normal    100   no cause
    B3  M3       Mar 30 09:00           still open             High      -     -
    B4  M2       Feb 27 20:00           Mar 2 08:00            Normal    200   at repair
    B6  M1       Mar 25 (cancelled)     -                      Normal    -     -
    B7  M2       Mar 15 10:00           Mar 15 13:00 (3 h)     High      50    Mar 18
    X5  M5       Mar 10 (plant 2)       Mar 12                 Normal    999   at repair
    ==  =======  =====================  =====================  ========  ====  ===========

    Preventive: M1's weekly inspection plan (kind *Inspection*) generated on March 1 gives
    P1..P5 due on the 1st, 8th, 15th, 22nd and 29th: P1 done on the 1st (record filed), P2 on
    the 9th (late), P3 on the 15th, P4 never, P5 on the 29th. M2 has a monthly lubrication plan
    starting in April. Q3: a manual preventive request on M3 scheduled on the 20th, done the
    same day (cost 80, record filed).
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.b1 = cls._breakdown(cls.m1, "2026-03-05 08:00", "2026-03-06 14:00", 500, priority="3")
        cls.b2 = cls._breakdown(cls.m1, "2026-03-20 10:00", None)
        cls._move(cls.b2, cls.stage_done, "2026-03-20 12:00", mfg_cost=100, mfg_work_done="Reset")
        cls.b3 = cls._breakdown(cls.m3, "2026-03-30 09:00", None, priority="3")
        cls.b4 = cls._breakdown(cls.m2, "2026-02-27 20:00", "2026-03-02 08:00", 200)
        cls.b6 = cls._breakdown(cls.m1, "2026-03-25 09:00", None)
        with freeze_time("2026-03-25 10:00"):
            cls.b6.with_user(cls.user_t1).archive_equipment_request()
        cls.b7 = cls._breakdown(
            cls.m2, "2026-03-15 10:00", "2026-03-15 13:00", 50, False, priority="3"
        )
        with freeze_time("2026-03-18 09:00"):
            cls.b7.with_user(cls.user_t1).write(
                {"mfg_failure_cause": "Loose belt", "mfg_work_done": "Tightened"}
            )
            cls.env.flush_all()
        cls.x5 = cls._breakdown(cls.m5, "2026-03-10 08:00", "2026-03-12 08:00", 999)

        Kind = cls.env["maintenance.kind"]
        cls.kind_inspection = Kind.create({"name": "Inspection (KPI test)"})
        cls.kind_lubrication = Kind.create({"name": "Lubrication (KPI test)"})
        Plan = cls.env["maintenance.plan"].with_user(cls.user_manager)
        with freeze_time("2026-03-01 07:00"):
            cls.plan_m1 = Plan.create(
                {
                    "equipment_id": cls.m1.id,
                    "maintenance_kind_id": cls.kind_inspection.id,
                    "interval": 1,
                    "interval_step": "week",
                    "start_maintenance_date": date(2026, 3, 1),
                    "maintenance_plan_horizon": 1,
                    "planning_step": "month",
                    "maintenance_team_id": cls.team_a.id,
                }
            )
            cls.plan_m1.button_manual_request_generation()
            cls.plan_m2 = Plan.create(
                {
                    "equipment_id": cls.m2.id,
                    "maintenance_kind_id": cls.kind_lubrication.id,
                    "interval": 1,
                    "interval_step": "month",
                    "start_maintenance_date": date(2026, 4, 1),
                    "maintenance_plan_horizon": 1,
                    "planning_step": "day",
                }
            )
        cls.p1, cls.p2, cls.p3, cls.p4, cls.p5 = cls.plan_m1.maintenance_ids.sorted("request_date")
        cls._move(cls.p1, cls.stage_done, "2026-03-01 10:00", mfg_work_done="Inspected")
        cls._move(cls.p2, cls.stage_done, "2026-03-09 10:00")
        cls._move(cls.p3, cls.stage_done, "2026-03-15 10:00")
        cls._move(cls.p5, cls.stage_done, "2026-03-29 10:00")
        cls.q3 = cls._request(
            cls.m3,
            "2026-03-12 08:00",
            maintenance_type="preventive",
            schedule_date="2026-03-20 08:00:00",
        )
        cls._move(cls.q3, cls.stage_done, "2026-03-20 15:00", mfg_cost=80, mfg_work_done="Oiled")
        # The equipment manager finds B4's record wrong.
        cls.b4.with_user(cls.user_manager).mfg_record_error = True
