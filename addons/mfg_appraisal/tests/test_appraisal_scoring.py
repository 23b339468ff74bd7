from odoo.tests import tagged

from .. import scoring
from .common import AppraisalCase

# Performance lines of the equipment administrator sheet, in order: (field, value, expected score)
# with target 98 / step 1 / deduction 5 for linear lines and 10 points per occurrence:
PERFORMANCE = [
    ("occurrences", 1, 90.0),  # 1 procedure error: 100 - 10
    ("actual_value", 2.0, 90.0),  # loss 2 above target 0: 100 - 5 x 2
    ("actual_value", 18.0, 90.0),  # 18 inspections, target 20: 100 - 5 x 2
    ("actual_value", 96.5, 92.5),  # intact rate 96.5%, target 98%: 100 - 5 x 1.5
    ("actual_value", 99.0, 100.0),  # utilisation above target
    ("actual_value", 2.4, 98.0),  # repair cost 2.4, at most 2: 100 - 5 x 0.4
    ("actual_value", 3.0, 95.0),  # failure rate 3%, at most 2%: 100 - 5 x 1
    ("actual_value", 4.0, 100.0),  # changeover 4 h, at most 4 h
    ("actual_value", 90.0, 60.0),  # training completion 90%, target 98%: 100 - 5 x 8
]
# Performance = (90x10 + 90x10 + 90x15 + 92.5x15 + 100x15 + 98x15 + 95x5 + 100x5 + 60x10) / 100
#             = 9082.5 / 100 = 90.825 -> 90.83
SELF = [90, 80, 85, 90, 80, 85, 80, 90, 85, 80]
SUPERIOR = [80, 70, 75, 85, 80, 75, 70, 85, 80, 75]
# Attitude lines = 30% self + 70% superior: 83, 73, 78, 86.5, 80, 78, 73, 86.5, 81.5, 76.5
# weighted by 15/5/10/15/10/10/5/10/15/5: 8102.5 / 100 = 81.025 -> 81.03
# Total = 90.83 x 70% + 81.03 x 30% = 63.581 + 24.309 = 87.89 -> Excellent (>= 85)


@tagged("post_install", "-at_install")
class TestEquipmentAdministrator(AppraisalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # This test walks the plain flow: no approval chain.
        cls.env["tier.definition"].search([("model", "=", "mfg.appraisal")]).active = False

    def test_full_appraisal_by_hand(self):
        cycle = self._cycle()
        cycle.with_user(self.user_hr).action_launch()
        appraisal = self._appraisal(cycle)
        self.assertEqual(appraisal.state, "self_assessment")
        self.assertEqual(appraisal.appraiser_id, self.user_director)
        self.assertEqual(
            sorted(appraisal.rater_ids.mapped("role")), ["self", "superior"], "self and superior"
        )
        self.assertEqual(len(appraisal.line_ids), 19)

        # The employee rates himself and submits the self-assessment.
        self._rate(appraisal, self.user_emp, SELF)
        appraisal.with_user(self.user_emp).write(
            {"self_report": "<p>Kept every machine running.</p>"}
        )
        appraisal.with_user(self.user_emp).action_submit_self()
        self.assertEqual(appraisal.state, "rating")

        # The director enters the actual values and rates the attitude items.
        lines = appraisal.line_ids.sorted(lambda line: (line.section_sequence, line.sequence))
        for line, (field, value, expected) in zip(lines[:9], PERFORMANCE, strict=True):
            line.with_user(self.user_director).write({field: value})
            self.assertAlmostEqual(line.score, expected, 2, line.name)
        self._rate(appraisal, self.user_director, SUPERIOR)
        # The raters' combination is withheld while the rating is open (confidentiality)...
        self.assertFalse(any(lines[9:].mapped("score_set")))
        appraisal.with_user(self.user_director).action_submit_rating()
        # ... and appears once, when the appraiser closes the rating.
        expected_attitude = [83, 73, 78, 86.5, 80, 78, 73, 86.5, 81.5, 76.5]
        self.assertEqual([round(s, 2) for s in lines[9:].mapped("score")], expected_attitude)

        performance, attitude = appraisal.section_ids.sorted("sequence")
        self.assertAlmostEqual(performance.score, 90.83, 2)
        self.assertAlmostEqual(attitude.score, 81.03, 2)
        self.assertAlmostEqual(appraisal.total_score, 87.89, 2)
        self.assertAlmostEqual(appraisal.final_score, 87.89, 2)
        self.assertEqual(appraisal.grade, "excellent")

        self.assertEqual(appraisal.state, "review")
        appraisal.with_user(self.user_hr).action_publish()
        self.assertEqual(appraisal.state, "published")
        self.assertTrue(appraisal.date_published)

    def test_sheet_edits_never_change_a_running_appraisal(self):
        cycle = self._cycle()
        cycle.with_user(self.user_hr).action_launch()
        appraisal = self._appraisal(cycle)
        line = self.template.line_ids.filtered(lambda t: t.name == "Equipment intact rate")
        line.write({"weight": 20, "deduction": 50})
        frozen = appraisal.line_ids.filtered(lambda x: x.name == "Equipment intact rate")
        self.assertEqual(frozen.weight, 15)
        self.assertIn('"deduction": 5.0', frozen.rule)


@tagged("post_install", "-at_install")
class TestGradeBoundaries(AppraisalCase):
    def test_boundaries(self):
        cycle = self._cycle()
        expected = {
            59.99: "fail",
            60.0: "pass",
            74.99: "pass",
            75.0: "good",
            84.99: "good",
            85.0: "excellent",
        }
        for score, grade in expected.items():
            self.assertEqual(scoring.grade_for(score, cycle._thresholds()), grade, score)
