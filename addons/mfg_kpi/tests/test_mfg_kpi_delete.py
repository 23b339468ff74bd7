from odoo.addons.base.models.ir_model import MODULE_UNINSTALL_FLAG
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import KpiCase


@tagged("post_install", "-at_install")
class TestKpiDelete(KpiCase):
    """A KPI with values stays (archived, not deleted); only uninstalling its module removes
    it, and its values with it (the database cascades, the guard is skipped at uninstall)."""

    def test_kpi_with_values_cannot_be_deleted(self):
        self.env["mfg.kpi.provider"]._compute_periods(self.period, self.kpi_team)
        values = self.env["mfg.kpi.value"].search([("kpi_id", "=", self.kpi_team.id)])
        self.assertTrue(values)
        with self.assertRaisesRegex(UserError, "has values and cannot be deleted"):
            self.kpi_team.unlink()
        self.assertTrue(self.kpi_team.exists())
        self.kpi_team.action_archive()
        self.assertFalse(self.kpi_team.active)
        self.assertEqual(values.exists(), values)

    def test_kpi_without_values_can_be_deleted(self):
        self.assertFalse(self.env["mfg.kpi.value"].search([("kpi_id", "=", self.kpi_manual.id)]))
        self.kpi_manual.unlink()
        self.assertFalse(self.kpi_manual.exists())

    def test_uninstall_removes_the_values_with_the_kpi(self):
        self.env["mfg.kpi.provider"]._compute_periods(self.period, self.kpi_team)
        values = self.env["mfg.kpi.value"].search([("kpi_id", "=", self.kpi_team.id)])
        self.kpi_team.with_context(**{MODULE_UNINSTALL_FLAG: True}).unlink()
        self.assertFalse(values.exists())
