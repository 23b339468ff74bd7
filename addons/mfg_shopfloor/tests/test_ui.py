# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .test_kiosk_self_assessment import KioskSheetCase


@tagged("post_install", "-at_install")
class TestKioskTour(KioskSheetCase):
    def _operator_journey(self):
        self.start_tour(f"/mfg_shopfloor/kiosk/{self.token}", "mfg_shopfloor_operator_tour")
        first, second, third = self.items_a
        self.assertEqual(first.result, "done")
        self.assertEqual(second.result, "na")
        self.assertEqual(third.result, "problem")
        self.assertEqual(third.followup_ref._name, "maintenance.request")
        self.assertEqual(third.followup_ref.name, "Tour oil leak under press")
        self.assertTrue(third.attachment_ids)
        # The self-assessment of the operator without a user: the first level's top score on
        # the attitude item, 80 on communication, the self-report; rating has started.
        ratings = self.self_a.rating_ids.sorted(lambda r: r.line_id.sequence)
        self.assertEqual(ratings.mapped("score"), [100, 80])
        self.assertEqual(self.self_a.state, "submitted")
        self.assertEqual(self.appraisal_a.state, "rating")
        self.assertIn("Kept the press running all quarter", self.appraisal_a.self_report)

    def test_operator_tablet(self):
        self.browser_size = "1280x800"
        self._operator_journey()

    def test_operator_phone(self):
        self.browser_size = "390x844"
        self.touch_enabled = True
        self._operator_journey()


@tagged("post_install", "-at_install")
class TestKioskLeaderTour(KioskSheetCase):
    def test_leader_rates_on_phone(self):
        # HR closed operator A's self-assessment step: the team leader rates now.
        self.appraisal_a.action_submit_self()
        rater = self.appraisal_a.rater_ids.filtered(lambda r: r.user_id == self.user_leader)
        self.browser_size = "390x844"
        self.touch_enabled = True
        self.start_tour(f"/mfg_shopfloor/kiosk/{self.token}", "mfg_shopfloor_leader_tour")
        self.assertEqual(rater.state, "submitted")
        self.assertEqual(set(rater.rating_ids.mapped("score")), {80})
        lines = self.appraisal_a.line_ids
        linear = lines.filtered(lambda line: line.rule_kind == "linear")
        count = lines.filtered(lambda line: line.rule_kind == "occurrence")
        self.assertEqual((linear.actual_value, linear.score), (93, 90))
        self.assertEqual((count.occurrences, count.score), (2, 80))
