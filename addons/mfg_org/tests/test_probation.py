# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged

HIRED = date(2025, 1, 1)


@tagged("post_install", "-at_install")
class TestProbation(TransactionCase):
    """The suite's one probation rule (hr.employee._mfg_in_probation), used by the appraisal
    exclusions."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_employee = new_test_user(cls.env, "mfg_org_probation", groups="base.group_user")
        cls.emp_a = cls._employee("Operator A", user_id=cls.user_employee.id)

    @classmethod
    def _employee(cls, name, **vals):
        return cls.env["hr.employee"].create(
            {"name": name, "date_version": HIRED, "contract_date_start": HIRED, **vals}
        )

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

    def test_employee_recorded_after_the_date_without_contract_start(self):
        """An employee recorded in Odoo after the date, whose contract gives no start: the first
        version says it (Odoo's rule for dates before the first version)."""
        late = self.env["hr.employee"].create(
            {"name": "Recorded late", "date_version": date(2026, 6, 1)}
        )
        late.sudo().current_version_id.trial_date_end = date(2026, 3, 1)
        Employee = self.env["hr.employee"]
        self.assertTrue(Employee._mfg_in_probation(late, date(2026, 1, 1))[late.id])
        self.assertFalse(Employee._mfg_in_probation(late, date(2026, 3, 2))[late.id])
