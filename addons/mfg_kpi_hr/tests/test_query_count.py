# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from odoo.addons.mfg_kpi.tests.common import ProviderCase
from odoo.tests import tagged

from .common import HrKpiCase


@tagged("post_install", "-at_install")
class TestQueryCount(HrKpiCase, ProviderCase):
    """Each provider runs a number of queries that does not grow with the data."""

    def _add_data(self, count):
        employees = self.env["hr.employee"]
        for index in range(count):
            employee = self._employee(f"Volume {count}-{index}", mfg_is_key_staff=True)
            employees |= employee
            self._attend(employee, date(2026, 3, 3), (8, 20), (16, 0))
            self._attend(employee, date(2026, 3, 4), (8, 0), (17, 0))
        for employee in employees:
            self._leave(employee, date(2026, 3, 10), date(2026, 3, 10))

    def test_query_count_is_flat(self):
        codes = [
            "LATE_EARLY_COUNT",
            "LEAVE_REQUEST_COUNT",
            "LEAVE_DAYS",
            "KEY_STAFF_TURNOVER_RATE",
            "ATTENDANCE_DAYS",
            "ATTENDANCE_HOURS",
        ]
        self._add_data(2)
        self.assertQueriesFlat(codes, self.period, lambda: self._add_data(12))
