# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Timeliness of reports and documents delivered on duty checklists; values by hand."""

from datetime import date

from freezegun import freeze_time

from odoo.addons.mfg_kpi.tests.common import ProviderCase
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, tagged

from .common import MARCH_1, DutyCommon

NOW = "2026-04-15 12:00:00"
STATS = "PRODUCTION_STATS_TIMELINESS"  # a team-level library KPI
OWN = "TEST_OWN_MINUTES_TIMELINESS"  # a company's own KPI


@tagged("post_install", "-at_install")
class TestDeliveryKpi(DutyCommon, ProviderCase):
    """The company works in Shanghai time (UTC+8). Operators A and B form team T.

    Daily item "Production statistics" (kind delivery, PRODUCTION_STATS_TIMELINESS, due on
    its day) from Monday March 2nd to Friday March 6th; weekly item "Meeting minutes" (the
    company's own KPI, due one day after the week, i.e. Monday March 9th)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.resource_calendar_id.tz = "Asia/Shanghai"
        cls.team = cls.env["hr.department"].create({"name": "Team T"})
        (cls.emp_a | cls.emp_b).department_id = cls.team
        cls.stats_kpi = cls.env["mfg.kpi"].search([("code", "=", STATS)])
        cls.own_kpi = cls.env["mfg.kpi"].create(
            {
                "code": OWN,
                "name": "Meeting minutes issued on time",
                "unit": "percent",
                "direction": "higher",
                "subject_level": "employee",
            }
        )
        cls.template.line_ids.active = False
        cls.line_stats, cls.line_minutes = cls.env["mfg.duty.template.line"].create(
            [
                {
                    "template_id": cls.template.id,
                    "name": "Production statistics",
                    "frequency": "daily",
                    "kind": "delivery",
                    "delivery_kpi_id": cls.stats_kpi.id,
                },
                {
                    "template_id": cls.template.id,
                    "name": "Meeting minutes",
                    "frequency": "weekly",
                    "kind": "delivery",
                    "delivery_kpi_id": cls.own_kpi.id,
                    "due_days": 1,
                },
            ]
        )
        cls._generate(date(2026, 3, 2), date(2026, 3, 6))
        cls.march = cls.env["mfg.kpi.period"]._get_or_create("month", MARCH_1, cls.company)
        a = cls._daily(cls.emp_a)
        # A: Monday at 17:00 (on time); Tuesday's report on Wednesday 07:00 local (23:00 UTC
        # the day before: late); Wednesday at 23:30 local (on time); Thursday not applicable;
        # Friday never delivered.
        cls._deliver(a[0], "2026-03-02 09:00:00")
        cls._deliver(a[1], "2026-03-03 23:00:00")
        cls._deliver(a[2], "2026-03-04 15:30:00")
        a[3].with_user(cls.user_a).action_mark_na()
        # B: every day at 17:00 local.
        for day, item in enumerate(cls._daily(cls.emp_b), start=2):
            cls._deliver(item, f"2026-03-0{day} 09:00:00")
        # Minutes: A on Monday 9th 18:00 local (on time), B at 01:00 local on the 10th (late).
        cls._deliver(cls._weekly(cls.emp_a), "2026-03-09 10:00:00")
        cls._deliver(cls._weekly(cls.emp_b), "2026-03-09 17:00:00")

    @classmethod
    def _daily(cls, employee):
        return cls.Item.search(
            [("employee_id", "=", employee.id), ("line_id", "=", cls.line_stats.id)]
        ).sorted(lambda i: i.due_date)

    @classmethod
    def _weekly(cls, employee):
        return cls.Item.search(
            [("employee_id", "=", employee.id), ("line_id", "=", cls.line_minutes.id)]
        )

    @classmethod
    def _deliver(cls, item, when):
        """Mark ``item`` done as its employee, then date the answer (the system's field)."""
        item.sudo().write({"result": "done"})
        item.sudo().write({"checked_date": when})

    def _values(self, code, at=NOW):
        with freeze_time(at):
            values = self.compute(code, self.march)
        return {
            value.employee_id or value.department_id or value.subject_type: value
            for value in values
        }

    def assertRate(self, value, num, den):
        self.assertEqual((value.numerator, value.denominator), (num, den))
        self.assertAlmostEqual(value.value, 100.0 * num / den, places=5)

    def test_items_carry_due_day_and_kpi(self):
        a = self._daily(self.emp_a)
        self.assertEqual(a.mapped("due_date"), [date(2026, 3, day) for day in range(2, 7)])
        self.assertEqual(a.delivery_kpi_id, self.stats_kpi)
        self.assertEqual(a.mapped("delivered_on_time"), [True, False, True, False, False])
        self.assertEqual(self._weekly(self.emp_a).due_date, date(2026, 3, 9))

    def test_team_level_kpi_per_employee_team_and_company(self):
        # Due: A Mon, Tue, Wed, Fri (Thursday not applicable) → 2 ÷ 4; B 5 ÷ 5; C and D
        # delivered nothing → 0 ÷ 5 each. Team T: 7 ÷ 9; company 7 ÷ 19.
        values = self._values(STATS)
        self.assertRate(values[self.emp_a], 2, 4)
        self.assertRate(values[self.emp_b], 5, 5)
        self.assertRate(values[self.emp_c], 0, 5)
        self.assertRate(values[self.team], 7, 9)
        self.assertRate(values["company"], 7, 19)
        drilled = self.env["mfg.duty.run.item"].search(values[self.emp_a]._drill_domain())
        a = self._daily(self.emp_a)
        self.assertEqual(drilled, a - a[3])

    def test_deliveries_not_due_yet_are_left_out(self):
        # On Thursday 10:00 local: Thursday's and Friday's reports are not due yet; C owes
        # Monday to Wednesday (0 ÷ 3), A delivered two of them on time (2 ÷ 3).
        values = self._values(STATS, at="2026-03-05 02:00:00")
        self.assertRate(values[self.emp_c], 0, 3)
        self.assertRate(values[self.emp_a], 2, 3)

    def test_company_own_kpi_is_computed_once_linked(self):
        self.assertEqual(self.own_kpi.measurement, "computed")
        # A on time, B late, C and D never: employees only (an employee-level KPI).
        values = self._values(OWN)
        self.assertEqual(set(values), {self.emp_a, self.emp_b, self.emp_c, self.emp_d})
        self.assertRate(values[self.emp_a], 1, 1)
        self.assertRate(values[self.emp_b], 0, 1)
        # Unlinked (the item becomes a plain check), the KPI is entered by hand again.
        self.line_minutes.write({"kind": "check", "delivery_kpi_id": False})
        self.env.invalidate_all()
        self.assertEqual(self.own_kpi.measurement, "manual")

    def test_library_kpis_are_registered(self):
        providers = self.env["mfg.kpi.provider"]._get_providers()
        for code in (
            "PROGRESS_REPORT_TIMELINESS",
            "DISPATCH_MINUTES_TIMELINESS",
            "STATS_REPORT_TIMELINESS",
            "MARKET_REPORT_TIMELINESS",
            "DOCUMENT_TRANSFER_TIMELINESS",
            "PROCESS_ARCHIVING_TIMELINESS",
            "PRODUCTION_STATS_TIMELINESS",
            "STATS_ARCHIVING_TIMELINESS",
            "SAFETY_DOCUMENT_TIMELINESS",
        ):
            self.assertEqual(providers[code]["method"], "_provide_duty_delivery_timeliness", code)

    def test_bad_links_are_refused(self):
        line = {"template_id": self.template.id, "name": "Report", "frequency": "daily"}
        Line = self.env["mfg.duty.template.line"]
        with self.assertRaisesText(ValidationError, "Choose the timeliness KPI"):
            Line.create({**line, "kind": "delivery"})
        count_kpi = self.env["mfg.kpi"].search([("unit", "=", "count")], limit=1)
        with self.assertRaisesText(ValidationError, "must be a percentage"):
            Line.create({**line, "kind": "delivery", "delivery_kpi_id": count_kpi.id})
        completion = self.env.ref("mfg_duty.kpi_duty_checklist_completion")
        with self.assertRaisesText(ValidationError, "is computed from other records"):
            Line.create({**line, "kind": "delivery", "delivery_kpi_id": completion.id})
        with self.assertRaisesText(ValidationError, "Only a delivered report"):
            Line.create({**line, "kind": "check", "delivery_kpi_id": self.own_kpi.id})
        self.assertFalse(Line.search([("name", "=", "Report")]))

    def test_timeliness_cannot_be_written(self):
        item = self._daily(self.emp_c)[0]
        for user in (self.user_manager, self.user_leader):
            for vals in (
                {"delivered_on_time": True},
                {"checked_date": "2026-03-02 01:00:00"},
                {"due_date": "2026-04-30"},
            ):
                with self.assertRaisesText(AccessError, "recorded by the system"):
                    item.with_user(user).write(vals)
        item.invalidate_recordset()
        self.assertFalse(item.delivered_on_time)
        self.assertEqual(item.due_date, date(2026, 3, 2))

    def test_query_count_is_flat(self):
        def grow():
            employees = self.env["hr.employee"].create(
                [
                    {
                        "name": f"Operator {index}",
                        "job_id": self.job_operator.id,
                        "company_id": self.company.id,
                        "department_id": self.env["hr.department"]
                        .create({"name": f"Team {index}"})
                        .id,
                    }
                    for index in range(6)
                ]
            )
            self._generate(date(2026, 3, 9), date(2026, 3, 13))
            for item in self.Item.search(
                [("employee_id", "in", employees.ids), ("line_id", "=", self.line_stats.id)]
            ):
                self._deliver(item, "2026-03-10 01:00:00")

        with freeze_time(NOW):
            self.assertQueriesFlat([STATS, OWN], self.march, grow)


@tagged("post_install", "-at_install")
class TestDeliveryLineForm(DutyCommon):
    def test_template_form_links_a_delivery(self):
        kpi = self.env["mfg.kpi"].search([("code", "=", "PROGRESS_REPORT_TIMELINESS")])
        with Form(self.template.with_user(self.user_manager)) as form:
            with form.line_ids.new() as line:
                line.name = "Progress report"
                line.frequency = "daily"
                line.kind = "delivery"
                line.delivery_kpi_id = kpi
                line.due_days = 1
        line = self.template.line_ids.filtered(lambda ln: ln.name == "Progress report")
        self.assertEqual((line.kind, line.delivery_kpi_id, line.due_days), ("delivery", kpi, 1))
