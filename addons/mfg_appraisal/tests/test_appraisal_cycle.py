import json
import re
from collections import Counter
from datetime import date
from unittest.mock import patch

from odoo.exceptions import UserError, ValidationError
from odoo.sql_db import Cursor
from odoo.tests import tagged

from .common import AppraisalCase


@tagged("post_install", "-at_install")
class TestCycleLaunch(AppraisalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["tier.definition"].search([("model", "=", "mfg.appraisal")]).active = False

    def test_seed_schedules(self):
        annual = self._cycle()
        self.assertEqual(
            (
                annual.date_launch,
                annual.date_indicators_fixed,
                annual.date_publication_deadline,
            ),
            (date(2026, 1, 4), date(2026, 1, 6), date(2026, 1, 15)),
        )
        h2 = self._cycle("semi_annual", date_start=date(2025, 7, 1), date_end=date(2025, 12, 31))
        self.assertEqual(h2.date_launch, date(2026, 1, 1), "first half of January")
        self.assertLessEqual(h2.date_publication_deadline, date(2026, 1, 15))

    def test_exclusions_are_recorded_with_reasons(self):
        self.template.team_exclusions = True  # 班组人员 第2条: team-member sheets
        # A probation that ends after the period: excluded, with a visible reason.
        self.peer.sudo().current_version_id.trial_date_end = date(2026, 3, 1)
        cycle = self._cycle()
        self.env["mfg.appraisal.exclusion"].with_user(self.user_hr).create(
            {
                "cycle_id": cycle.id,
                "employee_id": self.emp.id,
                "reason": "unsafe",
                "note": "No helmet",
            }
        )
        with self.assertRaisesRegex(UserError, "Nobody is left to appraise"), self.cr.savepoint():
            cycle.with_user(self.user_hr).action_launch()
        self.assertEqual(cycle.state, "draft")
        self.peer.sudo().current_version_id.trial_date_end = date(2025, 3, 1)
        cycle.with_user(self.user_hr).action_launch()
        self.assertEqual(cycle.appraisal_ids.employee_id, self.peer)
        self.assertEqual(cycle.exclusion_ids.mapped("reason"), ["unsafe"])

    def test_probation_exclusion_computed(self):
        self.template.team_exclusions = True  # 班组人员 第2条: team-member sheets
        self.peer.sudo().current_version_id.trial_date_end = date(2026, 3, 1)
        cycle = self._cycle()
        cycle.with_user(self.user_hr).action_launch()
        self.assertEqual(cycle.appraisal_ids.employee_id, self.emp)
        exclusion = cycle.exclusion_ids
        self.assertEqual(
            (exclusion.employee_id, exclusion.reason, exclusion.source),
            (self.peer, "probation", "computed"),
        )

    def test_exclusions_from_monthly_kpi_values(self):
        self.template.team_exclusions = True  # 班组人员 第2条: team-member sheets
        kpi = self.env["mfg.kpi"].search([("code", "=", "LEAVE_REQUEST_COUNT")]) or self.env[
            "mfg.kpi"
        ].create(
            {
                "code": "LEAVE_REQUEST_COUNT",
                "name": "Leave requests",
                "unit": "count",
                "direction": "lower",
            }
        )
        period = self.env["mfg.kpi.period"]._get_or_create("month", date(2025, 5, 1))
        self.env["mfg.kpi.value"].create(
            [
                {"kpi_id": kpi.id, "period_id": period.id, "employee_id": self.emp.id, "value": 3},
                {"kpi_id": kpi.id, "period_id": period.id, "employee_id": self.peer.id, "value": 2},
            ]
        )
        cycle = self._cycle()
        cycle.with_user(self.user_hr).action_launch()
        self.assertEqual(cycle.appraisal_ids.employee_id, self.peer, "2 leaves stay in")
        self.assertEqual(cycle.exclusion_ids.reason, "leave")
        self.assertIn(period.name, cycle.exclusion_ids.note)

    def test_exclusions_apply_to_team_member_sheets_only(self):
        """班组人员绩效考核制度 第2条 lists who is left out of the *team-member* appraisal
        (probation, 3 or more leaves in a month, …). The workshop-staff system (车间人员绩效考核
        制度) has no such article: a workshop sheet appraises everyone in scope."""
        self.assertFalse(self.template.team_exclusions)
        self.peer.sudo().current_version_id.trial_date_end = date(2026, 3, 1)
        kpi = self.env["mfg.kpi"].search([("code", "=", "LEAVE_DAYS")]) or self.env[
            "mfg.kpi"
        ].create({"code": "LEAVE_DAYS", "name": "Leave days", "unit": "count"})
        period = self.env["mfg.kpi.period"]._get_or_create("month", date(2025, 5, 1))
        self.env["mfg.kpi.value"].create(
            {"kpi_id": kpi.id, "period_id": period.id, "employee_id": self.emp.id, "value": 3}
        )
        cycle = self._cycle()
        cycle.with_user(self.user_hr).action_launch()
        self.assertEqual(cycle.appraisal_ids.employee_id, self.emp | self.peer)
        self.assertFalse(cycle.exclusion_ids)

    def test_superior_without_login_never_leaves_the_appraiser_silently_empty(self):
        # The director has no login: the boss, one level up, is proposed, and the sheet says why.
        self.director.sudo().user_id = False
        cycle = self._cycle()
        cycle.with_user(self.user_hr).action_launch()
        appraisal = self._appraisal(cycle)
        self.assertEqual(appraisal.appraiser_id, self.user_boss)
        self.assertIn("has no login", appraisal.appraiser_note)
        # HR assigns another one before rating; the superior's rater entry follows.
        appraisal.with_user(self.user_hr).appraiser_id = self.user_other
        rater = appraisal.sudo().rater_ids.filtered(lambda r: r.role == "superior")
        self.assertEqual(rater.user_id, self.user_other)
        self.assertEqual(len(rater.rating_ids), 10)
        # Nobody above with a login either: the launch refuses, naming both appraisees, and
        # creates nothing.
        self.boss.sudo().user_id = False
        cycle = self._cycle(
            name="No appraiser", date_start=date(2024, 1, 1), date_end=date(2024, 12, 31)
        )
        with self.assertRaisesRegex(
            UserError, r"No appraiser \(no superior with a login.*\): Equipment Admin, Peer Admin\."
        ):
            cycle.with_user(self.user_hr).action_launch()
        cycle.invalidate_recordset()
        self.assertEqual(cycle.state, "draft")
        self.assertFalse(cycle.appraisal_ids)

    def test_indirect_superior_when_the_manager_is_new(self):
        # The director took over the employee recently (the chatter logged the change of
        # manager): the boss, the indirect superior, appraises.
        field = self.env["ir.model.fields"]._get("hr.employee", "parent_id")
        self.env["mail.message"].sudo().create(
            {
                "model": "hr.employee",
                "res_id": self.emp.id,
                "message_type": "notification",
                "tracking_value_ids": [
                    (
                        0,
                        0,
                        {
                            "field_id": field.id,
                            "old_value_integer": self.boss.id,
                            "new_value_integer": self.director.id,
                        },
                    )
                ],
            }
        )
        cycle = self._cycle(date_end=date.today(), date_start=date.today().replace(month=1, day=1))
        cycle.with_user(self.user_hr).action_launch()
        appraisal = self._appraisal(cycle)
        self.assertEqual(appraisal.appraiser_id, self.user_boss)
        self.assertIn("less than six months", appraisal.appraiser_note)
        self.assertIn("indirect", appraisal.rater_ids.mapped("role"))

    def test_kpi_lines_prefilled_from_locked_values(self):
        kpi = self.env["mfg.kpi"].create(
            {"code": "TEST_INTACT", "name": "Intact rate", "unit": "percent", "direction": "higher"}
        )
        self.template.line_ids.filtered(lambda t: t.name == "Equipment intact rate").kpi_id = kpi
        period = self.env["mfg.kpi.period"]._get_or_create("year", date(2025, 6, 1))
        value = self.env["mfg.kpi.value"].create(
            {"kpi_id": kpi.id, "period_id": period.id, "employee_id": self.emp.id, "value": 96.5}
        )
        unlocked = self.env["mfg.kpi.value"].create(
            {"kpi_id": kpi.id, "period_id": period.id, "employee_id": self.peer.id, "value": 50}
        )
        value.action_lock()
        cycle = self._cycle()
        cycle.with_user(self.user_hr).action_launch()
        line = self._appraisal(cycle).line_ids.filtered(lambda x: x.kpi_id == kpi)
        self.assertEqual((line.kpi_value_id, line.actual_value, line.score), (value, 96.5, 92.5))
        self.assertEqual(line.kpi_value_state, "locked")
        # A value not locked yet fills the line too, marked as such: 98 - 50 = 48 steps of 5.
        peer_line = self._appraisal(cycle, self.peer).line_ids.filtered(lambda x: x.kpi_id == kpi)
        self.assertEqual(
            (peer_line.kpi_value_id, peer_line.actual_value, peer_line.score), (unlocked, 50, 0)
        )
        self.assertEqual(peer_line.kpi_value_state, "draft")

    def test_launch_query_count_does_not_grow_with_headcount(self):
        """Launching runs no query per employee. (The ORM inserts and updates rows in batches of
        100, so the sizes stay within one batch of appraisal lines; scripts/bench_appraisal.py
        measures 2,000 employees.) Each distinct statement is counted: none may run once more
        per additional employee; a one-off cache miss is tolerated."""
        Employee = self.env["hr.employee"].sudo()

        def launch(count, name):
            department = self.env["hr.department"].create({"name": name})
            Employee.create(
                [
                    {
                        "name": f"{name} {i}",
                        "job_id": self.job_equipment.id,
                        "parent_id": self.director.id,
                        "department_id": department.id,
                    }
                    for i in range(count)
                ]
            )
            cycle = self._cycle(
                name=name, department_ids=[(6, 0, department.ids)], allow_without_login=True
            )
            self.env.flush_all()
            self.env.invalidate_all()
            statements = Counter()
            execute = Cursor.execute

            def counting_execute(cr, query, params=None, log_exceptions=True):
                statements[re.sub(r"\s+", " ", str(query))] += 1
                return execute(cr, query, params, log_exceptions)

            with patch.object(Cursor, "execute", counting_execute):
                cycle.with_user(self.user_hr).action_launch()
                self.env.flush_all()
            self.assertEqual(len(cycle.appraisal_ids), count)
            return statements

        launch(1, "warm-up")
        small, large = launch(2, "small"), launch(5, "large")
        grown = {query: large[query] - small[query] for query in large}
        per_employee = {query: n for query, n in grown.items() if n >= 3}
        self.assertEqual(per_employee, {}, "statements run once per employee")


@tagged("post_install", "-at_install")
class TestCalibration(AppraisalCase):
    def test_calibration_proposes_and_applies_thresholds(self):
        self.env["tier.definition"].search([("model", "=", "mfg.appraisal")]).active = False
        cycle = self._cycle()
        cycle.with_user(self.user_hr).action_launch()
        appraisal = self._appraisal(cycle)
        peer = self._appraisal(cycle, self.peer)
        # Both score high: 2 of 2 Excellent breaks "Excellent at most 10%".
        for record in appraisal | peer:
            for line in record.sudo().line_ids.filtered(lambda x: x.rule_kind != "direct"):
                target = json.loads(line.rule)["target"]
                line._write_prefill({"actual_value": target, "occurrences": 0, "actual_set": True})
            for rater in record.sudo().rater_ids:
                rater.rating_ids.write(
                    {"score": 90.0 if record == appraisal else 88.0, "score_set": True}
                )
                rater.state = "submitted"
        (appraisal | peer).sudo().state = "review"  # raters' scores count once rating closed
        self.assertEqual((appraisal | peer).mapped("grade"), ["excellent", "excellent"])
        action = cycle.with_user(self.user_hr).action_open_calibration()
        wizard = self.env[action["res_model"]].with_user(self.user_hr).browse(action["res_id"])
        self.assertIn("Excellent", wizard.current_html)
        self.assertGreater(wizard.threshold_excellent, 85)
        with self.assertRaisesRegex(ValidationError, "reason of the calibration"):
            wizard.action_apply()
        wizard.reason = "Too many Excellent grades for the policy."
        wizard.action_apply()
        self.assertEqual(cycle.calibration_reason, "Too many Excellent grades for the policy.")
        self.assertNotIn("excellent", (appraisal | peer).mapped("grade"))
        with self.assertRaisesRegex(UserError, "Only HR calibrates"):
            wizard.with_user(self.user_director).action_apply()
