from unittest.mock import patch

from odoo.exceptions import UserError
from odoo.tests import tagged

from ..models.mfg_kpi_provider import Tally
from .common import KpiCase


def provide_team_tally(self, kpi, period):
    """Test provider through the framework's tools: the team size from a shared cohort."""
    clocks = self.env.context.get("test_clocks")
    if clocks is not None:
        clocks.append(self._clock(period).now)

    def read():
        groups = self.env["hr.employee"]._read_group(
            [("parent_id", "!=", False), ("company_id", "=", period.company_id.id)],
            ["parent_id"],
            ["id:array_agg"],
        )
        return [(manager.id, ids) for manager, ids in groups]

    tally = Tally()
    for manager_id, ids in self._cohort(period, "test_team", read):
        tally.add([("employee", manager_id)], len(ids), 0.0, ids)
    return self._tally_measures(kpi, tally, "hr.employee", kind="sum")


@tagged("post_install", "-at_install")
class TestKpiComputation(KpiCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        provider_cls = type(cls.env["mfg.kpi.provider"])
        cls.classPatch(provider_cls, "_provide_team_size", provide_team_tally)

    def _values(self):
        return self.env["mfg.kpi.value"].search(
            [("kpi_id", "=", self.kpi_team.id), ("period_id", "=", self.period.id)]
        )

    def test_cohort_is_computed_once_per_computation(self):
        Provider = self.env["mfg.kpi.provider"]
        calls = []

        def compute():
            calls.append(1)
            return {"figure": len(calls)}

        with Provider._cohort_scope():
            first = Provider._cohort(self.period, "test", compute)
            with Provider._cohort_scope():  # a nested scope shares the outer one
                again = Provider._cohort(self.period, "test", compute)
            other = Provider._cohort(self.period, "other", compute)
        self.assertIs(first, again)
        self.assertEqual(other, {"figure": 2}, "another key is another cohort")
        self.assertEqual(len(calls), 2)
        # Outside a computation, and in the next one, the cohort is read again.
        Provider._cohort(self.period, "test", compute)
        with Provider._cohort_scope():
            self.assertEqual(Provider._cohort(self.period, "test", compute), {"figure": 4})

    def test_kpis_of_one_computation_share_the_cohort(self):
        Provider = self.env["mfg.kpi.provider"]
        original = Provider._cohort
        keys = []

        def counting(model, period, key, compute):
            def counted():
                keys.append(key)
                return compute()

            return original(period, key, counted)

        two_periods = self.period | self.env["mfg.kpi.period"]._get_or_create(
            "month", self.period.date_end.replace(day=1).replace(month=4)
        )
        with patch.object(type(Provider), "_cohort", counting):
            Provider._compute_periods(two_periods, self.kpi_team)
            Provider._compute_periods(two_periods, self.kpi_team)
        self.assertEqual(keys, ["test_team"] * 4, "once per period and computation")

    def test_each_kpi_records_its_cost(self):
        self.assertFalse(self.kpi_team.last_compute_at)
        self.env["mfg.kpi.provider"]._compute_periods(self.period, self.kpi_team)
        self.assertTrue(self.kpi_team.last_compute_at)
        self.assertGreater(self.kpi_team.last_compute_queries, 0)
        self.assertGreaterEqual(self.kpi_team.last_compute_seconds, 0.0)
        self.assertFalse(self.kpi_manual.last_compute_at, "a manual KPI is not computed")
        for field, value in (
            ("last_compute_seconds", 0.0),
            ("last_compute_queries", 0),
            ("last_compute_at", False),
        ):
            with self.assertRaisesRegex(UserError, "Only the KPI computation"):
                self.kpi_team.with_user(self.user_manager).write({field: value})
        self.assertGreater(self.kpi_team.last_compute_queries, 0)

    def test_drill_down_rebuilds_the_counted_records_without_storing_ids(self):
        self.env["mfg.kpi.provider"]._compute_periods(self.period, self.kpi_team)
        value = self._values()
        self.assertEqual(value.value, 2.0)
        self.assertEqual(value.drill_model, "hr.employee")
        self.assertFalse(value.drill_domain, "no id list is stored on the value")
        clocks = []
        action = value.with_context(test_clocks=clocks).action_open_records()
        self.assertEqual(
            self.env["hr.employee"].search(action["domain"]), self.worker | self.worker2
        )
        self.assertEqual(clocks, [value.computed_at], "the provider runs with the value's clock")
        # A subject with nothing counted any more opens no record (never the whole model).
        (self.worker | self.worker2).write({"parent_id": False})
        self.assertFalse(self.env["hr.employee"].search(value._drill_domain()))

    def test_provider_tally_keeps_ids_for_a_drill_down_only(self):
        """A provider's tally sums weighted plans the same either way; it collects the
        counted record ids only when a drill-down runs the provider."""
        Provider = self.env["mfg.kpi.provider"]
        company = ("company", self.env.company.id)
        operator = ("employee", self.worker.id)
        tallies = {
            "computation": Provider._tally(),
            "drill-down": Provider.with_context(mfg_kpi_drill=True)._tally(),
        }
        for tally in tallies.values():
            # An order of 10 of 12 planned, its owner whole, an operator for 25% of the time.
            tally.add_plan(((company, 1.0), (operator, 0.25)), 10.0, 12.0, (7,))
            tally.add([company], 2.0, 4.0, (8, 9))
        for name, tally in tallies.items():
            rows = tally.rows()
            self.assertEqual(rows[company][:2], (12.0, 16.0), name)
            self.assertEqual(rows[operator][:2], (2.5, 3.0), name)
        self.assertEqual(tallies["computation"].rows()[company][2], set())
        self.assertEqual(tallies["drill-down"].rows()[company][2], {7, 8, 9})
        self.assertEqual(tallies["drill-down"].rows()[operator][2], {7})
        # The inverse KPI of the same cohort: numerator and denominator exchanged.
        swapped = tallies["drill-down"].swapped().rows()
        self.assertEqual(swapped[company], (16.0, 12.0, {7, 8, 9}))
        self.assertIsInstance(Provider._tally(), Tally)

    def test_computation_holds_its_periods_locked_open(self):
        """A computation locks its periods once: the values it stores in them take no lock
        again while it holds them, and outside it every store locks the period first."""
        Period = self.env["mfg.kpi.period"]
        locked = Period.create(
            {
                "name": "January 2024",
                "kind": "month",
                "date_start": "2024-01-01",
                "date_end": "2024-01-31",
                "company_id": self.env.company.id,
            }
        )
        locked._write_state("locked")
        periods = self.period | locked
        with periods._held_open() as open_periods:
            self.assertEqual(open_periods, self.period, "a locked period is not held")
            with self.assertQueryCount(0):
                self.assertEqual(self.period._lock_rows_open(), self.period)
                self.period._touch_values_added()
            # The locked period is read under its lock as always.
            self.assertFalse(locked._lock_rows_open())
        with self.assertQueryCount(1):
            self.assertEqual(self.period._lock_rows_open(), self.period)
