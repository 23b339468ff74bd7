# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date, datetime, timedelta

from odoo.fields import Command
from odoo.tests import new_test_user
from odoo.tests.common import TransactionCase

MARCH_1 = date(2026, 3, 1)  # a Sunday
HIRED = date(2025, 1, 1)
SHANGHAI = timedelta(hours=8)  # UTC+8, no daylight saving time


def local(day, hour, minute=0):
    """Naive UTC datetime of ``hour:minute`` in Shanghai on ``day`` (a date)."""
    return (
        datetime.combine(day, datetime.min.time())
        + timedelta(hours=hour, minutes=minute)
        - (SHANGHAI)
    )


class HrKpiCase(TransactionCase):
    """Two workshops of a plant in Shanghai working 08:00-12:00 and 13:00-17:00, Monday to Friday.

    - ``emp_a``, ``emp_b``, ``emp_c`` (workshop 1, day shift), ``emp_flex`` (flexible hours);
    - ``emp_other`` works for ``company_2``;
    - the late/early tolerance of the company is 10 minutes;
    - ``user_leave_manager`` approves time off; ``user_employee`` is a plain employee.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(
            context=dict(
                cls.env.context,
                tracking_disable=True,
                mail_create_nolog=True,
                no_reset_password=True,
            )
        )
        cls.company = cls.env.company
        cls.company.mfg_late_tolerance_minutes = 10
        cls.company_2 = cls.env["res.company"].create({"name": "HR KPI Plant 2"})
        cls.calendar = cls.env["resource.calendar"].create(
            {
                "name": "Day shift (Shanghai)",
                "company_id": cls.company.id,
                "tz": "Asia/Shanghai",
                "hours_per_day": 8,
                "attendance_ids": [Command.clear()]
                + [
                    Command.create(
                        {
                            "name": f"Day {day} {period}",
                            "dayofweek": str(day),
                            "hour_from": hour_from,
                            "hour_to": hour_to,
                            "day_period": period,
                        }
                    )
                    for day in range(5)
                    for hour_from, hour_to, period in ((8, 12, "morning"), (13, 17, "afternoon"))
                ],
            }
        )
        cls.calendar_flex = cls.env["resource.calendar"].create(
            {
                "name": "Flexible 40 hours",
                "company_id": cls.company.id,
                "tz": "Asia/Shanghai",
                "flexible_hours": True,
                "hours_per_day": 8,
                "full_time_required_hours": 40,
            }
        )
        cls.calendar_2 = cls.calendar.copy({"company_id": cls.company_2.id})
        cls.department_1 = cls.env["hr.department"].create(
            {"name": "Workshop 1", "company_id": cls.company.id}
        )
        cls.department_2 = cls.env["hr.department"].create(
            {"name": "Workshop 2", "company_id": cls.company.id}
        )
        cls.user_leave_manager = new_test_user(
            cls.env,
            "hr_kpi_leave_manager",
            groups="base.group_user,hr_holidays.group_hr_holidays_manager,hr.group_hr_manager",
            company_id=cls.company.id,
            company_ids=[Command.set((cls.company | cls.company_2).ids)],
        )
        cls.user_employee = new_test_user(cls.env, "hr_kpi_employee", groups="base.group_user")
        cls.emp_a = cls._employee("Operator A", user=cls.user_employee)
        cls.emp_b = cls._employee("Operator B")
        cls.emp_c = cls._employee("Operator C")
        cls.emp_flex = cls._employee("Flexible D", calendar=cls.calendar_flex)
        cls.emp_other = cls._employee(
            "Operator of plant 2", company=cls.company_2, calendar=cls.calendar_2
        )
        cls.leave_type = cls.env["hr.leave.type"].create(
            {
                "name": "Personal leave (HR KPI test)",
                "requires_allocation": False,
                "request_unit": "half_day",
                "leave_validation_type": "hr",
                "company_id": False,
            }
        )
        cls.period = cls.env["mfg.kpi.period"]._get_or_create("month", MARCH_1, cls.company)
        cls.april = cls.env["mfg.kpi.period"]._get_or_create("month", date(2026, 4, 1), cls.company)

    @classmethod
    def _employee(cls, name, company=None, calendar=None, user=None, **vals):
        company = company or cls.company
        return cls.env["hr.employee"].create(
            {
                "name": name,
                "company_id": company.id,
                "resource_calendar_id": (calendar or cls.calendar).id,
                "tz": "Asia/Shanghai",
                "department_id": vals.pop("department_id", False)
                or (cls.department_1.id if company == cls.company else False),
                "date_version": HIRED,
                "contract_date_start": HIRED,
                "user_id": user.id if user else False,
                **vals,
            }
        )

    @classmethod
    def _attend(cls, employee, day, start, end=None):
        """An attendance of ``employee`` on ``day`` from ``start`` to ``end`` ((hour, minute))."""
        return cls.env["hr.attendance"].create(
            {
                "employee_id": employee.id,
                "check_in": local(day, *start),
                "check_out": local(day, *end) if end else False,
            }
        )

    @classmethod
    def _leave(cls, employee, date_from, date_to, approve=True, **vals):
        """A time off request made and decided through the approval flow of the leave manager."""
        leave = (
            cls.env["hr.leave"]
            .with_user(cls.user_leave_manager)
            .with_company(employee.company_id)
            .create(
                {
                    "name": "Personal matters",
                    "employee_id": employee.id,
                    "holiday_status_id": cls.leave_type.id,
                    "request_date_from": date_from,
                    "request_date_to": date_to,
                    **vals,
                }
            )
        )
        if approve:
            leave.action_approve()
        else:
            leave.action_refuse()
        return leave.sudo()

    def _compute(self, code, period=None):
        period = period or self.period
        kpi = self.env["mfg.kpi"].search([("code", "=", code)])
        self.assertTrue(kpi, f"KPI {code} exists")
        self.env["mfg.kpi.provider"]._compute_kpi(kpi, period)
        values = self.env["mfg.kpi.value"].search(
            [("kpi_id", "=", kpi.id), ("period_id", "=", period.id)]
        )
        return {value._subject_record(): value for value in values}

    def _drill(self, value):
        return (
            self.env[value.drill_model].with_context(active_test=True).search(value._drill_domain())
        )
