# Copyright 2026 Production Management Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime, timedelta
from unittest.mock import patch

import pytz

from odoo.tests import tagged
from odoo.tests.common import TransactionCase


@tagged("post_install", "-at_install")
class TestDemoFactory(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.factory = cls.env["mfg.demo.factory"]
        cls.company = cls.env.company
        # Far from UTC, so a private time-zone choice would show.
        cls.company.resource_calendar_id.tz = "Pacific/Kiritimati"

    def test_quarter_in_company_time_zone(self):
        """The loader's clock is the KPI periods' one: the company's time zone."""
        state = self.factory._demo_state(self.company)
        tz = self.env["mfg.kpi.period"]._company_tz(self.company)
        self.assertEqual(str(state["tz"]), "Pacific/Kiritimati")
        self.assertEqual(str(state["tz"]), str(tz))
        today = datetime.now(tz).date()
        self.assertEqual(self.factory._demo_today(self.company), today)
        quarter_start = date(today.year, (today.month - 1) // 3 * 3 + 1, 1)
        self.assertEqual(state["q_end"], quarter_start - timedelta(days=1))
        self.assertEqual(state["q_start"].day, 1)
        self.assertIn(state["q_start"].month, (1, 4, 7, 10))
        self.assertEqual(state["q_start"], self.factory._demo_quarter_start(self.company))
        self.assertTrue(all(day.weekday() < 5 for day in state["days"]))
        self.assertTrue(all(state["q_start"] <= day <= state["q_end"] for day in state["days"]))
        # 08:00 in Kiritimati (UTC+14) is 18:00 UTC the day before.
        day = state["days"][0]
        self.assertEqual(
            self.factory._utc(state, day, 8),
            datetime.combine(day - timedelta(days=1), datetime.min.time()).replace(hour=18),
        )
        self.assertEqual(pytz.utc.localize(self.factory._utc(state, day, 8)).astimezone(tz).hour, 8)

    def test_populate_runs_once(self):
        """Loading the demo data again (install over existing demo records) adds nothing."""
        cls = type(self.factory)
        with (
            patch.object(cls, "_demo_populated", return_value=True),
            patch.object(cls, "_demo_state", side_effect=AssertionError("generated again")),
        ):
            self.assertTrue(self.factory._populate())

    def test_workforce(self):
        job = self.env["hr.job"].create({"name": "Load test operator"})
        workforce = self.factory._demo_workforce(12, workshops=2, teams=4, job=job)
        self.assertEqual(len(workforce["workshops"]), 2)
        self.assertEqual(len(workforce["teams"]), 4)
        self.assertEqual(workforce["teams"].parent_id, workforce["workshops"])
        self.assertEqual(len(workforce["leaders"]), 4)
        self.assertEqual(len(workforce["operators"]), 8)
        self.assertEqual(workforce["operators"].job_id, job)
        for operator in workforce["operators"]:
            self.assertEqual(operator.parent_id.department_id, operator.department_id)
        self.assertFalse(workforce["leaders"].job_id)

    def test_copies_dated_in_period(self):
        """Bulk copies keep their time of day and land on the days of the period."""
        template = self.env["maintenance.request"].create(
            {
                "name": "Template request",
                "request_date": date(2020, 5, 4),
                "schedule_date": datetime(2020, 5, 4, 9, 30),
            }
        )
        new_ids = self.factory._demo_clone(
            "maintenance_request", template.ids, 5, date(2025, 3, 1), 31
        )
        self.assertEqual(len(new_ids), 5)
        copies = self.env["maintenance.request"].browse(new_ids)
        self.assertEqual(set(copies.mapped("name")), {"Template request"})
        for copy in copies:
            self.assertTrue(date(2025, 3, 1) <= copy.request_date <= date(2025, 3, 31))
            self.assertEqual(copy.schedule_date.date(), copy.request_date)
            self.assertEqual((copy.schedule_date.hour, copy.schedule_date.minute), (9, 30))
        self.assertEqual(
            self.factory._demo_clone("maintenance_request", [], 5, date.today(), 1), []
        )

    def test_safety_quarter(self):
        """The safety step dates a quarter of safety work in the factory's own workshops."""
        state = self.factory._demo_state(self.company)
        # On a demo database the quarter is locked already: open it again for this test.
        self.env.cr.execute(
            "UPDATE mfg_kpi_period SET state = 'open' WHERE date_start >= %s AND date_end <= %s",
            [state["q_start"], state["q_end"]],
        )
        self.env.invalidate_all()
        areas = self.env.ref("mfg_demo_factory.safety_area_turning_demo") | self.env.ref(
            "mfg_demo_factory.safety_area_testing_demo"
        )
        # What the demo factory of this database generated already is left out (its values are
        # locked with their quarter: removed in SQL, rolled back with the test).
        output_kpi = self.env.ref("mfg_safety.kpi_safety_output_value")
        self.env.cr.execute(
            """DELETE FROM mfg_kpi_value
                WHERE kpi_id = %s
                  AND period_id IN (SELECT id FROM mfg_kpi_period
                                     WHERE date_start >= %s AND date_end <= %s)""",
            [output_kpi.id, state["q_start"], state["q_end"]],
        )
        self.env.invalidate_all()
        Incident, Hazard = self.env["mfg.safety.incident"], self.env["mfg.safety.hazard"]
        old_incidents = Incident.search([("area_id", "in", areas.ids)])
        old_hazards = Hazard.search([("area_id", "in", areas.ids)])
        factory = self.factory.sudo().with_context(tracking_disable=True)
        factory._demo_safety(state)
        machining = self.env.ref("mfg_demo_factory.dept_workshop_machining_demo")
        assembly = self.env.ref("mfg_demo_factory.dept_workshop_assembly_demo")
        incidents = Incident.search([("area_id", "in", areas.ids)]) - old_incidents
        quality = incidents.filtered(lambda i: i.kind == "quality")
        incidents -= quality
        # Two quality accidents, one in each workshop, one closed in time and one late.
        self.assertEqual(quality.mfg_department_id, machining | assembly)
        self.assertEqual(sum(quality.mapped("total_loss")), 20800)
        self.assertEqual(sorted(quality.mapped("handled_on_time")), [False, True])
        self.assertEqual(len(incidents), 2)
        # One accident in each workshop: the directors' "safety accidents" lines have data.
        self.assertEqual(incidents.mfg_department_id, machining | assembly)
        self.assertEqual(sum(incidents.mapped("total_loss")), 14500)
        start = datetime.combine(state["q_start"], datetime.min.time()) - timedelta(days=1)
        end = datetime.combine(state["q_end"], datetime.max.time()) + timedelta(days=1)
        self.assertTrue(all(start <= i.date <= end for i in incidents))
        inspections = self.env["mfg.safety.inspection"].search([("area_id", "in", areas.ids)])
        done = inspections.filtered(lambda i: i.state == "done")
        self.assertTrue(inspections)
        self.assertTrue(0 < len(done) < len(inspections))
        hazards = Hazard.search([("area_id", "in", areas.ids)]) - old_hazards
        self.assertEqual(
            sorted(hazards.mapped("state")), ["assigned", "rectified", "reported", "verified"]
        )
        self.assertTrue(hazards.filtered("is_overdue"))
        self.assertTrue(
            self.env["mfg.safety.unsafe.act"].search([("incident_id", "in", incidents.ids)])
        )
        # The loss rate's denominator, for the quarter and its months.
        output = self.env["mfg.kpi.value"].search(
            [
                ("kpi_id", "=", output_kpi.id),
                ("period_id.date_start", ">=", state["q_start"]),
                ("period_id.date_end", "<=", state["q_end"]),
                ("subject_type", "=", "company"),
            ]
        )
        self.assertEqual(
            sorted(output.mapped(lambda v: (v.period_id.kind, v.value))),
            [("month", 500000)] * 3 + [("quarter", 1500000)],
        )

    def test_training_quarter(self):
        """The training demo goes to the machining workshop's people."""
        plan = self.env.ref("mfg_training.mfg_training_plan_quarter_demo", raise_if_not_found=False)
        if not plan:
            self.fail("mfg_training's demo data is expected with the demo factory")
        state = self.factory._demo_state(self.company)
        self.factory.sudo().with_context(tracking_disable=True)._demo_training(state)
        machining = self.env.ref("mfg_demo_factory.dept_workshop_machining_demo")
        officer = self.env.ref("mfg_demo_factory.user_safety_demo")
        self.assertEqual(plan.department_id, machining)
        self.assertEqual(plan.session_ids.user_id, officer)
        self.assertEqual(plan.session_ids.department_id, machining)
        attendees = plan.session_ids.course_attendee_ids
        self.assertTrue(attendees)
        workshop = self.env["hr.employee"].search([("department_id", "child_of", machining.id)])
        self.assertLessEqual(plan.session_ids.attendant_ids, workshop)
        self.assertLessEqual(attendees.employee_id, workshop)
        self.assertLessEqual(attendees.department_id, workshop.department_id)

    def test_survey_quarter(self):
        """Every satisfaction rule is launched for the demo quarter, answered and closed."""
        if "mfg.kpi.survey.campaign" not in self.env:
            self.fail("mfg_kpi_survey is expected with the demo factory")
        state = self.factory._demo_state(self.company)
        Campaign = self.env["mfg.kpi.survey.campaign"]
        # On a demo database the quarter is locked and surveyed already: open it again and
        # leave out its campaigns (in SQL, rolled back with the test).
        self.env.cr.execute(
            "UPDATE mfg_kpi_period SET state = 'open' WHERE date_start >= %s AND date_end <= %s",
            [state["q_start"], state["q_end"]],
        )
        self.env.cr.execute("DELETE FROM mfg_kpi_survey_campaign")
        self.env.invalidate_all()
        self.factory.sudo().with_context(tracking_disable=True)._demo_surveys(state)
        campaigns = Campaign.search([("company_id", "=", self.company.id)])
        rules = self.env["mfg.kpi.survey.rule"].search([("company_id", "=", self.company.id)])
        self.assertEqual(campaigns.rule_id, rules)
        self.assertEqual(set(campaigns.mapped("state")), {"closed"})
        self.assertTrue(all(c.period_id.date_start == state["q_start"] for c in campaigns))
        for campaign in campaigns:
            self.assertGreaterEqual(campaign.response_count, campaign.min_responses, campaign.name)

    def test_worked_hours_like_odoo(self):
        """The worked hours of the quarter's attendances, their lunch breaks read once per
        employee, are hr.attendance's own (``_get_worked_hours_in_range``, one attendance at a
        time): for two operators' quarter, and for one whose contract ends in the middle of
        it (the days after: no contract, Odoo reads that day's breaks alone)."""
        Attendance = self.env["hr.attendance"]
        ending = self.env.ref("mfg_demo_factory.employee_milling_2_demo")
        employees = ending | self.env.ref("mfg_demo_factory.employee_turning_1_demo")
        employees |= self.env.ref("mfg_demo_factory.employee_assembly_2_demo")
        attendances = Attendance.search(
            [("employee_id", "in", employees.ids), ("check_out", "!=", False)], order="id"
        )
        ended = attendances.filtered(lambda a: a.employee_id == ending).sorted("check_in")
        self.assertGreater(len(ended), 20)
        ending.version_id.contract_date_end = ended[len(ended) // 2].check_in.date()
        self.assertEqual(len(set(attendances.employee_id)), 3)
        rows = self.factory._demo_worked_hours(
            [
                {"employee_id": a.employee_id.id, "check_in": a.check_in, "check_out": a.check_out}
                for a in attendances
            ]
        )
        for attendance, row in zip(attendances, rows, strict=True):
            self.assertGreater(row["worked_hours"], 0)
            self.assertEqual(
                row["worked_hours"],
                attendance._get_worked_hours_in_range(attendance.check_in, attendance.check_out),
                attendance.check_in,
            )

    def test_insert_computes_like_create(self):
        """Attendances inserted in one statement (the quarter's attendances) get what a create
        gives: their day, worked hours and overtime, the default modes."""
        Attendance = self.env["hr.attendance"]
        # Two operators of the demo factory (their overtime rules), on the first working day
        # after the demo quarter: no attendance of theirs yet.
        created_for = self.env.ref("mfg_demo_factory.employee_turning_3_demo")
        inserted_for = self.env.ref("mfg_demo_factory.employee_turning_4_demo")
        day = self.factory._demo_state(self.company)["q_end"] + timedelta(days=1)
        while day.weekday() >= 5:
            day += timedelta(days=1)

        def vals(employee):
            # A long day: overtime.
            return {
                "employee_id": employee.id,
                "check_in": datetime.combine(day, datetime.min.time()).replace(hour=1),
                "check_out": datetime.combine(day, datetime.min.time()).replace(hour=13),
            }

        created = Attendance.create(vals(created_for))
        inserted = self.factory._demo_insert(
            "hr.attendance", self.factory._demo_worked_hours([vals(inserted_for)])
        )
        inserted._update_overtime()
        self.env.flush_all()
        self.env.invalidate_all()
        self.assertEqual(len(inserted), 1)
        for name in ("date", "worked_hours", "overtime_hours", "in_mode", "out_mode"):
            self.assertEqual(inserted[name], created[name], name)
        self.assertGreater(inserted.worked_hours, 8)
        self.assertGreater(inserted.overtime_hours, 0)
        self.assertAlmostEqual(
            inserted.expected_hours, inserted.worked_hours - inserted.overtime_hours
        )
        self.assertEqual(inserted.create_uid, self.env.user)
        self.assertTrue(inserted.linked_overtime_ids)
