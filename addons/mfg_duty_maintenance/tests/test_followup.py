# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0)
from odoo.addons.mfg_duty.tests.common import MARCH_1, DutyCommon
from odoo.exceptions import UserError
from odoo.tests import tagged


@tagged("post_install", "-at_install")
class TestFollowup(DutyCommon):
    def test_problem_raises_maintenance(self):
        run = self._generate(MARCH_1, MARCH_1).filtered(
            lambda r: r.employee_id == self.emp_a and r.frequency == "daily"
        )
        item = run.item_ids.filtered(lambda i: i.line_id == self.line_photo).with_user(self.user_a)
        self.assertIn("maintenance", dict(item._get_followup_kinds()))
        with self.assertRaises(UserError):
            item._create_followup("maintenance")  # no problem recorded yet
        item.note = "Burr on the edge"
        item.action_mark_problem()
        item.followup_kind = "maintenance"
        item.action_raise_followup()
        record = item.followup_ref
        self.assertEqual(record._name, "maintenance.request")
        self.assertEqual(
            (record.name, record.maintenance_type, record.employee_id),
            ("First piece photo", "corrective", self.emp_a),
        )
        self.assertIn("Burr on the edge", str(record.description))
        self.assertTrue(item.followup_date)
