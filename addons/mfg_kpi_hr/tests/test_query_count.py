# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from odoo.tests import tagged

from .common import HrKpiCase


@tagged("post_install", "-at_install")
class TestQueryCount(HrKpiCase):
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

    def _queries(self, code):
        kpi = self.env["mfg.kpi"].search([("code", "=", code)])
        Provider = self.env["mfg.kpi.provider"]
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        method = getattr(Provider.sudo(), Provider._get_providers()[code]["method"])
        method(kpi, self.period)
        return self.env.cr.sql_log_count - before

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
        for code in codes:
            self._queries(code)  # warm-up
        small = {code: self._queries(code) for code in codes}
        self._add_data(12)
        large = {code: self._queries(code) for code in codes}
        self.assertEqual(small, large)
