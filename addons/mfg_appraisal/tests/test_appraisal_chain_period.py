# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Approval chains are data (a sheet names its chain; tiers, read rules and the printed
signature rows follow it), cycles link to their KPI period, a sheet's cycle kinds are a
relation."""

from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import AppraisalCase
from .test_appraisal_workflow import TestAppraisalWorkflow
from .test_reports import text_of


@tagged("post_install", "-at_install")
class TestApprovalChains(AppraisalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.hr_review = cls.env.ref("mfg_appraisal.approval_chain_hr_review")
        cls.president = cls.env.ref("mfg_appraisal.approval_chain_president")
        cls.user_president = new_test_user(
            cls.env, "chain_president", groups="mfg_appraisal.group_appraisal_president"
        )

    def _in_review(self):
        cycle = self._cycle(apply_exclusions=False)
        cycle.with_user(self.user_hr).action_launch()
        appraisal = self._appraisal(cycle)
        TestAppraisalWorkflow._to_review(self, appraisal)
        return appraisal

    def test_new_sheet_goes_through_the_hr_review(self):
        self.assertEqual(self.template.approval_chain_id, self.hr_review)
        appraisal = self._in_review()
        self.assertEqual(appraisal.approval_chain_id, self.hr_review)
        self.assertEqual(appraisal.review_ids.mapped("name"), ["HR review"])
        with self.assertRaises(AccessError):
            appraisal.with_user(self.user_president).check_access("read")

    def test_the_sheet_chain_decides_tiers_readers_and_signatures(self):
        """Putting a sheet on the president's chain is all it takes: its appraisals go
        through the chain's three tiers, the president's office reads them, and the sheet
        prints one signature row per tier, with the comments column the tiers ask for."""
        self.template.approval_chain_id = self.president
        appraisal = self._in_review()
        self.assertEqual(
            appraisal.review_ids.sorted("sequence").mapped("name"),
            [
                "Production director confirmation",
                "HR director review",
                "President's office approval",
            ],
        )
        appraisal.with_user(self.user_president).check_access("read")
        appraisal.line_ids[:1].with_user(self.user_president).check_access("read")
        html, _kind = self.env["ir.actions.report"]._render_qweb_html(
            "mfg_appraisal.mfg_appraisal_action_report", appraisal.ids
        )
        text = text_of(html)
        self.assertIn("Comments", text)
        self.assertIn("Appraiser's comments", text)
        positions = [
            text.index(label)
            for label in (
                "Production director confirmation",
                "HR director review",
                "President's office approval",
            )
        ]
        self.assertEqual(positions, sorted(positions), "rows in the order of review")

    def test_a_new_chain_with_four_tiers_is_data(self):
        chain = self.env["mfg.appraisal.chain"].create({"name": "Four steps", "code": "four"})
        self.template.approval_chain_id = chain
        model = self.env["ir.model"]._get_id("mfg.appraisal")
        names = ["Step one", "Step two", "Step three", "Step four"]
        self.env["tier.definition"].create(
            [
                {
                    "name": name,
                    "model_id": model,
                    "review_type": "individual",
                    "reviewer_id": self.user_hr.id,
                    "definition_domain": "[('approval_chain_id.code', '=', 'four')]",
                    "approve_sequence": True,
                    "sequence": 40 - 10 * index,
                }
                for index, name in enumerate(names)
            ]
        )
        cycle = self._cycle(apply_exclusions=False)
        cycle.with_user(self.user_hr).action_launch()
        appraisal = self._appraisal(cycle)
        # Before the chain is requested the sheet prints the tiers that will apply.
        sheet = self.env["report.mfg_appraisal.report_appraisal"]._sheet(appraisal)
        self.assertEqual([row["label"] for row in sheet["signatures"][1:]], names)
        self.assertFalse(sheet["comments"])
        TestAppraisalWorkflow._to_review(self, appraisal)
        self.assertEqual(appraisal.review_ids.sorted("sequence").mapped("name"), names)
        for _name in names:
            if appraisal.validation_status != "validated":
                appraisal.with_user(self.user_hr).validate_tier()
        self.assertEqual(appraisal.validation_status, "validated")
        sheet = self.env["report.mfg_appraisal.report_appraisal"]._sheet(appraisal)
        rows = sheet["signatures"][1:]
        self.assertEqual([row["label"] for row in rows], names)
        self.assertEqual({row["name"] for row in rows}, {self.user_hr.name})


@tagged("post_install", "-at_install")
class TestCycleKpiPeriod(AppraisalCase):
    def _period(self, cycle):
        period = cycle.kpi_period_id
        return period.kind, period.date_start, period.date_end

    def test_cycle_links_the_kpi_period_of_its_dates(self):
        annual = self._cycle()
        self.assertEqual(self._period(annual), ("year", date(2025, 1, 1), date(2025, 12, 31)))
        half = self._cycle("semi_annual", date_start=date(2025, 7, 1), date_end=date(2025, 12, 31))
        self.assertEqual(self._period(half), ("half_year", date(2025, 7, 1), date(2025, 12, 31)))
        quarter = self._cycle("quarterly", date_start=date(2025, 4, 1), date_end=date(2025, 6, 30))
        self.assertEqual(self._period(quarter), ("quarter", date(2025, 4, 1), date(2025, 6, 30)))
        self.assertEqual(self._cycle().kpi_period_id, annual.kpi_period_id, "one period, reused")
        # A draft cycle whose dates change follows them.
        quarter.with_user(self.user_hr).write(
            {"date_start": date(2025, 5, 1), "date_end": date(2025, 5, 31)}
        )
        self.assertEqual(self._period(quarter), ("month", date(2025, 5, 1), date(2025, 5, 31)))

    def test_irregular_dates_link_an_existing_period_only(self):
        cycle = self._cycle("irregular", date_start=date(2025, 3, 10), date_end=date(2025, 3, 20))
        self.assertFalse(cycle.kpi_period_id, "no period is made up for odd dates")
        custom = self.env["mfg.kpi.period"].create(
            {
                "name": "Inspection window",
                "kind": "custom",
                "date_start": date(2025, 3, 10),
                "date_end": date(2025, 3, 20),
            }
        )
        cycle.with_user(self.user_hr).action_launch()
        self.assertEqual(cycle.kpi_period_id, custom, "linked when launched")

    def test_prefill_reads_the_linked_period(self):
        """The values of the cycle's period fill the KPI lines, not those of another period
        with the same dates (a custom one)."""
        kpi = self.env["mfg.kpi"].create(
            {"code": "TEST_LINKED", "name": "Linked rate", "unit": "percent", "direction": "higher"}
        )
        self.template.line_ids.filtered(lambda t: t.name == "Equipment intact rate").kpi_id = kpi
        cycle = self._cycle(apply_exclusions=False)
        custom = self.env["mfg.kpi.period"].create(
            {
                "name": "Same dates",
                "kind": "custom",
                "date_start": date(2025, 1, 1),
                "date_end": date(2025, 12, 31),
            }
        )
        Value = self.env["mfg.kpi.value"]
        linked = Value.create(
            {
                "kpi_id": kpi.id,
                "period_id": cycle.kpi_period_id.id,
                "employee_id": self.emp.id,
                "value": 97.0,
            }
        )
        other = Value.create(
            {"kpi_id": kpi.id, "period_id": custom.id, "employee_id": self.emp.id, "value": 50}
        )
        (linked | other).action_lock()
        cycle.with_user(self.user_hr).action_launch()
        line = self._appraisal(cycle).line_ids.filtered(lambda x: x.kpi_id == kpi)
        self.assertEqual((line.kpi_value_id, line.actual_value), (linked, 97.0))


@tagged("post_install", "-at_install")
class TestCycleKinds(AppraisalCase):
    def test_kinds_are_a_relation(self):
        Kind = self.env["mfg.appraisal.cycle.kind"]
        self.assertEqual(
            self.template._kinds(), {"annual", "semi_annual", "quarterly", "irregular"}
        )
        self.assertEqual(
            Kind.search([]).mapped("display_name"),
            ["Annual", "Semi-annual", "Quarterly", "Irregular"],
        )
        self.assertEqual(Kind.name_search("semi")[0][1], "Semi-annual")
        self.template.cycle_kind_ids = self.env.ref("mfg_appraisal.cycle_kind_quarterly")
        self.assertEqual(self.template._kinds(), {"quarterly"})
        annual = self._cycle()
        quarterly = self._cycle(
            "quarterly", date_start=date(2025, 1, 1), date_end=date(2025, 3, 31)
        )
        Appraisal = self.env["mfg.appraisal"]
        self.assertNotIn(self.template, Appraisal._cycle_templates(annual))
        self.assertIn(self.template, Appraisal._cycle_templates(quarterly))
