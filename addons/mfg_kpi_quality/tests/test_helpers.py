# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.tests import tagged

from .scenario import QualityScenario


@tagged("post_install", "-at_install")
class TestQualityIssueHelper(QualityScenario):
    def test_quality_issue_counts(self):
        Employee = self.env["hr.employee"]
        employees = self.emp_resp | self.emp_resp2 | self.emp_insp1
        counts = Employee._mfg_quality_issue_counts(employees, date(2026, 3, 1), date(2026, 3, 31))
        # Team leader 1: I8, I13, I14 failed → 3 (excluded from the team appraisal: ≥ 3).
        self.assertEqual(counts, {self.emp_resp.id: 3})
        # Up to March 29 only I8.
        counts = Employee._mfg_quality_issue_counts(employees, date(2026, 3, 1), date(2026, 3, 29))
        self.assertEqual(counts, {self.emp_resp.id: 1})
        self.assertEqual(
            Employee._mfg_quality_issue_counts(Employee, date(2026, 3, 1), date(2026, 3, 31)), {}
        )

    def test_reassigned_issue(self):
        """The inspector may attribute an issue to another employee."""
        self.i14.with_user(self.user_insp2).mfg_employee_id = self.emp_resp2
        self.assertEqual(self.i14.mfg_department_id, self.dep_w2)
        counts = self.env["hr.employee"]._mfg_quality_issue_counts(
            self.emp_resp | self.emp_resp2, date(2026, 3, 1), date(2026, 3, 31)
        )
        self.assertEqual(counts, {self.emp_resp.id: 2, self.emp_resp2.id: 1})

    def test_helper_for_users_without_quality_rights(self):
        counts = (
            self.env["hr.employee"]
            .with_user(self.user_resp)
            ._mfg_quality_issue_counts(self.emp_resp, date(2026, 3, 1), date(2026, 3, 31))
        )
        self.assertEqual(counts, {self.emp_resp.id: 3})
