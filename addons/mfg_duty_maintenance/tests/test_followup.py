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
        press = self.env["maintenance.equipment"].create({"name": "Press 2"})
        lathe = self.env["maintenance.equipment"].create({"name": "Lathe 1"})
        self.line_photo.equipment_id = press  # the check is about press 2
        self.assertEqual(item.equipment_id, press)
        # The operator says the problem is on the lathe (an answer field: allowed).
        item.write({"note": "Burr on the edge\nfound at 10:00", "equipment_id": lathe.id})
        item.action_mark_problem()
        item.followup_kind = "maintenance"
        self.assertFalse(item.followup_status)
        item.action_raise_followup()
        record = item.followup_ref
        self.assertEqual(record._name, "maintenance.request")
        self.assertEqual(
            (record.name, record.maintenance_type, record.employee_id, record.equipment_id),
            ("Burr on the edge", "corrective", self.emp_a, lathe),
        )
        self.assertIn("First piece photo", str(record.description))
        self.assertIn("found at 10:00", str(record.description))
        self.assertTrue(item.followup_date)
        # The checklist shows where the request stands: its stage, closed once done.
        item.invalidate_recordset(["followup_status", "followup_closed"])
        self.assertEqual(
            (item.followup_status, item.followup_closed), (record.stage_id.name, False)
        )
        done = self.env["maintenance.stage"].search([("done", "=", True)], limit=1)
        record.stage_id = done
        item.invalidate_recordset(["followup_status", "followup_closed"])
        self.assertEqual((item.followup_status, item.followup_closed), (done.name, True))

    def test_long_problem_title_is_cut(self):
        run = self._generate(MARCH_1, MARCH_1).filtered(
            lambda r: r.employee_id == self.emp_a and r.frequency == "daily"
        )
        item = run.item_ids.filtered(lambda i: i.line_id == self.line_photo)
        item.note = "x" * 100
        self.assertEqual(item._problem_summary(), "x" * 79 + "…")
        item.note = "\n  \n"
        self.assertEqual(item._problem_summary(), "First piece photo")
