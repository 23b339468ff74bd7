# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Complaints about late inspections through the external API (JSON-RPC)."""

from odoo.addons.mfg_kpi.tests.rpc import RpcCase
from odoo.tests import tagged

from .scenario import QualityScenario

COMPLAINT = {"mfg_late_complaint": True, "mfg_late_complaint_date": "2026-03-20"}


@tagged("post_install", "-at_install")
class TestComplaintApi(QualityScenario, RpcCase):
    def test_inspector_cannot_record_a_complaint(self):
        refused = self.refused(self.user_insp1, "qc.inspection", "write", [self.i2.id], COMPLAINT)
        self.assertEqual(refused.kind, "AccessError")
        self.assertFalse(self.snapshot(self.i2, ["mfg_late_complaint"])[0]["mfg_late_complaint"])

    def test_manager_records_it_on_a_late_inspection_only(self):
        refused = self.refused(
            self.user_qc_manager, "qc.inspection", "write", [self.i1.id], COMPLAINT
        )
        self.assertEqual(refused.kind, "ValidationError")
        self.assertFalse(self.snapshot(self.i1, ["mfg_late_complaint"])[0]["mfg_late_complaint"])
        self.rpc(self.user_qc_manager, "qc.inspection", "write", [self.i2.id], COMPLAINT)
        self.assertTrue(self.snapshot(self.i2, ["mfg_late_complaint"])[0]["mfg_late_complaint"])
