from datetime import date

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tests.common import TransactionCase

L, OC, B, V, D = "linear", "occurrence", "bands", "levels", "direct"
ATTITUDE = (30, [15, 5, 10, 15, 10, 10, 5, 10, 15, 5], [D] * 10, {"self": 30, "superior": 70})
SUPERIOR = {"superior": 100}

# The score sheets of seed 004, read per DESIGN §3: (section weight, line weights, rule kinds,
# rater role weights) for each section, in order.
SEED_SHEETS = {
    "workshop_director": [
        (
            70,
            [10, 15, 15, 10, 10, 10, 10, 5, 5, 5, 5],
            [L, L, L, L, L, OC, L, L, L, L, OC],
            SUPERIOR,
        ),
        ATTITUDE,
    ],
    "equipment_admin": [
        (70, [10, 10, 15, 15, 15, 15, 5, 5, 10], [OC, L, L, L, L, L, L, L, L], SUPERIOR),
        ATTITUDE,
    ],
    "safety_officer": [
        (70, [15, 15, 15, 15, 10, 10, 10, 10], [L, L, OC, L, L, L, L, L], SUPERIOR),
        ATTITUDE,
    ],
    "process_technician": [
        (70, [10, 10, 15, 15, 15, 10, 5, 10, 10], [OC, L, L, L, L, L, L, L, L], SUPERIOR),
        ATTITUDE,
    ],
    "maintenance_technician": [
        (70, [20, 20, 15, 15, 10, 10, 10], [L] * 7, SUPERIOR),
        ATTITUDE,
    ],
    "director_plan": [(100, [20, 20, 20, 10, 10, 10, 10], [B, B, B, V, V, V, V], SUPERIOR)],
    "team_leader": [
        (100, [15, 15, 10, 10, 10, 10, 10, 10, 5, 5], [L, L, L, L, L, L, OC, L, L, L], SUPERIOR)
    ],
    "operator": [(100, [20, 20, 15, 15, 10, 10, 10], [L, L, L, L, L, OC, OC], SUPERIOR)],
}


@tagged("post_install", "-at_install")
class TestSeedSheets(TransactionCase):
    def _sheet(self, code):
        return self.env["mfg.appraisal.template"].search(
            [("code", "=", code), ("company_id", "=", self.env.company.id)]
        )

    def test_every_seed_sheet_with_its_exact_weights_and_rules(self):
        for code, expected in SEED_SHEETS.items():
            sheet = self._sheet(code)
            self.assertEqual(len(sheet), 1, code)
            actual = [
                (
                    section.weight,
                    section.line_ids.mapped("weight"),
                    section.line_ids.mapped("rule_kind"),
                    {r.role: r.weight for r in section.rater_ids} or SUPERIOR,
                )
                for section in sheet.section_ids
            ]
            self.assertEqual(actual, expected, code)
            self.assertTrue(sheet.weights_ok, code)
            sheet._check_complete()  # bands and levels consistent too

    def test_director_plan_bands_levels_and_chain(self):
        plan = self._sheet("director_plan")
        self.assertTrue(plan.review_adjustment)
        self.assertEqual(plan._kinds(), {"semi_annual"})
        a, b, c = plan.line_ids[:3]
        self.assertEqual(
            [(x.low, x.high, x.score_min, x.score_max) for x in a.band_ids.sorted("sequence")][:2],
            [(100, 100, 91, 100), (95, 100, 81, 90)],
        )
        self.assertEqual(b.direction, "lower")
        self.assertEqual(c.band_ids.sorted("sequence")[0].score_min, 100)
        for line in plan.line_ids[3:]:
            self.assertEqual(line.level_ids.mapped("score_min"), [91, 81, 71, 51, 0], line.name)
        chain = self.env["tier.definition"].search(
            [("model", "=", "mfg.appraisal"), ("definition_domain", "ilike", "director_plan")]
        )
        self.assertGreaterEqual(len(chain), 2, "HR director review, then president's office")

    def test_blank_parameters_block_the_cycle_and_are_named(self):
        sheet = self._sheet("equipment_admin").copy({"code": "equipment_admin_blank"})
        sheet.line_ids.filtered(lambda line: line.rule_kind == "linear").write(
            {"step": 0.0, "deduction": 0.0}
        )
        sheet.state = "active"
        job = self.env["hr.job"].create({"name": "Blank sheet position"})
        sheet.job_ids = job
        self.env["hr.employee"].create({"name": "Blank sheet employee", "job_id": job.id})
        cycle = self.env["mfg.appraisal.cycle"].create(
            {
                "name": "Blank parameters",
                "kind": "annual",
                "date_start": date(2025, 1, 1),
                "date_end": date(2025, 12, 31),
                "job_ids": [(6, 0, job.ids)],
                "template_id": sheet.id,
            }
        )
        with self.assertRaisesRegex(ValidationError, r"Fill the scoring parameters") as caught:
            cycle.action_launch()
        first_linear = sheet.line_ids.filtered(lambda line: line.rule_kind == "linear")[0]
        self.assertIn(f"{first_linear.name} (step S, deduction D)", str(caught.exception))
        self.assertFalse(cycle.appraisal_ids)

    def test_scheduled_cycles_created_once(self):
        Cycle = self.env["mfg.appraisal.cycle"]
        with self.subTest("January: annual, H2 and Q4"):
            with freeze_time("2027-01-02"):
                created = Cycle._cron_create_cycles()
                kinds = {(c.kind, c.date_start) for c in created}
                self.assertIn(("annual", date(2026, 1, 1)), kinds)
                self.assertIn(("semi_annual", date(2026, 7, 1)), kinds)
                self.assertIn(("quarterly", date(2026, 10, 1)), kinds)
                self.assertFalse(Cycle._cron_create_cycles(), "once each")
