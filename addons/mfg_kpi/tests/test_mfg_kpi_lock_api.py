"""KPI locks that cannot be bypassed: every probe of the review through the real external API
(/jsonrpc, execute_kw) as a data steward and as a KPI manager, refused with a clear message and
the database unchanged; and the row lock that serialises locking and computing a period."""

from contextlib import contextmanager
from datetime import date
from unittest.mock import patch

from odoo.exceptions import UserError
from odoo.sql_db import Cursor
from odoo.tests import tagged
from odoo.tools import SQL

from .common import KpiCase
from .rpc import RpcCase

VALUE = "mfg.kpi.value"
PERIOD = "mfg.kpi.period"
BYPASS = {"mfg_kpi_lock": True}


@tagged("post_install", "-at_install")
class TestKpiLockApi(KpiCase, RpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Value = cls.env[VALUE]
        Provider = cls.env["mfg.kpi.provider"]
        # February: computed and manual values, then locked by a manager.
        cls.feb = cls.env[PERIOD]._get_or_create("month", date(2026, 2, 10))
        Provider._compute_periods(cls.feb, cls.kpi_team)
        cls.feb_manual = Value.create(
            {
                "kpi_id": cls.kpi_manual.id,
                "period_id": cls.feb.id,
                "employee_id": cls.worker.id,
                "value": 70,
            }
        )
        cls.feb.with_user(cls.user_manager).action_lock()
        cls.locked = Value.search([("period_id", "=", cls.feb.id)])
        # March (cls.period, open): a computed draft and a confirmed manual value.
        Provider._compute_periods(cls.period, cls.kpi_team)
        cls.computed = Value.search(
            [("period_id", "=", cls.period.id), ("kpi_id", "=", cls.kpi_team.id)]
        )
        cls.manual = Value.create(
            {
                "kpi_id": cls.kpi_manual.id,
                "period_id": cls.period.id,
                "employee_id": cls.worker.id,
                "value": 80,
            }
        )
        cls.manual.action_confirm()

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _state(self):
        """Every value and period of the test, re-read from the database."""
        Value = self.env[VALUE].sudo()
        periods = self.feb | self.period
        values = Value.search([("period_id", "in", periods.ids)], order="id")
        return {"values": self.snapshot(values), "periods": self.snapshot(periods)}

    def assertRefusedUnchanged(self, user, model, method, *args, message=None, **kwargs):
        """The call is refused (with ``message`` in its text when given) and no value or period
        of the test changed, appeared or disappeared."""
        before = self._state()
        refusal = self.refused(user, model, method, *args, **kwargs)
        if message:
            self.assertIn(message, refusal.message)
        self.assertEqual(self._state(), before, f"{model}.{method} changed nothing")
        return refusal

    def _new_vals(self, period=None, **extra):
        return {
            "kpi_id": self.kpi_manual.id,
            "period_id": (period or self.period).id,
            "employee_id": self.worker2.id,
            "value": 60.0,
            **extra,
        }

    @contextmanager
    def _queries(self):
        """The SQL run inside the block, in order."""
        queries = []
        execute = Cursor.execute

        def logging_execute(cr, query, params=None, log_exceptions=True):
            queries.append(query.code if isinstance(query, SQL) else str(query))
            return execute(cr, query, params, log_exceptions)

        self.env.flush_all()
        with patch.object(Cursor, "execute", logging_execute):
            yield queries
            self.env.flush_all()

    @staticmethod
    def _first(queries, *words):
        words = [w.lower() for w in words]
        for index, query in enumerate(queries):
            text = " ".join(query.lower().split())
            if all(w in text for w in words):
                return index
        return None

    # ------------------------------------------------------------------
    # Locked values and periods, through /jsonrpc
    # ------------------------------------------------------------------
    def test_locked_fixture(self):
        self.assertEqual(self.feb.state, "locked")
        self.assertEqual(len(self.locked), 2)
        self.assertEqual(set(self.locked.mapped("state")), {"locked"})
        self.assertEqual(set(self.locked.mapped("source")), {"computed", "manual"})

    def test_state_of_locked_value_cannot_be_written(self):
        for user in (self.user_steward, self.user_manager):
            for value in self.locked:
                with self.subTest(user=user.login, value=value.source):
                    self.assertRefusedUnchanged(
                        user,
                        VALUE,
                        "write",
                        value.ids,
                        {"state": "draft"},
                        message="not written directly",
                    )

    def test_context_key_does_not_reopen_a_locked_value(self):
        for user in (self.user_steward, self.user_manager):
            with self.subTest(user=user.login):
                self.assertRefusedUnchanged(
                    user,
                    VALUE,
                    "write",
                    self.locked.ids,
                    {"value": 1.0, "reason": "rewrite"},
                    context=BYPASS,
                    message="Locked KPI values never change",
                )
                self.assertRefusedUnchanged(
                    user,
                    VALUE,
                    "write",
                    self.locked.ids,
                    {"state": "draft", "value": 1.0, "reason": "rewrite"},
                    context=BYPASS,
                    message="not written directly",
                )
                self.assertRefusedUnchanged(
                    user,
                    VALUE,
                    "write",
                    self.manual.ids,
                    {"state": "locked"},
                    context=BYPASS,
                    message="not written directly",
                )

    def test_state_of_value_cannot_be_written_even_when_open(self):
        for user in (self.user_steward, self.user_manager):
            for state in ("draft", "confirmed", "locked"):
                with self.subTest(user=user.login, state=state):
                    self.assertRefusedUnchanged(
                        user,
                        VALUE,
                        "write",
                        (self.computed | self.manual).ids,
                        {"state": state},
                        message="not written directly",
                    )

    def test_state_of_period_cannot_be_written(self):
        for user in (self.user_steward, self.user_manager):
            with self.subTest(user=user.login):
                self.assertRefusedUnchanged(
                    user, PERIOD, "write", self.feb.ids, {"state": "open"}, context=BYPASS
                )
                self.assertRefusedUnchanged(
                    user, PERIOD, "write", self.period.ids, {"state": "locked"}, context=BYPASS
                )
        refusal = self.assertRefusedUnchanged(
            self.user_manager, PERIOD, "write", self.feb.ids, {"state": "open"}
        )
        self.assertIn("not written directly", refusal.message)
        self.assertRefusedUnchanged(
            self.user_manager,
            PERIOD,
            "create",
            {
                "name": "Locked from birth",
                "kind": "month",
                "date_start": "2026-04-01",
                "date_end": "2026-04-30",
                "state": "locked",
            },
            message="created open",
        )

    def test_locked_period_keeps_its_span(self):
        self.assertRefusedUnchanged(
            self.user_manager,
            PERIOD,
            "write",
            self.feb.ids,
            {"date_end": "2026-03-31", "kind": "custom"},
            message="is locked",
        )
        self.assertRefusedUnchanged(
            self.user_manager, PERIOD, "unlink", self.feb.ids, message="is locked"
        )
        # Its name is no measure: it may still be renamed.
        self.rpc(self.user_manager, PERIOD, "write", self.feb.ids, {"name": "February (final)"})
        self.assertEqual(self.feb.name, "February (final)")

    def test_no_value_is_added_to_a_locked_period(self):
        for user in (self.user_steward, self.user_manager):
            with self.subTest(user=user.login):
                self.assertRefusedUnchanged(
                    user,
                    VALUE,
                    "create",
                    self._new_vals(self.feb),
                    context=BYPASS,
                    message="locked period",
                )
                # Nor moved into one.
                self.assertRefusedUnchanged(
                    user,
                    VALUE,
                    "write",
                    self.manual.ids,
                    {"period_id": self.feb.id},
                    context=BYPASS,
                    message="locked period",
                )

    def test_values_are_created_as_manual_drafts(self):
        for user in (self.user_steward, self.user_manager):
            for state in ("confirmed", "locked"):
                with self.subTest(user=user.login, state=state):
                    self.assertRefusedUnchanged(
                        user,
                        VALUE,
                        "create",
                        self._new_vals(state=state),
                        context=BYPASS,
                        message="created as a draft",
                    )
            with self.subTest(user=user.login, source="computed"):
                self.assertRefusedUnchanged(
                    user,
                    VALUE,
                    "create",
                    self._new_vals(source="computed"),
                    message="Only the KPI computation creates computed values",
                )
            for field, content in (
                ("computed_at", "2026-03-31 12:00:00"),
                ("drill_model", "res.users"),
                ("drill_domain", "[]"),
                ("subject_ref", "hr.employee,1"),
                ("subject_name", "Somebody else"),
            ):
                with self.subTest(user=user.login, field=field):
                    self.assertRefusedUnchanged(
                        user,
                        VALUE,
                        "create",
                        self._new_vals(**{field: content}),
                        message="set by the system",
                    )
        # A draft as it should be is accepted.
        value_id = self.rpc(self.user_steward, VALUE, "create", self._new_vals(state="draft"))
        value = self.env[VALUE].browse(value_id)
        self.assertEqual((value.state, value.source), ("draft", "manual"))

    def test_locked_value_cannot_be_deleted(self):
        self.assertRefusedUnchanged(
            self.user_steward, VALUE, "unlink", self.locked.ids, kinds=("AccessError",)
        )
        self.assertRefusedUnchanged(
            self.user_manager, VALUE, "unlink", self.locked.ids, message="cannot be deleted"
        )
        self.assertRefusedUnchanged(
            self.user_manager,
            VALUE,
            "unlink",
            self.locked.ids,
            context=BYPASS,
            message="cannot be deleted",
        )

    def test_provider_fields_of_a_computed_value_cannot_be_written(self):
        probes = [
            ({"numerator": 9.0}, "come from its provider"),
            ({"denominator": 3.0}, "come from its provider"),
            ({"value": 9.0, "reason": "I know better"}, "come from its provider"),
            ({"employee_id": self.worker.id}, "come from its provider"),
            ({"computed_at": "2026-01-01 00:00:00"}, "set by the system"),
            ({"source": "manual"}, "set by the system"),
            ({"drill_model": "res.users"}, "set by the system"),
            ({"drill_domain": "[]"}, "set by the system"),
            ({"subject_ref": "hr.employee,1"}, "set by the system"),
            ({"company_id": self.company.id}, "set by the system"),
        ]
        for user in (self.user_steward, self.user_manager):
            for vals, message in probes:
                with self.subTest(user=user.login, vals=vals):
                    self.assertRefusedUnchanged(
                        user,
                        VALUE,
                        "write",
                        self.computed.ids,
                        vals,
                        context=BYPASS,
                        message=message,
                    )
        # The same fields on a locked computed value: locked first.
        self.assertRefusedUnchanged(
            self.user_manager,
            VALUE,
            "write",
            self.locked.filtered(lambda v: v.source == "computed").ids,
            {"numerator": 9.0},
            message="never change",
        )

    def test_derived_fields_of_a_manual_value_cannot_be_written(self):
        for vals in (
            {"source": "computed"},
            {"subject_name": "Somebody else"},
            {"category": "finance"},
            {"period_kind": "year"},
        ):
            with self.subTest(vals=vals):
                self.assertRefusedUnchanged(
                    self.user_steward,
                    VALUE,
                    "write",
                    self.manual.ids,
                    vals,
                    message="set by the system",
                )

    def test_employee_writes_nothing(self):
        self.assertRefusedUnchanged(
            self.user_worker,
            VALUE,
            "write",
            self.manual.ids,
            {"value": 99.0, "reason": "mine"},
            context=BYPASS,
            kinds=("AccessError",),
        )
        self.assertRefusedUnchanged(
            self.user_worker, VALUE, "action_confirm", self.computed.ids, kinds=("AccessError",)
        )
        self.assertRefusedUnchanged(
            self.user_worker, VALUE, "action_lock", self.manual.ids, message="Only KPI managers"
        )

    def test_refusals_are_translated(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        chinese = {"lang": "zh_CN", **BYPASS}
        for args, message in (
            ((self.locked.ids, {"state": "draft"}), "KPI 数值的状态不能直接写入"),
            ((self.locked.ids, {"value": 1.0, "reason": "x"}), "已锁定的 KPI 数值不再改变"),
            ((self.computed.ids, {"numerator": 9.0}), "来自其计算程序，不能手工修改"),
            ((self.computed.ids, {"drill_model": "res.users"}), "由系统设置，不能写入"),
        ):
            with self.subTest(message=message):
                self.assertRefusedUnchanged(
                    self.user_steward, VALUE, "write", *args, context=chinese, message=message
                )
        self.assertRefusedUnchanged(
            self.user_manager,
            PERIOD,
            "write",
            self.feb.ids,
            {"state": "open"},
            context=chinese,
            message="KPI 期间的状态不能直接写入",
        )
        self.assertRefusedUnchanged(
            self.user_steward,
            VALUE,
            "create",
            self._new_vals(self.feb),
            context=chinese,
            message="已锁定的期间",
        )

    # ------------------------------------------------------------------
    # What legitimate users still do, through /jsonrpc
    # ------------------------------------------------------------------
    def test_manual_values_keep_their_rules(self):
        value_id = self.rpc(self.user_steward, VALUE, "create", self._new_vals())
        value = self.env[VALUE].browse(value_id)
        self.rpc(
            self.user_steward, VALUE, "write", [value_id], {"numerator": 6.0, "denominator": 10.0}
        )
        self.rpc(self.user_steward, VALUE, "action_confirm", [value_id])
        self.assertEqual(value.state, "confirmed")
        self.assertRefusedUnchanged(
            self.user_steward, VALUE, "write", [value_id], {"value": 65.0}, message="Give a reason"
        )
        self.rpc(
            self.user_steward, VALUE, "write", [value_id], {"value": 65.0, "reason": "Recount"}
        )
        self.assertEqual((value.value, value.numerator), (65.0, 6.0))
        # A reason may be noted on a computed value; its measure stays the provider's.
        self.rpc(self.user_steward, VALUE, "write", self.computed.ids, {"reason": "Checked"})
        self.assertEqual(self.computed.reason, "Checked")

    def test_manager_locks_values_and_steward_does_not(self):
        self.assertRefusedUnchanged(
            self.user_steward,
            VALUE,
            "action_lock",
            self.manual.ids,
            context=BYPASS,
            message="Only KPI managers",
        )
        self.rpc(self.user_manager, VALUE, "action_lock", self.manual.ids)
        self.assertEqual(self.manual.state, "locked")
        self.assertRefusedUnchanged(
            self.user_manager,
            VALUE,
            "write",
            self.manual.ids,
            {"value": 1.0, "reason": "after lock"},
            message="never change",
        )
        # Confirming a locked value does nothing.
        self.rpc(self.user_steward, VALUE, "action_confirm", self.manual.ids)
        self.assertEqual(self.manual.state, "locked")

    def test_manager_locks_period_and_steward_does_not(self):
        values = self.computed | self.manual
        self.assertRefusedUnchanged(
            self.user_steward,
            PERIOD,
            "action_lock",
            self.period.ids,
            context=BYPASS,
            message="Only KPI managers",
        )
        self.assertRefusedUnchanged(
            self.user_steward,
            PERIOD,
            "action_compute",
            self.period.ids,
            message="Only KPI managers",
        )
        self.rpc(self.user_manager, PERIOD, "action_lock", self.period.ids)
        self.assertEqual(self.period.state, "locked")
        self.assertEqual(set(values.mapped("state")), {"locked"}, "every value is locked")
        # Recomputing a locked period over RPC leaves it alone.
        self.env["hr.employee"].create({"name": "Worker 3", "parent_id": self.boss.id})
        before = self._state()
        self.rpc(self.user_manager, PERIOD, "action_compute", self.period.ids)
        self.assertEqual(self._state(), before)

    # ------------------------------------------------------------------
    # Lock and compute of a period serialise on the period's row lock
    # ------------------------------------------------------------------
    def test_compute_on_a_period_locked_in_the_same_transaction_touches_nothing(self):
        Provider = self.env["mfg.kpi.provider"]
        self.period.action_lock()
        self.env["hr.employee"].create({"name": "Worker 3", "parent_id": self.boss.id})
        before = self._state()
        zero = {"created": 0, "updated": 0, "locked": 0, "removed": 0}
        self.assertEqual(Provider._compute_periods(self.period, self.kpi_team), zero)
        # The entry points bridges and their tests call directly check the lock too.
        self.assertEqual(Provider._compute_kpi(self.kpi_team, self.period), zero)
        measures = [{"employee_id": self.worker.id, "value": 5.0}]
        self.assertEqual(
            self.env[VALUE].sudo()._store_measures(self.kpi_team, self.period, measures), zero
        )
        self.assertEqual(self._state(), before)

    def test_compute_reads_the_state_under_the_lock_not_the_cache(self):
        """A lock committed by another transaction is what the database says, whatever this
        transaction's cache still holds: the computation skips the period."""
        Provider = self.env["mfg.kpi.provider"]
        self.assertEqual(self.period.state, "open")  # cached
        self.env.cr.execute(
            SQL("UPDATE mfg_kpi_period SET state = 'locked' WHERE id = %s", self.period.id)
        )
        self.env["hr.employee"].create({"name": "Worker 3", "parent_id": self.boss.id})
        before = self._state()
        totals = Provider._compute_periods(self.period, self.kpi_team)
        self.assertEqual(totals, {"created": 0, "updated": 0, "locked": 0, "removed": 0})
        self.assertEqual(self._state(), before)
        with self.assertRaisesRegex(UserError, "locked period"):
            self.env[VALUE].create(self._new_vals())

    def test_recompute_wizard_reports_a_period_locked_meanwhile(self):
        wizard = (
            self.env["mfg.kpi.compute.wizard"]
            .with_user(self.user_manager)
            .create({"period_ids": [(6, 0, self.period.ids)]})
        )
        # Locked by somebody else after the wizard opened: this transaction's cache says open.
        self.env.cr.execute(
            SQL("UPDATE mfg_kpi_period SET state = 'locked' WHERE id = %s", self.period.id)
        )
        before = self._state()
        params = wizard.action_compute()["params"]
        self.assertEqual(params["type"], "warning")
        self.assertIn(
            f"Locked periods left unchanged: {self.period.display_name}", params["message"]
        )
        self.assertEqual(self._state(), before)

    def test_lock_takes_the_period_row_lock_before_locking_values(self):
        with self._queries() as queries:
            self.period.with_user(self.user_manager).action_lock()
        lock = self._first(queries, "from mfg_kpi_period", "for update")
        values = self._first(queries, 'update "mfg_kpi_value"')
        self.assertIsNotNone(lock, "the period rows are locked")
        self.assertIsNotNone(values, "the values are locked")
        self.assertLess(lock, values)
        self.assertEqual(set((self.computed | self.manual).mapped("state")), {"locked"})

    def test_compute_takes_the_period_row_lock_before_storing(self):
        self.env[VALUE].search([("period_id", "=", self.period.id)]).unlink()
        with self._queries() as queries:
            counts = self.env["mfg.kpi.provider"]._compute_periods(self.period, self.kpi_team)
        self.assertEqual(counts["created"], 1)
        lock = self._first(queries, "from mfg_kpi_period", "for update")
        insert = self._first(queries, 'insert into "mfg_kpi_value"')
        touch = self._first(queries, "update mfg_kpi_period set state = state")
        self.assertIsNotNone(lock)
        self.assertLess(lock, touch, "the period is marked as changed under the lock")
        self.assertLess(touch, insert)

    def test_manual_entry_takes_the_period_row_lock(self):
        with self._queries() as queries:
            self.env[VALUE].with_user(self.user_steward).create(self._new_vals())
        lock = self._first(queries, "from mfg_kpi_period", "for update")
        insert = self._first(queries, 'insert into "mfg_kpi_value"')
        self.assertIsNotNone(lock)
        self.assertLess(lock, insert)

    def test_internal_paths_are_not_callable_remotely(self):
        for model, method, args in (
            (VALUE, "_write_state", [self.locked.ids, "draft"]),
            (PERIOD, "_lock_rows_open", [self.feb.ids]),
            (VALUE, "_store_measures", [self.kpi_team.id, self.feb.id, []]),
            (PERIOD, "_write_state", [self.feb.ids, "open"]),
        ):
            with self.subTest(method=method):
                self.assertRefusedUnchanged(
                    self.user_manager, model, method, *args, message="cannot be called remotely"
                )
