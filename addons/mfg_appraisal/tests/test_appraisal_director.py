from datetime import date

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .. import scoring
from .common import AppraisalCase

LEVELS = [(91, 100), (81, 90), (71, 80), (51, 70), (0, 50)]


def band_vals(band):
    return {
        "label": band.label,
        "low": band.low or 0.0,
        "low_unbounded": band.low is None,
        "low_inclusive": band.low_inclusive,
        "high": band.high or 0.0,
        "high_unbounded": band.high is None,
        "high_inclusive": band.high_inclusive,
        "score_min": band.score_min,
        "score_max": band.score_max,
    }


@tagged("post_install", "-at_install")
class TestDirectorSemiAnnualPlan(AppraisalCase):
    """The director's semi-annual plan: bands (A, B, C) and qualitative levels, with an initial
    score, a review adjustment with its reason and a final score."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["tier.definition"].search([("model", "=", "mfg.appraisal")]).active = False

        def bands(name, key, weight):
            direction, band_set = scoring.DIRECTOR_BAND_SETS[key]
            return {
                "name": name,
                "weight": weight,
                "rule_kind": "bands",
                "direction": direction,
                "band_ids": [(0, 0, band_vals(b)) for b in band_set],
            }

        def levels(name, weight):
            return {
                "name": name,
                "weight": weight,
                "rule_kind": "levels",
                "level_ids": [
                    (
                        0,
                        0,
                        {"name": f"Level {i + 1}", "score_min": lo, "score_max": hi, "sequence": i},
                    )
                    for i, (lo, hi) in enumerate(LEVELS)
                ],
            }

        lines = [
            bands("Output plan on-time completion rate (A)", "plan_completion", 20),
            bands("Material consumption vs standard (B)", "material_consumption", 20),
            bands("Product sampling pass rate (C)", "quality_pass", 20),
            levels("Production accidents", 10),
            levels("Management, process and document control", 10),
            levels("Staff management", 10),
            levels("Work attitude", 10),
        ]
        cls.plan = cls.env["mfg.appraisal.template"].create(
            {
                "name": "Director plan (test)",
                "code": "director_plan_test",
                "job_ids": [(6, 0, cls.job_director.ids)],
                "cycle_kind_ids": [
                    (6, 0, [cls.env.ref("mfg_appraisal.cycle_kind_semi_annual").id])
                ],
                "review_adjustment": True,
                "state": "active",
                "section_ids": [
                    (
                        0,
                        0,
                        {
                            "name": "Semi-annual plan",
                            "weight": 100,
                            "line_ids": [(0, 0, dict(v, sequence=i)) for i, v in enumerate(lines)],
                        },
                    )
                ],
            }
        )

    def test_director_plan_by_hand(self):
        cycle = self._cycle(
            "semi_annual",
            date_start=date(2025, 1, 1),
            date_end=date(2025, 6, 30),
            job_ids=[(6, 0, self.job_director.ids)],
            # The boss, on the same position, has nobody above to appraise him.
            exclusion_ids=[(0, 0, {"employee_id": self.boss.id, "reason": "other"})],
        )
        self.assertEqual(cycle.date_launch, date(2025, 7, 1), "first half of July")
        self.assertEqual(cycle.date_publication_deadline, date(2025, 7, 15))
        cycle.with_user(self.user_hr).action_launch()
        appraisal = self._appraisal(cycle, self.director)
        self.assertEqual(appraisal.appraiser_id, self.user_boss)
        appraisal.with_user(self.user_director).action_submit_self()
        boss = self.user_boss
        lines = appraisal.line_ids.sorted("sequence").with_user(boss)
        a, b, c, safety, management, staff, attitude = lines
        a.actual_value = 96.0  # band [95, 100) -> 81..90: 81 + (96 - 95) / 5 x 9 = 82.8
        b.actual_value = 103.0  # band (100, 105), lower is better: 90 - (103 - 100) / 5 x 9 = 84.6
        c.actual_value = 100.0  # C = 100% -> 100
        self.assertEqual([a.score, b.score, c.score], [82.8, 84.6, 100.0])
        # The appraiser moves A within its band's range (81..90), not beyond.
        a.rated_score = 84.0
        self.assertEqual((a.suggested_score, a.score), (82.8, 84.0))
        with (
            self.assertRaisesRegex(ValidationError, "outside the range 81..90"),
            self.cr.savepoint(),
        ):
            a.rated_score = 95.0
        self.assertEqual(a.score, 84.0, "nothing half-written")
        # Levels: the appraiser picks a level and a score inside it.
        safety.write({"level_number": 2, "rated_score": 88.0})
        management.write({"level_number": 1, "rated_score": 95.0})
        staff.write({"level_number": 3, "rated_score": 75.0})
        attitude.write({"level_number": 2, "rated_score": 85.0})
        with (
            self.assertRaisesRegex(ValidationError, "outside the range 91..100"),
            self.cr.savepoint(),
        ):
            management.write({"rated_score": 90.0})
        # Initial = 84 x 20% + 84.6 x 20% + 100 x 20% + 88 x 10% + 95 x 10% + 75 x 10% + 85 x 10%
        #         = 16.8 + 16.92 + 20 + 8.8 + 9.5 + 7.5 + 8.5 = 88.02
        self.assertAlmostEqual(appraisal.total_score, 88.02, 2)
        self.assertEqual(appraisal.grade, "excellent")
        appraisal.with_user(boss).action_submit_rating()
        # 复核调整 belongs to the review step (方案 六(三)): the appraiser no longer touches it;
        # the reviewer (here HR: the sheet has no approval chain in this test) adjusts, with a
        # reason, within the sheet's limit. Final = 88.02 - 4 = 84.02 -> Good.
        with self.assertRaisesRegex(UserError, "You may not change"), self.cr.savepoint():
            appraisal.with_user(boss).write(
                {"review_adjustment": -4.0, "adjustment_reason": "Late deliveries."}
            )
        reviewer = appraisal.with_user(self.user_hr)
        with (
            self.assertRaisesRegex(ValidationError, "reason of the review adjustment"),
            self.cr.savepoint(),
        ):
            reviewer.review_adjustment = -4.0
        with self.assertRaisesRegex(ValidationError, "within ±10"), self.cr.savepoint():
            reviewer.write({"review_adjustment": -12.0, "adjustment_reason": "Too much."})
        self.assertEqual(appraisal.review_adjustment, 0.0, "nothing half-written")
        reviewer.write(
            {"review_adjustment": -4.0, "adjustment_reason": "Two late deliveries in June."}
        )
        self.assertAlmostEqual(appraisal.final_score, 84.02, 2)
        self.assertEqual(appraisal.grade, "good")

    def test_band_sheet_rejects_overlaps(self):
        line = self.plan.line_ids[0]
        line.band_ids[1].low = 94.0  # [94, 100) now overlaps [90, 95)
        with self.assertRaisesRegex(ValidationError, "overlap"):
            self.plan.action_activate()
