# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The timeliness of a delivered report is the system's: refused through the external API."""

from datetime import date

from odoo.addons.mfg_kpi.tests.rpc import RpcCase
from odoo.tests import tagged

from .common import DutyCommon


@tagged("post_install", "-at_install")
class TestDeliverySecurityApi(DutyCommon, RpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.kpi = cls.env["mfg.kpi"].search([("code", "=", "PROGRESS_REPORT_TIMELINESS")])
        cls.template.line_ids.active = False
        cls.line = cls.env["mfg.duty.template.line"].create(
            {
                "template_id": cls.template.id,
                "name": "Progress report",
                "frequency": "daily",
                "kind": "delivery",
                "delivery_kpi_id": cls.kpi.id,
            }
        )
        cls._generate(date(2026, 3, 2), date(2026, 3, 2))
        cls.item = cls.Item.search(
            [("employee_id", "=", cls.emp_a.id), ("line_id", "=", cls.line.id)]
        )

    def test_nobody_writes_the_timeliness(self):
        fields_ = ["delivered_on_time", "checked_date", "due_date", "delivery_kpi_id"]
        before = self.snapshot(self.item, fields_)
        for user in (self.user_a, self.user_manager):
            for vals in (
                {"delivered_on_time": True},
                {"checked_date": "2026-03-02 08:00:00"},
                {"due_date": "2026-03-31"},
            ):
                refused = self.refused(user, "mfg.duty.run.item", "write", [self.item.id], vals)
                self.assertIn("recorded by the system", refused.message)
        self.assertEqual(self.snapshot(self.item, fields_), before)

    def test_the_employee_delivers_and_the_system_dates_it(self):
        self.rpc(self.user_a, "mfg.duty.run.item", "action_mark_done", [self.item.id])
        values = self.snapshot(self.item, ["result", "checked_date", "delivered_on_time"])[0]
        self.assertEqual(values["result"], "done")
        self.assertTrue(values["checked_date"])
        # Delivered today, long after its due day (March 2nd, 2026): late.
        self.assertFalse(values["delivered_on_time"])

    def test_only_percentage_kpis_are_linked(self):
        count_kpi = self.env["mfg.kpi"].search([("unit", "=", "count")], limit=1)
        refused = self.refused(
            self.user_manager,
            "mfg.duty.template.line",
            "write",
            [self.line.id],
            {"delivery_kpi_id": count_kpi.id},
        )
        self.assertIn("must be a percentage", refused.message)
        self.assertEqual(
            self.snapshot(self.line, ["delivery_kpi_id"])[0]["delivery_kpi_id"][0], self.kpi.id
        )
