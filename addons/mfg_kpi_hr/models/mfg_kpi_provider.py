# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import defaultdict

from odoo import api, fields, models

LATE_EARLY_CODE = "LATE_EARLY_COUNT"
LEAVE_COUNT_CODE = "LEAVE_REQUEST_COUNT"
LEAVE_DAYS_CODE = "LEAVE_DAYS"
KEY_STAFF_TURNOVER_CODE = "KEY_STAFF_TURNOVER_RATE"
ATTENDANCE_DAYS_CODE = "ATTENDANCE_DAYS"
ATTENDANCE_HOURS_CODE = "ATTENDANCE_HOURS"


class MfgKpiProvider(models.AbstractModel):
    _inherit = "mfg.kpi.provider"

    @api.model
    def _get_providers(self):
        providers = super()._get_providers()
        attendance = self.env._("Attendances against working schedules")
        leave = self.env._("Approved time off")
        providers.update(
            {
                LATE_EARLY_CODE: {"name": attendance, "method": "_provide_hr_late_early"},
                LEAVE_COUNT_CODE: {"name": leave, "method": "_provide_hr_leave_count"},
                LEAVE_DAYS_CODE: {"name": leave, "method": "_provide_hr_leave_days"},
                KEY_STAFF_TURNOVER_CODE: {
                    "name": self.env._("Key staff departures"),
                    "method": "_provide_hr_key_staff_turnover",
                },
                ATTENDANCE_DAYS_CODE: {
                    "name": self.env._("Attendances"),
                    "method": "_provide_hr_attendance_days",
                },
                ATTENDANCE_HOURS_CODE: {
                    "name": self.env._("Attendances"),
                    "method": "_provide_hr_attendance_hours",
                },
            }
        )
        return providers

    # ------------------------------------------------------------------
    # Attendance
    # ------------------------------------------------------------------
    @api.model
    def _provide_hr_late_early(self, kpi, period):
        """Per employee: late arrivals + early departures on the scheduled days attended.

        See ``hr.employee._mfg_late_early``. An employee who attended no scheduled day of the
        period gets no value; one who always came on time gets 0.
        """
        stats = self.env["hr.employee"]._mfg_late_early(
            period.date_start, period.date_end, period.company_id
        )
        measures = []
        for employee_id, data in sorted(stats.items()):
            counted = data["late"] + data["early"]
            measures.append(
                {
                    "subject_type": "employee",
                    "employee_id": employee_id,
                    "value": len(counted),
                    "numerator": len(counted),
                    "denominator": data["days"],
                    "drill_model": "hr.attendance",
                    "drill_domain": [("id", "in", sorted(set(counted)))],
                }
            )
        return measures

    def _hr_attendance_domain(self, period):
        return [
            ("employee_id.company_id", "=", period.company_id.id),
            ("date", ">=", fields.Date.to_string(period.date_start)),
            ("date", "<=", fields.Date.to_string(period.date_end)),
        ]

    @api.model
    def _hr_attendance_stats(self, period):
        """``{employee: (days attended, worked hours)}`` of the period: one query."""
        groups = self.env["hr.attendance"]._read_group(
            self._hr_attendance_domain(period),
            ["employee_id", "date:day"],
            ["worked_hours:sum"],
        )
        stats = defaultdict(lambda: [0, 0.0])
        for employee, _day, hours in groups:
            stats[employee][0] += 1
            stats[employee][1] += hours or 0.0
        return stats

    @api.model
    def _provide_hr_attendance_days(self, kpi, period):
        """Per employee: days with at least one attendance (check-in) in the period."""
        base_domain = self._hr_attendance_domain(period)
        return [
            {
                "subject_type": "employee",
                "employee_id": employee.id,
                "value": days,
                "numerator": days,
                "drill_model": "hr.attendance",
                "drill_domain": [("employee_id", "=", employee.id), *base_domain],
            }
            for employee, (days, _hours) in sorted(
                self._hr_attendance_stats(period).items(), key=lambda item: item[0].id
            )
        ]

    @api.model
    def _provide_hr_attendance_hours(self, kpi, period):
        """Per employee: worked hours of the attendances checked in during the period."""
        base_domain = self._hr_attendance_domain(period)
        return [
            {
                "subject_type": "employee",
                "employee_id": employee.id,
                "value": round(hours, 4),
                "numerator": round(hours, 4),
                "denominator": days,
                "drill_model": "hr.attendance",
                "drill_domain": [("employee_id", "=", employee.id), *base_domain],
            }
            for employee, (days, hours) in sorted(
                self._hr_attendance_stats(period).items(), key=lambda item: item[0].id
            )
        ]

    # ------------------------------------------------------------------
    # Leave
    # ------------------------------------------------------------------
    @api.model
    def _hr_leave_measures(self, period, index):
        stats = self.env["hr.employee"]._mfg_leave_stats(
            None, period.date_start, period.date_end, company=period.company_id
        )
        base_domain = [
            ("employee_company_id", "=", period.company_id.id),
            *self.env["hr.employee"]._mfg_leave_domain(period.date_start, period.date_end),
        ]
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

    @api.model
    def _provide_hr_leave_count(self, kpi, period):
        """Per employee: approved time off requests overlapping the period."""
        return self._hr_leave_measures(period, 0)

    @api.model
    def _provide_hr_leave_days(self, kpi, period):
        """Per employee: approved time off days falling in the period (pro rata at the bounds)."""
        return self._hr_leave_measures(period, 1)

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
        hired = {
            employee.id: min(filter(None, [contract_start, version_date]))
            for employee, contract_start, version_date in self.env["hr.version"]
            .with_context(active_test=False)
            ._read_group(
                [("employee_id", "in", employees.ids)],
                ["employee_id"],
                ["contract_date_start:min", "date_version:min"],
            )
        }

        def employed(employee, day):
            hire = hired.get(employee.id)
            if not hire or hire > day:
                return False
            if employee.active:
                return True
            return bool(employee.departure_date and employee.departure_date >= day)

        # subject key -> [departed employee ids, headcount at start, headcount at end]
        totals = defaultdict(lambda: [[], 0, 0])
        for employee in employees:
            keys = [("company", period.company_id.id)]
            if employee.department_id:
                keys.append(("department", employee.department_id.id))
            departed = (
                not employee.active
                and employee.departure_date
                and start <= employee.departure_date <= end
            )
            for key in keys:
                if departed:
                    totals[key][0].append(employee.id)
                totals[key][1] += employed(employee, start)
                totals[key][2] += employed(employee, end)
        measures = []
        for (subject_type, subject_id), (departed, at_start, at_end) in sorted(totals.items()):
            average = (at_start + at_end) / 2.0
            if not average:
                continue
            measure = {
                "subject_type": subject_type,
                "value": 100.0 * len(departed) / average,
                "numerator": len(departed),
                "denominator": average,
                "drill_model": "hr.employee",
                "drill_domain": [("active", "=", False), ("id", "in", sorted(departed))],
            }
            if subject_type == "department":
                measure["department_id"] = subject_id
            measures.append(measure)
        return measures
