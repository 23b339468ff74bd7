# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestOnboardingTour(HttpCase):
    def test_onboarding_tour(self):
        """An administrator walks the assistant: applies the suggested tolerance, checks again
        and opens the job mapping from its item."""
        new_test_user(
            self.env,
            login="mfg_onb_tour",
            groups="base.group_system,hr.group_hr_manager,mfg_kpi.group_kpi_manager",
        )
        self.env.company.mfg_late_tolerance_minutes = 0
        self.start_tour("/odoo", "mfg_onboarding_tour", login="mfg_onb_tour")
        self.assertEqual(self.env.company.mfg_late_tolerance_minutes, 5)
