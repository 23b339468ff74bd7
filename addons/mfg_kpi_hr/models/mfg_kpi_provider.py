# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""KPI providers fed by attendances, approved time off and key staff departures."""

from odoo import api, fields, models
from odoo.addons.mfg_kpi.models.mfg_kpi_provider import Provider
from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__)
LATE_EARLY_CODE = "LATE_EARLY_COUNT"
LEAVE_COUNT_CODE = "LEAVE_REQUEST_COUNT"
LEAVE_DAYS_CODE = "LEAVE_DAYS"
KEY_STAFF_TURNOVER_CODE = "KEY_STAFF_TURNOVER_RATE"
ATTENDANCE_DAYS_CODE = "ATTENDANCE_DAYS"
ATTENDANCE_HOURS_CODE = "ATTENDANCE_HOURS"
SCHEDULES = _lt("Attendances against working schedules")
LEAVE = _lt("Approved time off")
ATTENDANCES = _lt("Attendances")


class MfgKpiProvider(models.AbstractModel):
    _inherit = "mfg.kpi.provider"
    _mfg_providers = {
        LATE_EARLY_CODE: Provider(SCHEDULES, "_provide_hr_late_early"),
        LEAVE_COUNT_CODE: Provider(LEAVE, "_provide_hr_leave", "count"),
        LEAVE_DAYS_CODE: Provider(LEAVE, "_provide_hr_leave", "days"),
        KEY_STAFF_TURNOVER_CODE: Provider(
            _lt("Key staff departures"), "_provide_hr_key_staff_turnover"
        ),
        ATTENDANCE_DAYS_CODE: Provider(ATTENDANCES, "_provide_hr_attendance", "days"),
        ATTENDANCE_HOURS_CODE: Provider(ATTENDANCES, "_provide_hr_attendance", "hours"),
    }

    # ------------------------------------------------------------------
    # Attendance
    # ------------------------------------------------------------------
    @api.model
    def _provide_hr_late_early(self, kpi, period):
        """Per employee: late arrivals + early departures on the scheduled days attended.

        See ``hr.employee._mfg_late_early``. An employee who attended no scheduled day of the
        period gets no value; one who always came on time gets 0. The denominator is the
        number of scheduled days attended.
        """
        stats = self.env["hr.employee"]._mfg_late_early(
            period.date_start, period.date_end, period.company_id
        )
        tally = self._tally()
        for employee_id, data in stats.items():
            counted = data["late"] + data["early"]
            tally.add([("employee", employee_id)], len(counted), data["days"], counted)
        return self._tally_measures(kpi, tally, "hr.attendance", kind="sum")

    @api.model
    def _provide_hr_attendance(self, kpi, period):
        """Per employee, the attendances checked in during the period (one query):

        - days: days with at least one attendance;
        - hours: their worked hours (the denominator is the days).
        """
        groups = self.env["hr.attendance"]._read_group(
            [
                ("employee_id.company_id", "=", period.company_id.id),
                ("date", ">=", fields.Date.to_string(period.date_start)),
                ("date", "<=", fields.Date.to_string(period.date_end)),
            ],
            ["employee_id", "date:day"],
            ["worked_hours:sum", "id:array_agg"],
        )
        hours = self._variant(kpi) == "hours"
        tally = self._tally()
        for employee, _day, worked, ids in groups:
            subject = [("employee", employee.id)]
            if hours:
                tally.add(subject, worked or 0.0, 1.0, ids)
            else:
                tally.add(subject, 1.0, 0.0, ids)
        return self._tally_measures(kpi, tally, "hr.attendance", kind="sum")

    # ------------------------------------------------------------------
    # Leave
    # ------------------------------------------------------------------
    @api.model
    def _provide_hr_leave(self, kpi, period):
        """Per employee, approved time off (``hr.employee._mfg_leave_stats``):

        - count: requests overlapping the period;
        - days: days falling in the period (pro rata at the bounds).

        The drill-down keeps the domain of that rule (``_mfg_leave_domain``): the rule, shared
        with the appraisal exclusions, returns figures only, and its domain selects exactly
        the requests it counted.
        """
        stats = self.env["hr.employee"]._mfg_leave_stats(
            None, period.date_start, period.date_end, company=period.company_id
        )
        base_domain = [
            ("employee_company_id", "=", period.company_id.id),
            *self.env["hr.employee"]._mfg_leave_domain(period.date_start, period.date_end),
        ]
        index = 0 if self._variant(kpi) == "count" else 1
        measures = []
        for employee_id, values in sorted(stats.items()):
            value = round(values[index], 4)
            measures.append(
                {
                    "subject_type": "employee",
                    "employee_id": employee_id,
                    "value": value,
                    "numerator": value,
                    "drill_model": "hr.leave",
                    "drill_domain": [("employee_id", "=", employee_id), *base_domain],
                }
            )
        return measures

    # ------------------------------------------------------------------
    # Key staff turnover
    # ------------------------------------------------------------------
    @api.model
    def _provide_hr_key_staff_turnover(self, kpi, period):
        """Key staff departures ÷ average key staff headcount × 100, per department and company.

        Key staff: employees flagged ``mfg_is_key_staff``. Employed on day D: hired on or before D
        (earliest contract start of their versions, else earliest version date) and not departed
        before D (archived employees with a departure date on or after D still count). Departure:
        an archived employee whose departure date falls in the period. Average headcount:
        (employed on the first day + employed on the last day) ÷ 2. Zero average: no value.
        """
        start, end = period.date_start, period.date_end
        employees = (
            self.env["hr.employee"]
            .with_context(active_test=False)
            .search_fetch(
                [("mfg_is_key_staff", "=", True), ("company_id", "=", period.company_id.id)],
                ["active", "department_id", "departure_date"],
            )
        )
        if not employees:
            return []
        employed = self._employment(employees)

        tally = self._tally()
        for employee in employees:
            subjects = [("company", period.company_id.id)]
            if employee.department_id:
                subjects.append(("department", employee.department_id.id))
            departed = bool(
                not employee.active
                and employee.departure_date
                and start <= employee.departure_date <= end
            )
            # Each employee adds half a head per day employed (first and last day).
            headcount = (employed(employee, start) + employed(employee, end)) / 2.0
            tally.add(subjects, float(departed), headcount, employee.ids if departed else ())
        return self._tally_measures(kpi, tally, "hr.employee", drill_extra=[("active", "=", False)])
