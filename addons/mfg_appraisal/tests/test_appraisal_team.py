import json
from datetime import date, timedelta

from odoo import fields
from odoo.tests import tagged

from .. import scoring
from .common import AppraisalCase


@tagged("post_install", "-at_install")
class TestTeamAppraisals(AppraisalCase):
    """Team leader and operator sheets: quarterly bonus tiers and result flags."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["tier.definition"].search([("model", "=", "mfg.appraisal")]).active = False
        cls.job_operator = cls.env["hr.job"].create({"name": "Operator (test)"})
        cls.emp.job_id = cls.job_operator
        # Operator sheet (seed 第8条): weights 20/20/15/15/10/10/10.
        spec = [
            (
                "Task completion rate",
                20,
                "linear",
                {"target": 100.0, "step": 1.0, "deduction": 2.0},
            ),
            (
                "Production quota completion",
                20,
                "linear",
                {"target": 100.0, "step": 1.0, "deduction": 2.0},
            ),
            ("Inspection pass rate", 15, "linear", {"target": 99.0, "step": 1.0, "deduction": 5.0}),
            (
                "Rework rate",
                15,
                "linear",
                {"target": 1.0, "step": 1.0, "deduction": 10.0, "direction": "lower"},
            ),
            ("Labour productivity", 10, "linear", {"target": 12.0, "step": 1.0, "deduction": 5.0}),
            (
                "Procedure violations",
                10,
                "occurrence",
                {"deduction": 20.0, "major_event_zero": True},
            ),
            (
                "Late arrivals and early departures",
                10,
                "occurrence",
                {"deduction": 10.0, "allowed": 2},
            ),
        ]
        cls.operator_sheet = cls.env["mfg.appraisal.template"].create(
            {
                "name": "Operator (test)",
                "code": "operator_test",
                "job_ids": [(6, 0, cls.job_operator.ids)],
                "cycle_kind_ids": [
                    (
                        6,
                        0,
                        [
                            cls.env.ref("mfg_appraisal.cycle_kind_quarterly").id,
                            cls.env.ref("mfg_appraisal.cycle_kind_annual").id,
                        ],
                    )
                ],
                "state": "active",
                "section_ids": [
                    (
                        0,
                        0,
                        {
                            "name": "Performance",
                            "weight": 100,
                            "line_ids": [
                                (
                                    0,
                                    0,
                                    dict(params, name=name, weight=w, rule_kind=kind, sequence=i),
                                )
                                for i, (name, w, kind, params) in enumerate(spec)
                            ],
                        },
                    )
                ],
            }
        )

    def _quarter(self, start, end, values):
        cycle = self._cycle(
            "quarterly",
            name=f"Q {start}",
            date_start=start,
            date_end=end,
            job_ids=[(6, 0, self.job_operator.ids)],
            bonus_tier_1=1000,
            bonus_tier_2=600,
            bonus_tier_3=300,
            apply_exclusions=False,
        )
        cycle.with_user(self.user_hr).action_launch()
        appraisal = self._appraisal(cycle)
        appraisal.with_user(self.user_emp).action_submit_self()
        for line, (field, value) in zip(appraisal.line_ids.sorted("sequence"), values, strict=True):
            line.with_user(self.user_director).write({field: value})
        appraisal.with_user(self.user_director).action_submit_rating()
        cycle.with_user(self.user_hr).action_publish()
        return appraisal

    def test_operator_quarters_with_bonus_and_training(self):
        # Q1: 98% tasks (96), 100% quota (100), 97% pass (90), rework 2% (90), 11 pcs/h (95),
        # no violation (100), 3 late (allowed 2: 90).
        # Total = 96x.2 + 100x.2 + 90x.15 + 90x.15 + 95x.1 + 100x.1 + 90x.1
        #       = 19.2 + 20 + 13.5 + 13.5 + 9.5 + 10 + 9 = 94.7 -> tier 1 (>= 90), 1000
        good = [
            ("actual_value", 98.0),
            ("actual_value", 100.0),
            ("actual_value", 97.0),
            ("actual_value", 2.0),
            ("actual_value", 11.0),
            ("occurrences", 0),
            ("occurrences", 3),
        ]
        q1 = self._quarter(date(2025, 1, 1), date(2025, 3, 31), good)
        self.assertAlmostEqual(q1.final_score, 94.7, 2)
        self.assertEqual((q1.bonus_tier, q1.bonus_amount), ("tier_1", 1000))
        # Within 10 days (第10条), counted from the day of the launch (late: not overdue).
        cycle = q1.cycle_id
        self.assertEqual(cycle.date_launch, fields.Date.context_today(cycle))
        self.assertEqual(cycle.date_publication_deadline, cycle.date_launch + timedelta(days=9))
        # Q2 and Q3 below 60: 70% tasks (40), 75% quota (50), 90% pass (55), rework 5% (60),
        # 6 pcs/h (70), one major violation (0), 8 late (40).
        # Total = 8 + 10 + 8.25 + 9 + 7 + 0 + 4 = 46.25 -> probation watch, no bonus
        bad = [
            ("actual_value", 70.0),
            ("actual_value", 75.0),
            ("actual_value", 90.0),
            ("actual_value", 5.0),
            ("actual_value", 6.0),
            ("occurrences", 1),
            ("occurrences", 8),
        ]
        q2 = self._quarter(
            date(2025, 4, 1), date(2025, 6, 30), bad[:5] + [("major_event", True)] + bad[6:]
        )
        self.assertAlmostEqual(q2.final_score, 46.25, 2)
        self.assertEqual((q2.bonus_tier, q2.bonus_amount), ("watch", 0))
        self.assertFalse(q2.flag_basic_training, "one failing quarter only")
        q3 = self._quarter(
            date(2025, 7, 1), date(2025, 9, 30), bad[:5] + [("major_event", True)] + bad[6:]
        )
        self.assertTrue(q3.flag_basic_training, "two consecutive quarters below 60")
        self.assertIn("basic skills training", q3.result_note)

    def test_bonus_boundaries(self):
        cycle = self._cycle("quarterly", bonus_tier_1=1000, bonus_tier_2=600, bonus_tier_3=300)
        appraisal = self.env["mfg.appraisal"].new({"cycle_id": cycle.id})
        amounts = {"tier_1": 1000, "tier_2": 600, "tier_3": 300}
        expected = {
            90: "tier_1",
            89.99: "tier_2",
            80: "tier_2",
            79.99: "tier_3",
            70: "tier_3",
            69.99: "none",
            60: "none",
            59.99: "watch",
        }
        for score, tier in expected.items():
            self.assertEqual(scoring.bonus_tier(score, amounts).code, tier, score)
        self.assertTrue(appraisal)


@tagged("post_install", "-at_install")
class TestResultFlags(AppraisalCase):
    """Results application (第12条) from an employee's earlier appraisals."""

    def flags(self, kind, end, score, grade, history):
        return self.env["mfg.appraisal"]._result_flags(kind, end, score, grade, history)

    def test_two_annual_excellent_give_promotion_priority(self):
        last = ("annual", date(2024, 12, 31), 88, "excellent")
        vals = self.flags("annual", date(2025, 12, 31), 91, "excellent", [last])
        self.assertTrue(vals["flag_promotion"])
        self.assertTrue(vals["flag_training"], "annual score of 90 or more")
        last = ("annual", date(2024, 12, 31), 80, "good")
        vals = self.flags("annual", date(2025, 12, 31), 89, "excellent", [last])
        self.assertFalse(vals["flag_promotion"] or vals["flag_training"])

    def test_three_irregular_fails_force_annual_fail(self):
        history = [
            ("irregular", date(2025, 3, 31), 50, "fail"),
            ("irregular", date(2025, 6, 30), 55, "fail"),
            ("irregular", date(2025, 9, 30), 52, "fail"),
        ]
        self.assertTrue(
            self.flags("annual", date(2025, 12, 31), 78, "good", history)["flag_forced_fail"]
        )
        history[1] = ("irregular", date(2025, 6, 30), 65, "pass")
        self.assertFalse(
            self.flags("annual", date(2025, 12, 31), 78, "good", history)["flag_forced_fail"]
        )

    def test_forced_fail_makes_the_grade_fail(self):
        cycle = self._cycle()
        cycle.with_user(self.user_hr).action_launch()
        appraisal = self._appraisal(cycle)
        appraisal.sudo().write({"flag_forced_fail": True})
        for line in appraisal.sudo().line_ids.filtered(lambda x: x.rule_kind != "direct"):
            target = json.loads(line.rule)["target"]
            line._write_prefill({"actual_value": target, "occurrences": 0, "actual_set": True})
        for rater in appraisal.sudo().rater_ids:
            rater.rating_ids.write({"score": 90.0, "score_set": True})
            rater.state = "submitted"
        appraisal.sudo().state = "review"  # raters' scores count once the rating is closed
        self.assertTrue(appraisal.score_complete)
        self.assertEqual(appraisal.grade, "fail")

    def test_irregular_fail_interview_and_two_annual_fails_dismissal_review(self):
        self.assertTrue(
            self.flags("irregular", date(2025, 3, 31), 55, "fail", [])["flag_interview"]
        )
        last = ("annual", date(2024, 12, 31), 50, "fail")
        self.assertTrue(
            self.flags("annual", date(2025, 12, 31), 55, "fail", [last])["flag_dismissal_review"]
        )

    def test_quarters_below_60_need_basic_training(self):
        last = ("quarterly", date(2025, 3, 31), 58, "fail")
        self.assertTrue(
            self.flags("quarterly", date(2025, 6, 30), 59.99, "fail", [last])["flag_basic_training"]
        )
        last = ("quarterly", date(2025, 3, 31), 60, "pass")
        self.assertFalse(
            self.flags("quarterly", date(2025, 6, 30), 40, "fail", [last])["flag_basic_training"]
        )
