# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import SafetyCase


@tagged("post_install", "-at_install")
class TestPpe(SafetyCase):
    def test_issue_per_position_and_renewal(self):
        job = self.env["hr.job"].create({"name": "Press operator", "company_id": self.plant.id})
        (self.emp_worker | self.emp_other).write({"job_id": job.id})
        shoes = self.env["mfg.safety.ppe.type"].create(
            {
                "name": "Shoes",
                "company_id": self.plant.id,
                "job_ids": [(6, 0, job.ids)],
                "validity_months": 6,
            }
        )
        with freeze_time("2026-01-10"):
            issues = shoes.with_user(self.officer).action_issue_to_positions()
            self.assertEqual(issues.employee_id, self.emp_worker | self.emp_other)
            self.assertEqual(set(issues.mapped("date_expiry")), {date(2026, 7, 10)})
            # Everyone has shoes in service: nothing more to issue.
            self.assertFalse(shoes.with_user(self.officer).action_issue_to_positions())
        with freeze_time("2026-07-01"):
            due = self.env["mfg.safety.ppe.issue"].search(
                [("is_due", "=", True), ("id", "in", issues.ids)]
            )
            self.assertEqual(due, issues)
            self.env["mfg.safety.ppe.issue"]._cron_renewal()
            renewal = self.env.ref("mfg_safety.mail_activity_type_ppe_renewal")
            self.assertEqual(
                len(issues.activity_ids.filtered(lambda a: a.activity_type_id == renewal)), 2
            )
            new = issues[0].with_user(self.officer).action_renew()
            self.assertEqual(issues[0].state, "renewed")
            self.assertEqual(issues[0].renewal_id, new)
            self.assertEqual(new.date_expiry, date(2027, 1, 1))
        with self.assertRaisesRegex(UserError, "Only equipment in service"):
            issues[0].with_user(self.officer).action_renew()
        with self.assertRaisesRegex(UserError, "Only a safety officer"):
            issues[1].with_user(self.manager).action_renew()
        with self.assertRaisesRegex(ValidationError, "must be positive"):
            shoes.validity_months = 0
