# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl)
from odoo.addons.mfg_duty.tests.common import MARCH_1, DutyCommon
from odoo.exceptions import UserError
from odoo.tests import tagged


@tagged("post_install", "-at_install")
class TestFollowup(DutyCommon):
    def test_problem_raises_quality(self):
        run = self._generate(MARCH_1, MARCH_1).filtered(
            lambda r: r.employee_id == self.emp_a and r.frequency == "daily"
        )
        item = run.item_ids.filtered(lambda i: i.line_id == self.line_photo).with_user(self.user_a)
        self.assertIn("quality", dict(item._get_followup_kinds()))
        with self.assertRaises(UserError):
            item._create_followup("quality")  # no problem recorded yet
        item.note = "Burr on the edge"
        item.action_mark_problem()
        item.followup_kind = "quality"
        item.action_raise_followup()
        record = item.followup_ref
        self.assertEqual(record._name, "qc.inspection")
        self.assertIn("First piece photo", record.internal_notes)
        self.assertIn("Burr on the edge", record.internal_notes)
        self.assertTrue(item.followup_date)
        # The checklist shows the inspection's state, closed once decided.
        self.assertEqual((item.followup_status, item.followup_closed), ("Draft", False))
        record.sudo().state = "failed"
        item.invalidate_recordset(["followup_status", "followup_closed"])
        self.assertEqual((item.followup_status, item.followup_closed), ("Quality failed", True))
