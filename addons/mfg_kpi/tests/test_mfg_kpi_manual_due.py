from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .common import KpiCase


@tagged("post_install", "-at_install")
class TestManualEntriesDue(KpiCase):
    """What is still to be typed in for a period: manual KPIs without a value, per source."""

    def _due(self, period=None, user=None):
        action = (
            (period or self.period).with_user(user or self.user_steward).action_open_manual_due()
        )
        return action, self.env["mfg.kpi"].search(action["domain"])

    def test_manual_kpis_without_a_value_are_due(self):
        source = self.env["mfg.kpi.source"].create({"name": "Finance (test)"})
        self.kpi_manual.source_ids = source
        action, due = self._due()
        self.assertIn(self.kpi_manual, due)
        self.assertIn(self.kpi_rate, due)
        self.assertNotIn(self.kpi_team, due, "a computed KPI is never typed in")
        self.assertEqual(action["context"]["group_by"], ["source_ids"])
        self.assertEqual(action["context"]["mfg_due_period_id"], self.period.id)
        self.assertIn(self.period.display_name, action["name"])
        # Grouped per data source, the manual KPI sits under its source.
        groups = self.env["mfg.kpi"]._read_group(action["domain"], ["source_ids"], ["__count"])
        self.assertIn((source, 1), groups)

        # A value entered for the period: no longer due; another period still lists it.
        self.env["mfg.kpi.value"].with_user(self.user_steward).create(
            {
                "kpi_id": self.kpi_manual.id,
                "period_id": self.period.id,
                "subject_type": "employee",
                "employee_id": self.worker.id,
                "value": 80.0,
            }
        )
        _action, due = self._due()
        self.assertNotIn(self.kpi_manual, due)
        self.assertIn(self.kpi_rate, due)
        other = self.env["mfg.kpi.period"]._get_or_create(
            "month", self.period.date_end + timedelta(days=1)
        )
        self.assertIn(self.kpi_manual, self._due(other)[1])

    def test_enter_value_opens_a_value_for_the_period(self):
        action = (
            self.kpi_rate.with_user(self.user_steward)
            .with_context(mfg_due_period_id=self.period.id)
            .action_enter_value()
        )
        self.assertEqual(action["res_model"], "mfg.kpi.value")
        context = action["context"]
        self.assertEqual(context["default_kpi_id"], self.kpi_rate.id)
        self.assertEqual(context["default_period_id"], self.period.id)
        self.assertEqual(context["default_subject_type"], "department")

    def test_menu_opens_the_month_just_over(self):
        action = (
            self.env.ref("mfg_kpi.mfg_kpi_action_server_manual_due")
            .with_user(self.user_steward)
            .run()
        )
        period = self.env["mfg.kpi.period"].browse(action["context"]["mfg_due_period_id"])
        first = fields.Date.context_today(period).replace(day=1)
        self.assertEqual(period.kind, "month")
        self.assertEqual(period.date_end, first - timedelta(days=1))
        self.assertEqual(period.company_id, self.env.company)
