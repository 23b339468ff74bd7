# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .test_kiosk_self_assessment import KioskSheetCase


@tagged("post_install", "-at_install")
class TestKioskValues(KioskSheetCase):
    """The team leader enters the actual values of a team member's linear and occurrence
    lines on the kiosk, as their user, through the appraisal's line policy."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # HR closes op_a's self-assessment step: op_a is being rated now.
        cls.appraisal_a.action_submit_self()
        lines = cls.appraisal_a.line_ids
        cls.line_linear = lines.filtered(lambda line: line.rule_kind == "linear")
        cls.line_count = lines.filtered(lambda line: line.rule_kind == "occurrence")
        cls.line_direct = lines.filtered(lambda line: line.rule_kind == "direct")[:1]

    def test_leader_enters_values(self):
        session = self.sign_in(badge="KIOSKL0001")
        tasks = self.kiosk("value_tasks", token=self.token, session=session)
        # op_b and op_user are still self-assessing: only op_a's appraisal is open.
        self.assertEqual([task["id"] for task in tasks], self.appraisal_a.ids)
        lines = {line["id"]: line for line in tasks[0]["lines"]}
        self.assertEqual(set(lines), {self.line_linear.id, self.line_count.id})
        self.assertEqual(lines[self.line_linear.id]["kind"], "linear")
        self.assertEqual(lines[self.line_linear.id]["name"], "Task completion")
        self.assertIsNone(lines[self.line_linear.id]["value"])
        self.kiosk(
            "values",
            token=self.token,
            session=session,
            appraisal_id=self.appraisal_a.id,
            values=[
                {"id": self.line_linear.id, "actual_value": 93},
                {"id": self.line_count.id, "occurrences": 2, "major_event": False},
            ],
        )
        # 95 % target, each point below deducts 5: 93 → 90; 2 occurrences × 10 → 80.
        self.assertEqual((self.line_linear.actual_value, self.line_linear.score), (93, 90))
        self.assertEqual((self.line_count.occurrences, self.line_count.score), (2, 80))
        self.assertTrue(self.line_linear.actual_set and self.line_count.actual_set)
        message = self.appraisal_a.message_ids.filtered(
            lambda m: "entered values" in (m.body or "")
        )
        self.assertEqual(message.author_id, self.user_leader.partner_id)
        self.assertIn("Kiosk Workshop", message.body)
        tasks = self.kiosk("value_tasks", token=self.token, session=session)
        self.assertEqual(
            {line["id"]: line["score"] for line in tasks[0]["lines"]},
            {self.line_linear.id: 90, self.line_count.id: 80},
        )

    def test_value_refusals_write_nothing(self):
        names = ["actual_value", "actual_set", "occurrences", "major_event", "score"]
        all_lines = (self.appraisal_a | self.appraisal_b).line_ids
        before = self.snapshot(all_lines, names)
        session = self.sign_in(badge="KIOSKL0001")
        line_b = self.appraisal_b.line_ids.filtered(lambda line: line.rule_kind == "linear")
        # An appraisal still in self-assessment, unknown ids, bad ids.
        for appraisal_id in (self.appraisal_b.id, 0, -1, 10**9, True, "1"):
            self.refused_kiosk(
                "values",
                kinds=("AccessError",),
                token=self.token,
                session=session,
                appraisal_id=appraisal_id,
                values=[{"id": line_b.id, "actual_value": 50}],
            )
        # A line of another appraisal through op_a's; a directly rated line.
        for line in (line_b, self.line_direct):
            self.refused_kiosk(
                "values",
                kinds=("AccessError",),
                token=self.token,
                session=session,
                appraisal_id=self.appraisal_a.id,
                values=[{"id": line.id, "actual_value": 50}],
            )
        # Wrong types: all or nothing (the first line would have been written).
        for bad in ({"occurrences": "3"}, {"occurrences": 1.5}, {"major_event": "yes"}):
            self.refused_kiosk(
                "values",
                kinds=("UserError",),
                token=self.token,
                session=session,
                appraisal_id=self.appraisal_a.id,
                values=[
                    {"id": self.line_linear.id, "actual_value": 93},
                    dict(bad, id=self.line_count.id),
                ],
            )
        # Negative occurrences: the appraisal's own constraint.
        self.refused_kiosk(
            "values",
            kinds=("ValidationError",),
            token=self.token,
            session=session,
            appraisal_id=self.appraisal_a.id,
            values=[{"id": self.line_count.id, "occurrences": -1}],
        )
        # An operator (no user, not an appraiser) has nothing to fill and is refused.
        session_a = self.sign_in(badge="KIOSKA0001")
        self.assertEqual(self.kiosk("value_tasks", token=self.token, session=session_a), [])
        self.refused_kiosk(
            "values",
            kinds=("AccessError",),
            token=self.token,
            session=session_a,
            appraisal_id=self.appraisal_a.id,
            values=[{"id": self.line_linear.id, "actual_value": 50}],
        )
        self.assertEqual(self.snapshot(all_lines, names), before)
