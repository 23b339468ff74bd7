# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from .common import NOW, MaintenanceKpiCase

CODES = [
    "EQUIPMENT_INTACT_RATE",
    "EQUIPMENT_BREAKDOWN_RATE",
    "EQUIPMENT_FAILURE_RATE",
    "MAINTENANCE_PLAN_COVERAGE_RATE",
    "MAINTENANCE_PLAN_COMPLETION_RATE",
    "MAINTENANCE_COVERAGE_RATE",
    "FAULT_REPAIR_TIMELINESS",
    "EMERGENCY_REPAIR_TIMELINESS",
    "EQUIPMENT_CHECK_COUNT",
    "MAINTENANCE_COST",
    "MAINTENANCE_COST_PER_OUTPUT",
    "EQUIPMENT_FILE_ARCHIVING_RATE",
    "REPAIR_RECORD_ACCURACY",
    "INSPECTION_TOOL_INTACT_RATE",
    "EQUIPMENT_LEDGER_ACCURACY",
]


@tagged("post_install", "-at_install")
class TestQueryCount(MaintenanceKpiCase):
    """Each provider runs a number of queries that does not grow with the data."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        output_kpi = cls.env.ref("mfg_kpi_maintenance.kpi_maintenance_output_quantity")
        cls.env["mfg.kpi.value"].create(
            {
                "kpi_id": output_kpi.id,
                "period_id": cls.march.id,
                "subject_type": "company",
                "value": 10,
            }
        )
        cls.vendor = cls.env["res.partner"].create({"name": "Gauge Works"})
        cls.gauges = cls.env["maintenance.equipment.category"].create(
            {"name": "Gauges", "mfg_inspection_tool": True}
        )

    def _add_data(self, count):
        users = [self.user_t1, self.user_t2, self.user_o1]
        for index in range(count):
            machine = self.env["maintenance.equipment"].create(
                {
                    "name": f"Machine {count}-{index}",
                    "company_id": self.company.id,
                    "effective_date": date(2025, 1, 1),
                    "technician_user_id": users[index % 3].id,
                    "mfg_admin_user_id": users[(index + 1) % 3].id,
                    "maintenance_team_id": self.team_a.id,
                    "category_id": self.gauges.id,
                    "model": "G-1",
                    "serial_no": f"G-{count}-{index}",
                    "partner_id": self.vendor.id,
                }
            )
            self.env["maintenance.plan"].create(
                {"equipment_id": machine.id, "interval": 1, "interval_step": "month"}
            )
            breakdown = self._request(machine, "2026-03-10 08:00", priority="3")
            self._move(breakdown, self.stage_done, "2026-03-10 10:00", mfg_work_done="Fixed")
            preventive = self._request(
                machine,
                "2026-03-01 08:00",
                maintenance_type="preventive",
                schedule_date="2026-03-12 08:00:00",
            )
            self._move(preventive, self.stage_done, "2026-03-12 09:00", mfg_cost=5)

    def test_query_count_is_flat(self):
        self._add_data(3)
        with freeze_time(NOW):
            self.assertQueriesFlat(CODES, self.march, lambda: self._add_data(15))
