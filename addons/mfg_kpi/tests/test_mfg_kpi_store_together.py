from unittest.mock import patch

from odoo.sql_db import Cursor
from odoo.tests import tagged
from odoo.tools import SQL

from .common import KpiCase

RATE_CODE = "TEST_RATE"


@tagged("post_install", "-at_install")
class TestStoreTogether(KpiCase):
    """A computation stores the measures of all its KPIs and periods together, with the values
    and counts of storing each in turn: a provider registered as reading KPI values runs after
    they are stored and sees those of the same computation, and a failure stays with its
    KPI."""

    rate_reads_values = False  # whether the rate KPI's provider is registered as a reader

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        provider_cls = type(cls.env["mfg.kpi.provider"])
        original = provider_cls._get_providers

        def _get_providers(provider):
            providers = original(provider)
            providers[RATE_CODE] = {
                "name": "Rate (test)",
                "method": "_provide_test_rate",
                "reads_values": cls.rate_reads_values,
            }
            return providers

        cls.classPatch(provider_cls, "_get_providers", _get_providers)
        cls.april = cls.env["mfg.kpi.period"]._get_or_create(
            "month", cls.period.date_end.replace(month=4, day=1)
        )

    def setUp(self):
        super().setUp()
        self.seen = []  # what the rate's provider found

    def _rate(self, provide):
        """Register ``provide(provider, kpi, period)`` as the rate KPI's provider."""
        return patch.object(
            type(self.env["mfg.kpi.provider"]), "_provide_test_rate", provide, create=True
        )

    def _reader(self):
        """The rate KPI's provider registered as reading KPI values."""
        return patch.object(type(self), "rate_reads_values", True)

    def _team_value(self, provider, period):
        """What a provider reading KPI values finds: the boss's team size in ``period``."""
        value = provider.env["mfg.kpi.value"].search_fetch(
            [
                ("kpi_id", "=", self.kpi_team.id),
                ("period_id", "=", period.id),
                ("employee_id", "=", self.boss.id),
            ],
            ["value"],
        )
        return value.value if value else None

    def _measure(self, value):
        return [{"subject_type": "department", "department_id": self.department.id, "value": value}]

    def _values(self, kpi):
        return self.env["mfg.kpi.value"].search([("kpi_id", "=", kpi.id)])

    def _inserts(self, compute):
        """``compute()``'s result and its INSERT statements into mfg_kpi_value."""
        inserts = []
        execute = Cursor.execute

        def logging_execute(cr, query, params=None, log_exceptions=True):
            text = query.code if isinstance(query, SQL) else str(query)
            if text.lower().lstrip().startswith('insert into "mfg_kpi_value"'):
                inserts.append(text)
            return execute(cr, query, params, log_exceptions)

        self.env.flush_all()
        with patch.object(Cursor, "execute", logging_execute):
            result = compute()
            self.env.flush_all()
        return result, inserts

    def test_kpis_and_periods_stored_in_one_creation(self):
        Provider = self.env["mfg.kpi.provider"]
        periods = self.period | self.april
        with self._rate(lambda provider, kpi, period: self._measure(40.0)):
            counts, inserts = self._inserts(
                lambda: Provider._compute_periods(periods, self.kpi_team | self.kpi_rate)
            )
        self.assertEqual(counts, {"created": 4, "updated": 0, "locked": 0, "removed": 0})
        self.assertEqual(len(inserts), 1, "one creation of the 4 values of 2 KPIs in 2 periods")
        team, rate = self._values(self.kpi_team), self._values(self.kpi_rate)
        self.assertEqual(team.period_id, periods)
        self.assertEqual(set(team.mapped("value")), {2.0})
        self.assertEqual(set(team.mapped("source")), {"computed"})
        self.assertEqual(rate.department_id, self.department)
        self.assertEqual(set(rate.mapped("value")), {40.0})
        self.assertEqual(set(rate.mapped("period_kind")), {"month"})
        # Again: updated in place; a subject gone loses its value, in its own KPI only.
        with self._rate(lambda provider, kpi, period: []):
            counts = Provider._compute_periods(periods, self.kpi_team | self.kpi_rate)
        self.assertEqual(counts, {"created": 0, "updated": 2, "locked": 0, "removed": 2})
        self.assertEqual(self._values(self.kpi_team), team)
        self.assertFalse(self._values(self.kpi_rate).exists())

    def test_reader_reads_the_values_of_the_same_computation(self):
        def provide(provider, kpi, period):
            self.seen.append(self._team_value(provider, period))
            return self._measure(10.0 * (self.seen[-1] or 0.0))

        Provider = self.env["mfg.kpi.provider"]
        # The reader comes first in the KPIs given: it still runs after the team size.
        with self._rate(provide), self._reader():
            counts = Provider._compute_periods(self.period, self.kpi_rate | self.kpi_team)
        self.assertEqual(self.seen, [2.0], "the team size of this computation")
        self.assertEqual(counts["created"], 2)
        self.assertEqual(self._values(self.kpi_rate).value, 20.0)
        # Not registered as a reader, it runs in the KPIs' order and stores with the others:
        # it reads what the previous computation stored (nothing here in April).
        with self._rate(provide):
            Provider._compute_periods(self.april, self.kpi_rate | self.kpi_team)
        self.assertEqual(self.seen, [2.0, None])

    def test_failing_reader_keeps_the_values_stored_before_it(self):
        def provide(provider, kpi, period):
            self.seen.append(self._team_value(provider, period))
            raise ZeroDivisionError("the reader fails after reading")

        with (
            self._rate(provide),
            self._reader(),
            self.assertLogs("odoo.addons.mfg_kpi.models.mfg_kpi_provider", "ERROR"),
        ):
            counts = self.env["mfg.kpi.provider"]._compute_periods(
                self.period, self.kpi_team | self.kpi_rate
            )
        self.assertEqual(self.seen, [2.0])
        self.assertEqual(counts, {"created": 1, "updated": 0, "locked": 0, "removed": 0})
        self.assertEqual(self._values(self.kpi_team).value, 2.0, "stored again after the failure")
        self.assertFalse(self._values(self.kpi_rate))
        self.assertIn("the reader fails", self.kpi_rate.last_error)
        self.assertFalse(self.kpi_team.last_error)

    def test_a_value_that_cannot_be_stored_fails_its_kpi_only(self):
        with (
            self._rate(lambda provider, kpi, period: self._measure(-5.0)),
            self.assertLogs("odoo.addons.mfg_kpi.models.mfg_kpi_provider", "ERROR") as logs,
        ):
            counts = self.env["mfg.kpi.provider"]._compute_periods(
                self.period | self.april, self.kpi_team | self.kpi_rate
            )
        self.assertEqual(counts, {"created": 2, "updated": 0, "locked": 0, "removed": 0})
        self.assertEqual(len(logs.output), 2, "the rate KPI fails in each period")
        self.assertEqual(self._values(self.kpi_team).period_id, self.period | self.april)
        self.assertFalse(self._values(self.kpi_rate))
        self.assertIn("not a valid value", self.kpi_rate.last_error)
        self.assertFalse(self.kpi_team.last_error)
