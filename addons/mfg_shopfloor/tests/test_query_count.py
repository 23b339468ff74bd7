# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields
from odoo.tests import tagged

from .test_kiosk_self_assessment import KioskSheetCase


@tagged("post_install", "-at_install")
class TestKioskQueryCount(KioskSheetCase):
    """The team leader's kiosk screens read in as many queries for a larger team."""

    def queries(self, method, *args):
        self.env.flush_all()
        self.env.invalidate_all()
        session = self.env["mfg.shopfloor.session"].browse(self.session.id)
        before = self.env.cr.sql_log_count
        result = getattr(session, method)(*args)
        return self.env.cr.sql_log_count - before, result

    def assertFlat(self, method, *args, grow, size):
        self.queries(method, *args)  # warm the caches
        small, result = self.queries(method, *args)
        small_size = size(result)
        grow()
        self.queries(method, *args)
        large, result = self.queries(method, *args)
        self.assertGreater(size(result), small_size, f"{method}: the data grew")
        self.assertEqual(small, large, f"{method}: queries grew")

    def setUp(self):
        super().setUp()
        self.session = self.env["mfg.shopfloor.session"]._mfg_open(
            self.workshop, self.leader, "badge"
        )
        self.today = fields.Date.context_today(self.op_a.with_context(tz="UTC"))
        # Operator A is being rated.
        self.appraisal_a.action_submit_self()

    def test_rating_and_value_tasks_flat(self):
        def grow():
            (self.appraisal_b | self.appraisal_u).sudo().write({"state": "rating"})

        self.assertFlat("_mfg_rater_tasks", grow=grow, size=len)
        (self.appraisal_b | self.appraisal_u).write({"state": "self_assessment"})
        self.env.invalidate_all()
        self.assertFlat("_mfg_value_tasks", grow=grow, size=len)

    def test_team_overview_flat(self):
        def grow():
            employees = self.env["hr.employee"].create(
                [
                    {
                        "name": f"Kiosk Operator {index}",
                        "job_id": self.job.id,
                        "parent_id": self.leader.id,
                        "department_id": self.team.id,
                        "company_id": self.company.id,
                        "tz": "UTC",
                    }
                    for index in range(4)
                ]
            )
            self.env["mfg.duty.run"]._generate(self.today, self.today, templates=self.template)
            items = self.env["mfg.duty.run.item"].search([("employee_id", "in", employees.ids)])
            items[:2].action_mark_done()

        self.assertFlat(
            "_mfg_team_overview", self.today, grow=grow, size=lambda data: len(data["members"])
        )
