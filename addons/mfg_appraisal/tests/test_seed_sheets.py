from datetime import date

from freezegun import freeze_time
from lxml import etree

from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tests.common import TransactionCase
from odoo.tools.misc import file_open

L, OC, B, V, D = "linear", "occurrence", "bands", "levels", "direct"
# 第8条 table: self 30 / superior 70; 第7条(3) peers and subordinates inside the superior side.
ATTITUDE = (
    30,
    [15, 5, 10, 15, 10, 10, 5, 10, 15, 5],
    [D] * 10,
    {"self": 30, "superior": 50, "peer": 10, "subordinate": 10},
)
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

# Composed by us, not by the seed (DESIGN §3): 车间人员 第3条 and 班组人员 第2条 put 计划调度员 and
# 统计员 in scope without a sheet. Same format as SEED_SHEETS.
OURS = {
    "dispatcher": [(70, [25, 20, 20, 15, 10, 10], [L] * 6, SUPERIOR), ATTITUDE],
    "statistician": [(100, [15, 15, 15, 10, 10, 15, 10, 10], [L, L, L, L, OC, L, L, L], SUPERIOR)],
}
# Our sheets: position, appraisal system, a cycle kind they serve, and the KPIs of the
# performance lines in order (seed 000's 生产调度员 list and the director sheet's 交期达成率; the
# 数据管理 menu of 班组人员 第6条, whose 统计报表上级及时率 is the library's 统计报表上报及时率).
OURS_SETUP = {
    "dispatcher": (
        "mfg_org.job_dispatcher",
        "workshop_staff",
        "annual",
        [
            "kpi_plan_completion_rate",
            "kpi_delivery_date_achievement_rate",
            "kpi_schedule_achievement_rate",
            "kpi_rush_order_on_time_rate",
            "kpi_material_expediting_timeliness",
            "kpi_dispatch_minutes_timeliness",
        ],
    ),
    "statistician": (
        "mfg_org.job_statistician",
        "team_member",
        "quarterly",
        [
            "kpi_production_stats_accuracy",
            "kpi_output_stats_accuracy",
            "kpi_production_stats_timeliness",
            "kpi_item_stats_accuracy",
            "kpi_stats_entry_error_count",
            "kpi_stats_report_timeliness",
            "kpi_stats_archiving_timeliness",
            "kpi_production_record_completeness",
        ],
    ),
}


@tagged("post_install", "-at_install")
class TestSeedSheets(TransactionCase):
    def _sheet(self, code):
        return self.env["mfg.appraisal.template"].search(
            [("code", "=", code), ("company_id", "=", self.env.company.id)]
        )

    def test_every_seed_sheet_with_its_exact_weights_and_rules(self):
        for code, expected in {**SEED_SHEETS, **OURS}.items():
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
        self.assertEqual(
            plan.approval_chain_id, self.env.ref("mfg_appraisal.approval_chain_president")
        )
        chain = self.env["tier.definition"].search(
            [("model", "=", "mfg.appraisal"), ("definition_domain", "ilike", "president")]
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

    def test_sheets_composed_by_us(self):
        """Active, on their position and system, KPIs linked, and shipped with X, S and D blank:
        a cycle using them names every missing parameter and writes nothing."""
        data = etree.parse(file_open("mfg_appraisal/data/mfg_appraisal_template_data.xml"))
        for code, (job_xmlid, system, kind, kpis) in OURS_SETUP.items():
            with self.subTest(code):
                sheet = self._sheet(code)
                job = self.env.ref(job_xmlid)
                self.assertEqual(sheet.state, "active")
                self.assertEqual(sheet.job_ids, job)
                self.assertEqual(sheet.appraisal_system, system)
                self.assertEqual(job.mfg_appraisal_scope, system, "in scope per the seed")
                self.assertIn(kind, sheet._kinds())
                self.assertIn("Composed by us", sheet.note)
                performance = sheet.section_ids[0].line_ids
                self.assertEqual(
                    [line.kpi_id.id for line in performance],
                    [self.env.ref(f"mfg_kpi.{kpi}").id for kpi in kpis],
                )
                for line in performance:
                    self.assertEqual(line.direction, line.kpi_id.direction, line.name)
                # As shipped: no target, no deduction, a step only on occurrence lines (1).
                lines = data.xpath(
                    f".//record[starts-with(@id, 'template_{code}_line_')]"
                    "[field[@name='rule_kind'][text()='linear' or text()='occurrence']]"
                )
                self.assertEqual(len(lines), len(kpis))
                for record in lines:
                    shipped = {f.get("name"): f.text for f in record.iterfind("field")}
                    self.assertNotIn("target", shipped, record.get("id"))
                    self.assertNotIn("deduction", shipped, record.get("id"))
                    if shipped["rule_kind"] == "linear":
                        self.assertNotIn("step", shipped, record.get("id"))
                # Blank as shipped (demo data may have filled them): the launch names them all.
                linear = sheet.line_ids.filtered(lambda line: line.rule_kind == "linear")
                occurrence = sheet.line_ids.filtered(lambda line: line.rule_kind == "occurrence")
                linear.write({"target": 0.0, "step": 0.0, "deduction": 0.0})
                occurrence.write({"deduction": 0.0})
                self.env["hr.employee"].create({"name": f"{code} appraisee", "job_id": job.id})
                date_end = date(2025, 3, 31) if kind == "quarterly" else date(2025, 12, 31)
                cycle = self.env["mfg.appraisal.cycle"].create(
                    {
                        "name": f"Blank {code}",
                        "kind": kind,
                        "appraisal_system": system,
                        "date_start": date(2025, 1, 1),
                        "date_end": date_end,
                        "job_ids": [(6, 0, job.ids)],
                    }
                )
                with self.assertRaisesRegex(
                    ValidationError, r"Fill the scoring parameters"
                ) as caught:
                    cycle.action_launch()
                message = str(caught.exception)
                for line in linear:
                    self.assertIn(f"{line.name} (target X, step S, deduction D)", message)
                for line in occurrence:
                    self.assertIn(f"{line.name} (deduction D)", message)
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
