# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .scenario import MaintenanceScenario


@tagged("post_install", "-at_install")
class TestRepairKpis(MaintenanceScenario):
    def test_fault_repair_timeliness(self):
        values = self._compute("FAULT_REPAIR_TIMELINESS")
        # Reported in March: B1 (30 h, late), B2 (2 h), B3 (open past its 24 h), B7 (3 h);
        # B4 was reported in February, B6 cancelled. Measured per employee.
        self.assertEqual(set(values), {self.emp_t1, self.emp_t2, self.emp_o1})
        self.assertAlmostEqual(values[self.emp_t1].value, 200 / 3, places=4)
        self.assertEqual(values[self.emp_t2].value, 0.0)
        self.assertEqual(values[self.emp_o1].value, 50.0)
        self.assertEqual(self._drill(values[self.emp_o1]), self.b1 | self.b2 | self.b3 | self.b7)

    def test_repair_time_limit_is_configurable(self):
        self.company.mfg_repair_limit_hours = 48
        values = self._compute("FAULT_REPAIR_TIMELINESS")
        # 48 h: B1 (30 h) is in time too; B3 is still late.
        self.assertEqual(values[self.emp_o1].value, 75.0)

    def test_emergency_repair_timeliness(self):
        values = self._compute("EMERGENCY_REPAIR_TIMELINESS")
        # Priority High: B1 (30 h > 4 h), B3 (open), B7 (3 h): 1 ÷ 3.
        self.assertAlmostEqual(values[self.company].value, 100 / 3, places=4)
        self.assertEqual(values[self.emp_t1].value, 50.0)
        self.assertEqual(values[self.team_b].value, 0.0)
        self.assertEqual(self._drill(values[self.company]), self.b1 | self.b3 | self.b7)

    def test_open_breakdown_within_limit_is_left_out(self):
        # On March 30 at 12:00 B3 is 3 hours old: not counted yet.
        values = self._compute("FAULT_REPAIR_TIMELINESS", now="2026-03-30 12:00:00")
        self.assertEqual(values[self.emp_t1].denominator, 3)
        self.assertNotIn(self.emp_t2, values)

    def test_maintenance_cost(self):
        values = self._compute("MAINTENANCE_COST")
        # Done in March: B1 500 + B2 100 + B4 200 + B7 50 + P1, P2, P3, P5 0 + Q3 80 = 930;
        # plant 2's 999 does not count.
        self.assertEqual(values[self.company].value, 930.0)
        self.assertEqual(values[self.emp_t1].value, 850.0)
        self.assertEqual(values[self.emp_t2].value, 80.0)
        self.assertEqual(values[self.team_a].value, 850.0)

    def test_cost_per_output(self):
        # No output entered for March: no value.
        self.assertEqual(self._compute("MAINTENANCE_COST_PER_OUTPUT"), {})
        output_kpi = self.env.ref("mfg_kpi_maintenance.kpi_maintenance_output_quantity")
        self.env["mfg.kpi.value"].create(
            {
                "kpi_id": output_kpi.id,
                "period_id": self.march.id,
                "subject_type": "company",
                "value": 1000,
            }
        )
        values = self._compute("MAINTENANCE_COST_PER_OUTPUT")
        # 930 ÷ 1000 units; T1's machines 850 ÷ 1000.
        self.assertAlmostEqual(values[self.company].value, 0.93)
        self.assertEqual(values[self.company].denominator, 1000)
        self.assertAlmostEqual(values[self.emp_t1].value, 0.85)

    def test_file_archiving_rate(self):
        values = self._compute("EQUIPMENT_FILE_ARCHIVING_RATE")
        # Done in March: B1, B2, B4, B7, P1, P2, P3, P5, Q3 (9). Record complete within 2 days
        # of the repair: B1, B4, P1, Q3 (B2 has no cause, B7 was written 3 days later, P2, P3,
        # P5 have none). T1 3 ÷ 8, T2 1 ÷ 1, O1 4 ÷ 9.
        self.assertEqual(values[self.emp_t1].value, 37.5)
        self.assertEqual(values[self.emp_t2].value, 100.0)
        self.assertAlmostEqual(values[self.emp_o1].value, 400 / 9, places=4)

    def test_record_accuracy(self):
        values = self._compute("REPAIR_RECORD_ACCURACY")
        # Complete and not found inaccurate: B1, B7, P1, Q3 (B4 was found wrong).
        self.assertEqual(values[self.emp_t1].value, 37.5)
        self.assertAlmostEqual(values[self.emp_o1].value, 400 / 9, places=4)

    def test_technician_flow_and_access(self):
        request = self._request(self.m1, "2026-04-02 08:00")
        self.assertEqual(request.user_id, self.user_t1)
        self.assertEqual(request.create_uid, self.user_t1)
        with freeze_time("2026-04-02 09:30"):
            request.with_user(self.user_t1).write(
                {
                    "mfg_failure_cause": "Jammed",
                    "mfg_work_done": "Cleared",
                    "mfg_cost": 12,
                    "stage_id": self.stage_done.id,
                }
            )
        self.assertEqual(str(request.mfg_done_at), "2026-04-02 09:30:00")
        self.assertTrue(request.mfg_record_complete)
        # Only the equipment manager judges a record inaccurate.
        with self.assertRaises(AccessError):
            request.with_user(self.user_t1).write({"mfg_record_error": True})
        request.with_user(self.user_manager).write({"mfg_record_error": True})
        # Reopening clears the done time; done again takes the new time.
        with freeze_time("2026-04-03 08:00"):
            request.with_user(self.user_t1).write({"stage_id": self.stage_progress.id})
        self.assertFalse(request.mfg_done_at)
        with freeze_time("2026-04-03 10:00"):
            request.with_user(self.user_t1).write({"stage_id": self.stage_done.id})
        self.assertEqual(str(request.mfg_done_at), "2026-04-03 10:00:00")
