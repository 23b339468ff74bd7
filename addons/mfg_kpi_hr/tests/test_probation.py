# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import HrKpiCase


@tagged("post_install", "-at_install")
class TestProbation(HrKpiCase):
    def test_in_probation_reads_the_version_in_force(self):
        Employee = self.env["hr.employee"]
        newcomer = self._employee(
            "Newcomer",
            date_version=date(2026, 2, 1),
            contract_date_start=date(2026, 2, 1),
            trial_date_end=date(2026, 4, 30),
        )
        # A later version (contract renewed after confirmation) has no trial period.
        newcomer.create_version({"date_version": date(2026, 5, 1), "trial_date_end": False})
        employees = newcomer | self.emp_a
        self.assertEqual(
            Employee._mfg_in_probation(employees, date(2026, 3, 31)),
            {newcomer.id: True, self.emp_a.id: False},
        )
        self.assertEqual(
            Employee._mfg_in_probation(employees, date(2026, 4, 30))[newcomer.id], True
        )
        self.assertEqual(
            Employee._mfg_in_probation(employees, date(2026, 5, 31))[newcomer.id], False
        )
        # Before the employee's first version: not in probation (nothing known).
        self.assertFalse(Employee._mfg_in_probation(newcomer, date(2026, 1, 15))[newcomer.id])

    def test_helper_works_for_users_who_cannot_read_trial_dates(self):
        newcomer = self._employee(
            "Newcomer 2", contract_date_start=date(2026, 2, 1), trial_date_end=date(2026, 4, 30)
        )
        Employee = self.env["hr.employee"].with_user(self.user_employee)
        with self.assertRaises(AccessError):
            newcomer.with_user(self.user_employee).read(["trial_date_end"])
        self.assertEqual(
            Employee._mfg_in_probation(newcomer, date(2026, 3, 31)), {newcomer.id: True}
        )
