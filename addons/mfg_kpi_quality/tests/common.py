# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from freezegun import freeze_time

from odoo.addons.mfg_kpi.tests.common import ProviderCase
from odoo.addons.mfg_quality_trigger.tests.common import QualityTriggerCase

MARCH_1 = date(2026, 3, 1)
NOW = "2026-04-15 12:00:00"  # when the March KPIs are computed


class QualityKpiCase(QualityTriggerCase, ProviderCase):
    """The plant of the trigger tests (see ``QualityTriggerCase``), with its March 2026 KPI
    period."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.march = cls.env["mfg.kpi.period"]._get_or_create("month", MARCH_1, cls.company)

    def _compute(self, code, period=None, now=NOW):
        period = period or self.march
        kpi = self.env["mfg.kpi"].search([("code", "=", code)])
        self.assertTrue(kpi, f"KPI {code} exists")
        with freeze_time(now):
            self.env["mfg.kpi.provider"]._compute_kpi(kpi, period)
        values = self.env["mfg.kpi.value"].search(
            [("kpi_id", "=", kpi.id), ("period_id", "=", period.id)]
        )
        return {value._subject_record(): value for value in values}

    def _drill(self, value):
        return self.env[value.drill_model].search(value._drill_domain())
