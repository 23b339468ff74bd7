from unittest.mock import patch

from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import SQL

from .common import TEST_CODE, KpiCase


@tagged("post_install", "-at_install")
class TestKpiProvider(KpiCase):
    def _values(self):
        return self.env["mfg.kpi.value"].search(
            [("kpi_id", "=", self.kpi_team.id), ("period_id", "=", self.period.id)]
        )

    def test_registered_provider_makes_kpi_computed(self):
        self.assertEqual(self.kpi_team.measurement, "computed")
        self.assertEqual(self.kpi_team.provider_name, "Team size (test)")
        self.assertEqual(self.kpi_manual.measurement, "manual")
        self.assertIn(TEST_CODE, self.env["mfg.kpi.provider"]._get_providers())

    def test_compute_creates_values_for_subjects_with_data_only(self):
        counts = self.env["mfg.kpi.provider"]._compute_periods(self.period, self.kpi_team)
        self.assertEqual(counts, {"created": 1, "updated": 0, "locked": 0, "removed": 0})
        value = self._values()
        self.assertEqual(value.employee_id, self.boss)
        self.assertEqual(value.value, 2.0)
        self.assertEqual(value.source, "computed")
        self.assertTrue(value.computed_at)
        # Nobody reports to the workers: no value at all, not a zero.
        self.assertFalse(self._values().filtered(lambda v: v.employee_id == self.worker))

    def test_recompute_updates_in_place(self):
        Provider = self.env["mfg.kpi.provider"]
        Provider._compute_periods(self.period, self.kpi_team)
        value = self._values()
        self.env["hr.employee"].create({"name": "Worker 3", "parent_id": self.boss.id})
        counts = Provider._compute_periods(self.period, self.kpi_team)
        self.assertEqual(counts, {"created": 0, "updated": 1, "locked": 0, "removed": 0})
        self.assertEqual(self._values(), value, "the value is updated, not recreated")
        self.assertEqual(value.value, 3.0)

    def test_locked_value_never_changes(self):
        Provider = self.env["mfg.kpi.provider"]
        Provider._compute_periods(self.period, self.kpi_team)
        value = self._values()
        value.with_user(self.user_manager).action_lock()
        self.env["hr.employee"].create({"name": "Worker 3", "parent_id": self.boss.id})
        counts = Provider._compute_periods(self.period, self.kpi_team)
        self.assertEqual(counts, {"created": 0, "updated": 0, "locked": 1, "removed": 0})
        self.assertEqual(value.value, 2.0)
        with self.assertRaisesRegex(UserError, "never change"):
            value.write({"value": 5.0, "reason": "try"})
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            value.unlink()

    def test_locked_period_is_skipped_and_closed(self):
        self.env["mfg.kpi.provider"]._compute_periods(self.period, self.kpi_team)
        self.period.action_lock()
        self.assertEqual(self._values().state, "locked")
        counts = self.env["mfg.kpi.provider"]._compute_periods(self.period, self.kpi_team)
        self.assertEqual(counts, {"created": 0, "updated": 0, "locked": 0, "removed": 0})
        with self.assertRaisesRegex(UserError, "locked period"):
            self.env["mfg.kpi.value"].create(
                {
                    "kpi_id": self.kpi_manual.id,
                    "period_id": self.period.id,
                    "employee_id": self.worker.id,
                    "value": 50,
                }
            )

    def test_value_disappears_with_its_data(self):
        Provider = self.env["mfg.kpi.provider"]
        Provider._compute_periods(self.period, self.kpi_team)
        (self.worker | self.worker2).write({"parent_id": False})
        counts = Provider._compute_periods(self.period, self.kpi_team)
        self.assertEqual(counts, {"created": 0, "updated": 0, "locked": 0, "removed": 1})
        self.assertFalse(self._values(), "no data, no value: never a stale one")

    def test_drill_down_opens_exactly_the_counted_records(self):
        self.env["mfg.kpi.provider"]._compute_periods(self.period, self.kpi_team)
        action = self._values().action_open_records()
        self.assertEqual(action["res_model"], "hr.employee")
        records = self.env["hr.employee"].search(action["domain"])
        self.assertEqual(records, self.worker | self.worker2)

    def test_manual_value_has_no_drill_down(self):
        value = self.env["mfg.kpi.value"].create(
            {
                "kpi_id": self.kpi_manual.id,
                "period_id": self.period.id,
                "employee_id": self.worker.id,
                "value": 80,
            }
        )
        with self.assertRaisesRegex(UserError, "no source records"):
            value.action_open_records()

    def test_recompute_wizard_requires_manager(self):
        wizard = (
            self.env["mfg.kpi.compute.wizard"]
            .with_user(self.user_manager)
            .create(
                {"period_ids": [(6, 0, self.period.ids)], "kpi_ids": [(6, 0, self.kpi_team.ids)]}
            )
        )
        action = wizard.action_compute()
        self.assertEqual(action["params"]["type"], "success")
        self.assertEqual(len(self._values()), 1)
        wizard.with_user(self.user_steward)
        with self.assertRaises(UserError):
            self.env["mfg.kpi.compute.wizard"].with_user(self.user_steward).browse(
                wizard.id
            ).action_compute()

    def test_cron_computes_current_periods(self):
        totals = self.env["mfg.kpi.provider"]._cron_compute()
        self.assertGreaterEqual(totals["created"], 1)
        values = self.env["mfg.kpi.value"].search([("kpi_id", "=", self.kpi_team.id)])
        self.assertEqual(set(values.period_id.mapped("kind")), {"month", "quarter", "year"})

    def test_query_count_does_not_grow_with_headcount(self):
        Employee = self.env["hr.employee"]
        Provider = self.env["mfg.kpi.provider"]

        def queries_for(managers):
            bosses = Employee.create([{"name": f"M{i}"} for i in range(managers)])
            Employee.create([{"name": f"W{b.id}", "parent_id": b.id} for b in bosses])
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            Provider._compute_periods(self.period, self.kpi_team)  # creates
            self.env.flush_all()
            created = self.env.cr.sql_log_count - before
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            Provider._compute_periods(self.period, self.kpi_team)  # updates
            self.env.flush_all()
            return created, self.env.cr.sql_log_count - before

        Provider._compute_periods(self.period, self.kpi_team)  # warm the caches
        self.env["mfg.kpi.value"].search([("kpi_id", "=", self.kpi_team.id)]).unlink()
        small = queries_for(5)
        self.env["mfg.kpi.value"].search([("kpi_id", "=", self.kpi_team.id)]).unlink()
        large = queries_for(60)
        self.assertEqual(small, large)

    def test_fetch_rows_without_jit_restores_the_setting(self):
        Provider = self.env["mfg.kpi.provider"]
        cr = self.env.cr
        cr.execute("SET LOCAL jit = on")
        rows = Provider._fetch_rows(SQL("SELECT current_setting('jit')"), jit=False)
        self.assertEqual(rows, [("off",)], "the statement runs without JIT")
        cr.execute("SELECT current_setting('jit')")
        self.assertEqual(cr.fetchone()[0], "on", "and the setting is restored after it")


@tagged("post_install", "-at_install")
class TestProviderFailure(KpiCase):
    """One failing provider never rolls back the others: each (KPI, period) is computed in its
    own savepoint, and the failure is shown on its KPI."""

    def test_failing_provider_leaves_the_others_computed(self):
        Provider = self.env["mfg.kpi.provider"]
        broken = self.env["mfg.kpi"].create(
            {"code": "TEST_BROKEN", "name": "Broken (test)", "unit": "count"}
        )
        original = type(Provider)._get_providers

        def _get_providers(provider):
            providers = original(provider)
            providers["TEST_BROKEN"] = {"name": "Broken (test)", "method": "_provide_broken"}
            return providers

        def _provide_broken(provider, kpi, period):
            # A provider that writes, then fails: its writes must not survive.
            provider.env["mfg.kpi.value"].create(
                {"kpi_id": kpi.id, "period_id": period.id, "employee_id": self.boss.id, "value": 9}
            )
            raise ZeroDivisionError("division by zero in the broken provider")

        with (
            patch.object(type(Provider), "_get_providers", _get_providers),
            patch.object(type(Provider), "_provide_broken", _provide_broken, create=True),
            self.assertLogs("odoo.addons.mfg_kpi.models.mfg_kpi_provider", "ERROR") as logs,
        ):
            counts = Provider._compute_periods(self.period, self.kpi_team | broken)
        self.assertIn("TEST_BROKEN failed", logs.output[0])
        self.assertEqual(counts["created"], 1, "the working KPI is computed")
        Value = self.env["mfg.kpi.value"]
        self.assertTrue(Value.search([("kpi_id", "=", self.kpi_team.id)]))
        self.assertFalse(Value.search([("kpi_id", "=", broken.id)]), "nothing half-written")
        self.assertIn("division by zero", broken.last_error)
        self.assertIn(self.period.display_name, broken.last_error)
        self.assertTrue(broken.last_error_at)
        with self.assertRaisesRegex(UserError, "Only the KPI computation"):
            broken.with_user(self.user_manager).write({"last_error": False})
        # Once it computes again, the error goes away.
        with (
            patch.object(type(Provider), "_get_providers", _get_providers),
            patch.object(type(Provider), "_provide_broken", lambda *args: [], create=True),
        ):
            Provider._compute_periods(self.period, broken)
        self.assertFalse(broken.last_error)
