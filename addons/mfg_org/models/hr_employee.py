# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    @api.model
    def _mfg_in_probation(self, employees, on_date):
        """``{employee_id: bool}``: whether each employee is still in probation on ``on_date``.

        The one probation rule of the suite (the appraisal exclusions use it). The employment
        version in force on that date (the latest ``date_version`` not after it; before the
        employee's first version, that first version, as Odoo's ``hr.employee._get_version``)
        says it: its contract has started by then (or gives no start) and its end of trial
        period (``trial_date_end``, the last day of the probation) is on or after the date.
        The dates are readable by HR managers only: read here as superuser, only the boolean
        leaves this method. One query.
        """
        result = dict.fromkeys(employees.ids, False)
        if not employees:
            return result
        versions = (
            self.env["hr.version"]
            .sudo()
            .search_fetch(
                [("employee_id", "in", employees.ids)],
                ["employee_id", "date_version", "contract_date_start", "trial_date_end"],
                order="employee_id, date_version desc, id desc",
            )
        )
        in_force = {}
        for version in versions:
            employee_id = version.employee_id.id
            # Versions come latest first: keep the first one in force on the date, else the
            # employee's earliest version.
            if employee_id not in in_force or in_force[employee_id].date_version > on_date:
                in_force[employee_id] = version
        for employee_id, version in in_force.items():
            started = not version.contract_date_start or version.contract_date_start <= on_date
            result[employee_id] = bool(
                started and version.trial_date_end and version.trial_date_end >= on_date
            )
        return result
