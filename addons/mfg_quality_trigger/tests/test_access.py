# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .scenario import QualityTriggerScenario


@tagged("post_install", "-at_install")
class TestAccess(QualityTriggerScenario):
    def test_clerk_without_quality_rights_triggers_inspections(self):
        # The receipts were validated by the warehouse clerk: inspections exist all the same,
        # but the clerk cannot read them.
        self.assertEqual(self.r1.create_uid, self.user_stock)
        with self.assertRaises(AccessError):
            self.i1.with_user(self.user_stock).read(["state"])

    def test_inspectors_without_hr_rights_see_the_accountable_employee(self):
        values = self.i7.with_user(self.user_insp1).read(["mfg_employee_id", "mfg_department_id"])
        self.assertEqual(values[0]["mfg_employee_id"][0], self.emp_resp.id)
        self.assertEqual(values[0]["mfg_department_id"][0], self.dep_w1.id)

    def test_inspectors_read_but_do_not_change_triggers(self):
        self.assertTrue(self.rule_in.with_user(self.user_insp1).read(["name"]))
        with self.assertRaises(AccessError):
            self.rule_in.with_user(self.user_insp1).write({"name": "Changed"})
