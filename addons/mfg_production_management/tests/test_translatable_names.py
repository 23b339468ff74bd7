# Copyright 2026 Production Management Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Names the suite makes at run time read in each user's language: automatic KPI periods, and
the sections, lines and scoring rules an appraisal freezes from its sheet."""

import json
from datetime import date

from odoo.addons.mfg_appraisal.tests.common import AppraisalCase
from odoo.tests import tagged

LANG = "zh_CN"


@tagged("post_install", "-at_install")
class TestTranslatableNames(AppraisalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang(LANG)
        cls.env["ir.module.module"]._load_module_terms(["mfg_kpi", "mfg_appraisal"], [LANG])
        performance, attitude = cls.template.section_ids.sorted("sequence")
        performance.update_field_translations("name", {LANG: "业绩"})
        attitude.update_field_translations("name", {LANG: "态度与能力"})
        cls.intact = performance.line_ids.filtered(lambda ln: ln.name == "Equipment intact rate")
        cls.intact.update_field_translations("name", {LANG: "设备完好率"})
        cls.intact.update_field_translations("dimension", {"en_US": "Equipment", LANG: "设备"})
        # A qualitative line: its levels' described text in each language.
        cls.changeover = performance.line_ids.filtered(lambda ln: ln.name == "Changeover time")
        cls.changeover.write(
            {
                "rule_kind": "levels",
                "level_ids": [
                    (0, 0, {"sequence": 1, "name": "Quick", "score_min": 80, "score_max": 100}),
                    (0, 0, {"sequence": 2, "name": "Slow", "score_min": 0, "score_max": 79.99}),
                ],
            }
        )
        quick, slow = cls.changeover.level_ids.sorted("sequence")
        quick.update_field_translations("name", {LANG: "换型迅速"})
        slow.update_field_translations("name", {LANG: "换型缓慢"})

    def _names(self, records, field, lang):
        return records.with_context(lang=lang).mapped(field)

    def _check_appraisal_names(self, appraisal):
        section = appraisal.line_ids.section_id.sorted("sequence")
        self.assertEqual(
            self._names(section, "name", "en_US"), ["Performance", "Attitude and ability"]
        )
        self.assertEqual(self._names(section, "name", LANG), ["业绩", "态度与能力"])
        line = appraisal.line_ids.filtered(lambda ln: ln.template_line_id == self.intact)
        self.assertEqual(line.with_context(lang="en_US").name, "Equipment intact rate")
        self.assertEqual(line.with_context(lang=LANG).name, "设备完好率")
        self.assertEqual(line.with_context(lang="en_US").dimension, "Equipment")
        self.assertEqual(line.with_context(lang=LANG).dimension, "设备")
        # The scoring rule is the sheet line's, in each language.
        for lang in ("en_US", LANG):
            self.assertEqual(
                line.with_context(lang=lang).rule_text,
                self.intact.with_context(lang=lang).rule_text,
            )
        self.assertNotEqual(
            line.with_context(lang="en_US").rule_text, line.with_context(lang=LANG).rule_text
        )
        # A line without a translation on the sheet keeps the sheet's one text everywhere.
        other = appraisal.line_ids.filtered(
            lambda ln: ln.template_line_id.name == "Changeover time"
        )
        self.assertEqual(self._names(other, "name", LANG), ["Changeover time"])
        # Levels: the chosen level and the rule in full in each language.
        other.sudo().level_number = 2
        self.assertEqual(other.with_context(lang="en_US").level_name, "Slow")
        self.assertEqual(other.with_context(lang=LANG).level_name, "换型缓慢")
        self.assertIn("换型迅速", other.with_context(lang=LANG).rule_detail)
        self.assertIn("Quick", other.with_context(lang="en_US").rule_detail)
        self.assertNotIn("Quick", other.with_context(lang=LANG).rule_detail)

    def test_launched_in_english_reads_in_chinese(self):
        cycle = self._cycle()
        cycle.with_user(self.user_hr).with_context(lang="en_US").action_launch()
        self._check_appraisal_names(self._appraisal(cycle))

    def test_launched_in_chinese_reads_in_english(self):
        self.user_hr.lang = LANG
        cycle = self._cycle()
        cycle.with_user(self.user_hr).with_context(lang=LANG).action_launch()
        self._check_appraisal_names(self._appraisal(cycle))

    def test_line_renamed_after_launch_is_its_own(self):
        """Frozen: a later change of the sheet does not reach launched lines."""
        cycle = self._cycle()
        cycle.with_user(self.user_hr).action_launch()
        self.intact.with_context(lang=LANG).name = "设备完好率（新）"
        line = self._appraisal(cycle).line_ids.filtered(
            lambda ln: ln.template_line_id == self.intact
        )
        self.assertEqual(line.with_context(lang=LANG).name, "设备完好率")

    def test_calibration_names_grades_in_chinese(self):
        """The calibration's unmet policy names the grade in the user's language."""
        self.env["tier.definition"].search([("model", "=", "mfg.appraisal")]).active = False
        self.changeover.write({"rule_kind": "linear", "level_ids": [(5, 0, 0)]})  # no rater
        cycle = self._cycle()
        cycle.with_user(self.user_hr).action_launch()
        appraisals = cycle.appraisal_ids
        for record in appraisals:
            for line in record.sudo().line_ids.filtered(lambda x: x.rule_kind != "direct"):
                target = json.loads(line.rule)["target"]
                line._write_prefill({"actual_value": target, "occurrences": 0, "actual_set": True})
            record.sudo().rater_ids.rating_ids.write({"score": 90.0, "score_set": True})
            record.sudo().rater_ids.state = "submitted"
        appraisals.sudo().state = "review"
        self.assertEqual(set(appraisals.mapped("grade")), {"excellent"})
        self.user_hr.lang = LANG
        action = cycle.with_user(self.user_hr).action_open_calibration()
        wizard = self.env[action["res_model"]].with_user(self.user_hr).browse(action["res_id"])
        wizard = wizard.with_context(lang=LANG)
        wizard.threshold_excellent = 80.0  # everyone stays Excellent: the policy is not met
        self.assertIn("以下等级不符合等级比例要求：优秀", wizard.unmet)
        self.assertNotIn("Excellent", wizard.unmet)

    def test_period_names_in_every_language(self):
        Period = self.env["mfg.kpi.period"]
        quarter = Period.with_context(lang="en_US")._get_or_create("quarter", date(2031, 5, 1))
        self.assertEqual(quarter.with_context(lang="en_US").name, "2031 Q2")
        self.assertEqual(quarter.with_context(lang=LANG).name, "2031年 Q2")
        year = Period.with_context(lang=LANG)._get_or_create("year", date(2031, 5, 1))
        self.assertEqual(year.with_context(lang="en_US").name, "2031")
        self.assertEqual(year.with_context(lang=LANG).name, "2031年")
        # Found again, not renamed: a name changed by hand stays.
        year.with_context(lang=LANG).name = "二〇三一年度"
        again = Period.with_context(lang="en_US")._get_or_create("year", date(2031, 8, 1))
        self.assertEqual(again, year)
        self.assertEqual(again.with_context(lang=LANG).name, "二〇三一年度")
