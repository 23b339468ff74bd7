# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .scenario import QualityScenario


@tagged("post_install", "-at_install")
class TestAccess(QualityScenario):
    def test_only_managers_record_inspection_errors(self):
        with self.assertRaises(AccessError):
            self.i1.with_user(self.user_insp1).write({"mfg_error": True})
        self.i1.with_user(self.user_qc_manager).write({"mfg_error": True, "mfg_error_loss": 10})
        self.assertTrue(self.i1.mfg_error)

    def test_followup_needs_a_failed_inspection_and_a_disposition(self):
        with self.assertRaisesRegex(UserError, "did not fail"):
            self.i1.with_user(self.user_insp1).action_mfg_close_followup()
        with self.assertRaisesRegex(UserError, "disposition"):
            self.i5.with_user(self.user_insp1).action_mfg_close_followup()
        self.i5.with_user(self.user_insp1).mfg_nc_action = "return"
        self.i5.with_user(self.user_insp1).action_mfg_close_followup()
        self.assertTrue(self.i5.mfg_nc_closed_at)
        self.i5.with_user(self.user_insp1).action_mfg_reopen_followup()
        self.assertFalse(self.i5.mfg_nc_closed_at)
