# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, models


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    @api.model
    def _mfg_quality_issue_domain(self, date_from, date_to, company=None):
        """Domain of the failed inspections done from ``date_from`` to ``date_to`` (inclusive),
        days in the time zone of the company's working hours."""
        company = company or self.env.company
        Period = self.env["mfg.kpi.period"]
        return [
            ("state", "=", "failed"),
            ("date_done", ">=", Period._day_start_utc(company, date_from)),
            ("date_done", "<", Period._day_start_utc(company, date_to + timedelta(days=1))),
        ]

    @api.model
    def _mfg_quality_issue_counts(self, employees, date_from, date_to, company=None):
        """``{employee_id: count}`` of the failed inspections attributed to ``employees``.

        A quality issue is an inspection that failed (done between ``date_from`` and
        ``date_to``) whose accountable employee is the employee — by default the responsible of
        the manufacturing order inspected. Employees without issue are absent. One query;
        counts only, whatever the caller may read. Feeds the team appraisal exclusion rule
        "3 or more quality issues in the month".
        """
        if not employees:
            return {}
        groups = (
            self.env["qc.inspection"]
            .sudo()
            ._read_group(
                [
                    ("mfg_employee_id", "in", employees.ids),
                    *self._mfg_quality_issue_domain(date_from, date_to, company),
                ],
                ["mfg_employee_id"],
                ["__count"],
            )
        )
        return {employee.id: count for employee, count in groups}
