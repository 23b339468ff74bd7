# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import defaultdict
from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models
from odoo.tools import SQL


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    mfg_is_key_staff = fields.Boolean(
        string="Key Staff",
        groups="hr.group_hr_user",
        tracking=True,
        help="Core employee (核心员工): counted by the key staff turnover KPI.",
    )

    # ------------------------------------------------------------------
    # Helpers for the KPI providers (the probation rule is mfg_org's
    # hr.employee._mfg_in_probation)
    # ------------------------------------------------------------------
    @api.model
    def _mfg_leave_stats(self, employees, date_from, date_to, company=None):
        """Validated leave of ``employees`` between ``date_from`` and ``date_to`` (dates, inclusive).

        Returns ``{employee_id: (count, days)}``: the number of approved leave requests that
        overlap the window and the leave days falling in it. A request straddling a bound
        counts once and contributes its days pro rata of the calendar days inside the window.
        Employees without approved leave are absent from the result. One query; aggregates only,
        whatever the caller may read. With ``employees=None``, every employee of ``company``.
        """
        Leave = self.env["hr.leave"]
        Leave.flush_model(
            [
                "employee_id",
                "employee_company_id",
                "state",
                "request_date_from",
                "request_date_to",
                "number_of_days",
            ]
        )
        if employees is not None and not employees:
            return {}
        conditions = [
            SQL("l.state = 'validate'"),
            SQL("l.request_date_from <= %s", date_to),
            SQL("l.request_date_to >= %s", date_from),
        ]
        if employees is not None:
            conditions.append(SQL("l.employee_id = ANY(%s)", list(employees.ids)))
        if company is not None:
            conditions.append(SQL("l.employee_company_id = %s", company.id))
        self.env.cr.execute(
            SQL(
                """SELECT l.employee_id, COUNT(*),
                          SUM(l.number_of_days
                              * (LEAST(l.request_date_to, %(end)s::date)
                                 - GREATEST(l.request_date_from, %(start)s::date) + 1)
                              / (l.request_date_to - l.request_date_from + 1))
                     FROM hr_leave l
                    WHERE %(where)s
                 GROUP BY l.employee_id""",
                start=date_from,
                end=date_to,
                where=SQL(" AND ").join(conditions),
            )
        )
        return {
            employee_id: (count, float(days or 0.0))
            for employee_id, count, days in self.env.cr.fetchall()
        }

    @api.model
    def _mfg_leave_domain(self, date_from, date_to):
        """Domain of the hr.leave records counted by ``_mfg_leave_stats``."""
        return [
            ("state", "=", "validate"),
            ("request_date_from", "<=", fields.Date.to_string(date_to)),
            ("request_date_to", ">=", fields.Date.to_string(date_from)),
        ]

    @api.model
    def _mfg_late_early(self, date_from, date_to, company, employees=None):
        """Late arrivals and early departures against each employee's working schedule.

        For every day from ``date_from`` to ``date_to`` (local dates of the schedule's time zone)
        on which an employee of ``company`` attended and was scheduled to work (working schedule
        attendances minus approved leave and public holidays), the first check-in of the day is
        compared with the scheduled start and the last check-out with the scheduled end; a
        difference beyond the company's tolerance counts once. Days without a schedule
        (weekends, leave) and employees with flexible or no working hours are ignored.

        Returns ``{employee_id: {"days": int, "late": [attendance ids], "early": [ids]}}`` for
        the employees with at least one scheduled day attended. Queries: a fixed number, plus
        a few per distinct working schedule (not per employee).
        """
        domain = [
            ("date", ">=", fields.Date.to_string(date_from)),
            ("date", "<=", fields.Date.to_string(date_to)),
            ("employee_id.company_id", "=", company.id),
        ]
        if employees is not None:
            domain.append(("employee_id", "in", employees.ids))
        attendances = (
            self.env["hr.attendance"]
            .sudo()
            .search_fetch(
                domain, ["employee_id", "check_in", "check_out", "date"], order="check_in, id"
            )
        )
        if not attendances:
            return {}
        tolerance = timedelta(minutes=company.mfg_late_tolerance_minutes or 0)
        by_calendar = defaultdict(lambda: self.env["hr.employee"])
        for employee in attendances.employee_id.with_context(active_test=False):
            calendar = employee.resource_calendar_id
            if calendar and not calendar.flexible_hours:
                by_calendar[calendar] |= employee
        # Bounds wide enough for every time zone; intervals are then taken by local date.
        start_dt = pytz.utc.localize(datetime.combine(date_from - timedelta(days=1), time.min))
        end_dt = pytz.utc.localize(datetime.combine(date_to + timedelta(days=2), time.min))
        schedule = {}  # (employee id, local date) -> [start, end] (aware, schedule's tz)
        zones = {}
        for calendar, calendar_employees in by_calendar.items():
            tz = pytz.timezone(calendar.tz or "UTC")
            # The schedule once for the calendar, minus each employee's leave (one search).
            planned = calendar._attendance_intervals_batch(start_dt, end_dt, tz=tz)[False]
            leaves = calendar._leave_intervals_batch(
                start_dt, end_dt, resources=calendar_employees.resource_id, tz=tz
            )
            for employee in calendar_employees:
                zones[employee.id] = tz
                for start, stop, _attendance in planned - leaves[employee.resource_id.id]:
                    bounds = schedule.setdefault((employee.id, start.date()), [start, stop])
                    bounds[0] = min(bounds[0], start)
                    bounds[1] = max(bounds[1], stop)
        days = {}  # (employee id, local date) -> [first attendance, last attendance]
        for attendance in attendances:
            tz = zones.get(attendance.employee_id.id)
            if not tz:
                continue
            local_day = pytz.utc.localize(attendance.check_in).astimezone(tz).date()
            key = (attendance.employee_id.id, local_day)
            if key not in schedule or not date_from <= local_day <= date_to:
                continue
            day = days.setdefault(key, [attendance, attendance])
            day[1] = attendance
        result = {}
        for (employee_id, _day), (first, last) in days.items():
            start, end = schedule[(employee_id, _day)]
            tz = zones[employee_id]
            stats = result.setdefault(employee_id, {"days": 0, "late": [], "early": []})
            stats["days"] += 1
            if pytz.utc.localize(first.check_in).astimezone(tz) > start + tolerance:
                stats["late"].append(first.id)
            if last.check_out and pytz.utc.localize(last.check_out).astimezone(tz) < (
                end - tolerance
            ):
                stats["early"].append(last.id)
        return result
