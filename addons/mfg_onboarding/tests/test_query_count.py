# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import new_test_user, tagged

from .common import OnboardingCase


@tagged("post_install", "-at_install")
class TestOnboardingQueries(OnboardingCase):
    """The checklist reads a company in as many queries whatever its size."""

    def _queries(self, onboarding):
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        onboarding.sudo()._checklist()
        return self.env.cr.sql_log_count - before

    def _grow(self, count, start):
        positions = self.Job._mfg_company_positions(self.company)
        workshop = self.env["hr.department"].create(
            {"name": f"Workshop {start}", "company_id": self.company.id}
        )
        superior = self.env["hr.employee"].create(
            {"name": f"Superior {start}", "company_id": self.company.id}
        )
        for index in range(start, start + count):
            self._workcentre(self.company, f"Centre {index}", workshop if index % 2 else None)
            user = new_test_user(
                self.env,
                login=f"mfg_onb_q{index}",
                groups="base.group_user",
                company_id=self.company.id,
            )
            self.env["hr.employee"].create(
                {
                    "name": f"Operator {index}",
                    "user_id": user.id,
                    "parent_id": superior.id,
                    "job_id": positions["job_operator"].id,
                    "company_id": self.company.id,
                }
            )

    def test_checklist_queries_flat(self):
        self.Job._mfg_apply_mapping(self.company)
        self._grow(2, 0)
        onboarding = self._onboarding()
        self._queries(onboarding)  # warm the caches
        small = self._queries(onboarding)
        self._grow(8, 10)
        self._queries(onboarding)  # creating users clears the registry caches
        large = self._queries(onboarding)
        self.assertEqual(small, large)
        onboarding.action_refresh()
        # The 10 operators' logins lack the employee group (their superior has no login).
        self.assertEqual(self._item(onboarding, "people").missing_count, 10)
        self.assertEqual(self._item(onboarding, "workcentres").missing_count, 5)
