# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import KioskCase
from .test_kiosk_team import KioskTeamCase


@tagged("post_install", "-at_install")
class TestKioskTour(KioskCase):
    def _operator_journey(self):
        self.start_tour(f"/mfg_shopfloor/kiosk/{self.token}", "mfg_shopfloor_operator_tour")
        first, second, third = self.items_a
        self.assertEqual(first.result, "done")
        self.assertEqual(second.result, "na")
        self.assertEqual(third.result, "problem")
        self.assertEqual(third.followup_ref._name, "maintenance.request")
        self.assertEqual(third.followup_ref.name, "Tour oil leak under press")
        self.assertTrue(third.attachment_ids)

    def test_operator_tablet(self):
        self.browser_size = "1280x800"
        self._operator_journey()

    def test_operator_phone(self):
        self.browser_size = "390x844"
        self.touch_enabled = True
        self._operator_journey()


@tagged("post_install", "-at_install")
class TestKioskLeaderTour(KioskTeamCase):
    def test_leader_rates_on_phone(self):
        self.browser_size = "390x844"
        self.touch_enabled = True
        self.start_tour(f"/mfg_shopfloor/kiosk/{self.token}", "mfg_shopfloor_leader_tour")
        self.assertEqual(self.rater_a.state, "submitted")
        self.assertEqual(set(self.rater_a.rating_ids.mapped("score")), {80})
