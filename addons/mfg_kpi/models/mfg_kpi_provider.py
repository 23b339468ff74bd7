# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The KPI provider framework: registration, the period clock, who is who, aggregation.

A bridge module computes library KPIs from the records of an Odoo application. It declares its
providers in one table on its extension of ``mfg.kpi.provider``::

    from odoo.tools.translate import LazyTranslate
    from odoo.addons.mfg_kpi.models.mfg_kpi_provider import Provider

    _lt = LazyTranslate(__name__)
    ORDERS = _lt("Manufacturing orders: plan")


    class MfgKpiProvider(models.AbstractModel):
        _inherit = "mfg.kpi.provider"
        _mfg_providers = {
            "PLAN_COMPLETION_RATE": Provider(ORDERS, "_provide_mrp_plan", "quantity"),
        }

        def _provide_mrp_plan(self, kpi, period):
            clock = self._clock(period)
            tally = self._tally()
            ...  # one or a few queries for the whole period, then tally.add(...)
            return self._tally_measures(kpi, tally, "mrp.production")

The tables of every installed bridge are merged in module order (a later module's entry
replaces an earlier one's, unless the later one is a ``fallback``). A provider method receives
``(kpi, period)`` and returns measures (see ``mfg.kpi.value._store_measures``) for every subject
of the period, read in a number of queries that does not depend on the number of subjects,
records or people. A subject without data gets no measure (no value), never a zero.

Several KPIs of a bridge usually read the same records of a period (the order chains due, the
orders done, the lines due): a provider method reads them through ``self._cohort(period, key,
compute)``, which computes them once per computation (``_compute_periods``) and hands the same
result to every KPI of the run; outside a computation it simply computes.
"""

import logging
import time
from collections import defaultdict
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import NamedTuple

import pytz

from odoo import api, fields, models
from odoo.tools import SQL

_logger = logging.getLogger(__name__)

# Key of the per-computation cohort cache in the cursor's cache (see ``_cohort``).
COHORTS = "mfg_kpi_cohorts"
# Key of a computation's measures waiting to be stored together in the cursor's cache (see
# ``_compute_periods``).
PENDING = "mfg_kpi_pending_measures"
# Context key of a drill-down: the provider is run again to rebuild a value's record domain,
# with the clock of the value's computation (its ``computed_at``) as "now".
DRILL = "mfg_kpi_drill"


class Provider(NamedTuple):
    """One registration: the data source shown on the KPI (a lazy translated string), the
    provider method, the variant the method reads from ``_variant(kpi)``, whether a
    provider registered for the same code by another module wins (``fallback``), and
    whether the method reads KPI values (``reads_values``: computed after the values of the
    other KPIs of a computation are stored, see ``_compute_periods``)."""

    name: object
    method: str
    variant: str | None = None
    fallback: bool = False
    reads_values: bool = False


class Clock(NamedTuple):
    """The one period clock of every provider (see ``mfg.kpi.provider._clock``)."""

    tz: object  # pytz time zone of the period's company
    start: object  # first instant of the period (naive UTC, as stored)
    end: object  # end of the period, exclusive (naive UTC)
    now: object  # the computation time (naive UTC)
    cutoff: object  # what has happened so far, exclusive: min(end, the second after now)
    day_cutoff: object  # the days already over: min(end, start of today)
    today: object  # today, in the company's time zone
    last_day: object  # last day of the period already begun: min(date_end, today)

    def local_date(self, value):
        """The company's calendar day of a stored (naive UTC) datetime."""
        return pytz.utc.localize(value).astimezone(self.tz).date()


class Tally:
    """Numerator, denominator and drill-down record ids per subject.

    A subject is ``("company", id)``, ``("department", id)``, ``("employee", id)`` or
    ``("record", model, id)``. ``add`` adds a figure to each subject (a figure shared between
    subjects is added in parts); ``add_plan`` adds it to weighted subjects (a plan, see
    there); ``count`` counts a keyed figure once per subject, the same key again replacing it
    (a record reached through several rows).

    ``keep_ids``: whether the record ids are collected. Only a drill-down reads them: a
    provider takes its tally from ``mfg.kpi.provider._tally()``, which keeps them for a
    drill-down only (collecting 100,000 ids per subject for nothing is much of a large
    computation's time).
    """

    def __init__(self, keep_ids=True):
        self.keep_ids = keep_ids
        self._sums = defaultdict(lambda: [0.0, 0.0, set()])
        self._keyed = defaultdict(dict)

    def add(self, subjects, numerator, denominator=0.0, ids=()):
        sums = self._sums
        keep_ids = self.keep_ids and ids
        for subject in subjects:
            row = sums[subject]
            row[0] += numerator
            row[1] += denominator
            if keep_ids:
                row[2].update(ids)

    def add_plan(self, plan, numerator, denominator=0.0, ids=()):
        """Add a figure to the subjects of ``plan``, ``((subject, weight), ...)``: each gets
        the figure × its weight (1 for an owner, a share for whoever did part of the work).
        The KPIs of a cohort share its plans, computed once."""
        sums = self._sums
        keep_ids = self.keep_ids and ids
        for subject, weight in plan:
            row = sums[subject]
            row[0] += numerator * weight
            row[1] += denominator * weight
            if keep_ids:
                row[2].update(ids)

    def count(self, subjects, key, numerator, denominator=1.0, ids=None):
        """``ids``: the records behind the key (default: the key itself); empty keeps the
        figure out of the drill-down (e.g. an order without error in an error count)."""
        ids = (key,) if ids is None else tuple(ids)
        for subject in subjects:
            self._keyed[subject][key] = (numerator, denominator, ids)

    def rows(self):
        """``{subject: (numerator, denominator, ids)}`` of every subject with a figure."""
        result = {}
        for subject in self._sums.keys() | self._keyed.keys():
            numerator, denominator, ids = self._sums.get(subject, (0.0, 0.0, set()))
            ids = set(ids)
            for num, den, key_ids in self._keyed.get(subject, {}).values():
                numerator += num
                denominator += den
                ids.update(key_ids)
            result[subject] = (numerator, denominator, ids)
        return result

    def swapped(self):
        """A new tally with each subject's numerator and denominator exchanged (a KPI that
        is the inverse of another of the same cohort)."""
        swapped = Tally(self.keep_ids)
        for subject, (numerator, denominator, ids) in self.rows().items():
            swapped._sums[subject] = [denominator, numerator, ids]
        return swapped

    def __bool__(self):
        return bool(self._sums or self._keyed)


class MfgKpiProvider(models.AbstractModel):
    """Registry of KPI providers and the tools every provider shares (see the module's
    docstring)."""

    _name = "mfg.kpi.provider"
    _description = "KPI Provider Registry"
    # KPI code -> Provider; each bridge's extension of this model declares its own table.
    _mfg_providers = {}

    @api.model
    def _get_providers(self):
        """Mapping of KPI code to ``{"name", "method", "variant", "module"}`` of the installed
        bridges (``module``: the addon that registers the provider)."""
        providers = {}
        for cls in reversed(type(self).mro()):
            for code, provider in cls.__dict__.get("_mfg_providers", {}).items():
                if provider.fallback and code in providers:
                    continue
                providers[code] = {
                    "name": self.env._(provider.name),
                    "method": provider.method,
                    "variant": provider.variant,
                    "reads_values": provider.reads_values,
                    "module": cls._module,
                }
        return providers

    @api.model
    def _variant(self, kpi):
        """The variant registered with ``kpi``'s provider (how its method computes it)."""
        return self._get_providers().get(kpi.code, {}).get("variant")

    # ------------------------------------------------------------------
    # Tools of the providers
    # ------------------------------------------------------------------
    @api.model
    def _clock(self, period):
        """The period's clock in its company's time zone (see ``Clock``)."""
        tz = period._company_tz(period.company_id)
        start, end = period._utc_bounds()
        # A drill-down reads the period as its value was computed (see _drill_measures).
        drill_at = self.env.context.get(DRILL)
        now = drill_at if isinstance(drill_at, datetime) else fields.Datetime.now()
        today = pytz.utc.localize(now).astimezone(tz).date()
        return Clock(
            tz=tz,
            start=start,
            end=end,
            now=now,
            # Stored datetimes have whole seconds: a record stamped in the current second
            # (an accident recorded just now) has happened, so the cut-off is the next second.
            cutoff=min(end, now + timedelta(seconds=1)),
            day_cutoff=min(end, period._day_start_utc(period.company_id, today)),
            today=today,
            last_day=min(period.date_end, today),
        )

    @api.model
    def _company_value(self, kpi, period):
        """The company-level value of ``kpi`` for ``period``, 0.0 without one: what a provider
        registered with ``reads_values=True`` divides by (the company's output, for one)."""
        if not kpi:
            return 0.0
        value = self.env["mfg.kpi.value"].search_fetch(
            [
                ("kpi_id", "=", kpi.id),
                ("period_id", "=", period.id),
                ("subject_type", "=", "company"),
            ],
            ["value"],
            limit=1,
        )
        return value.value if value else 0.0

    @contextmanager
    def _cohort_scope(self):
        """One computation: the cohorts read through ``_cohort`` inside it are computed once
        and dropped at its end (nested scopes share the outer one)."""
        cache = self.env.cr.cache
        if COHORTS in cache:
            yield
            return
        cache[COHORTS] = {}
        try:
            yield
        finally:
            cache.pop(COHORTS, None)

    @api.model
    def _cohort(self, period, key, compute):
        """``compute()``, once per (``key``, period, company) within a computation.

        ``key``: what the cohort is (e.g. the provider helper's name, plus anything its result
        depends on besides the period). The result is shared by every KPI of the computation
        and must be treated as read-only. Outside a computation, ``compute()`` runs each time.
        """
        cohorts = self.env.cr.cache.get(COHORTS)
        if cohorts is None:
            return compute()
        full_key = (key, period.id, period.company_id.id)
        if full_key not in cohorts:
            cohorts[full_key] = compute()
        return cohorts[full_key]

    @api.model
    def _fetch_rows(self, query, jit=True):
        """Rows of an SQL ``query`` (pending ORM writes flushed first), fetched at once.

        ``jit=False``: without PostgreSQL's JIT compiler for this statement (the setting is
        restored after it). A large aggregate over a month of operations is planned costly
        enough to be compiled, which takes longer than it saves for a statement run once.
        """
        self.env.flush_all()
        cr = self.env.cr
        if jit:
            cr.execute(query)
            return cr.fetchall()
        # Set for the transaction (an error aborts it, and the setting with it).
        cr.execute(SQL("SELECT current_setting('jit'), set_config('jit', 'off', true)"))
        previous = cr.fetchone()[0]
        cr.execute(query)
        rows = cr.fetchall()
        cr.execute(SQL("SELECT set_config('jit', %s, true)", previous))
        return rows

    @api.model
    def _unit_ratios(self):
        """``(from unit ids, to unit ids, ratios)``: the quantity of one unit in another, for
        every pair of different units (archived ones too), by ``uom``'s own conversion
        (``_compute_quantity``, unrounded); for the SQL of bridges that depend on ``uom``."""
        units = self.env["uom.uom"].with_context(active_test=False).search([("factor", "!=", 0)])
        pairs = [(unit, other) for unit in units for other in units if unit != other]
        return (
            [unit.id for unit, _other in pairs],
            [other.id for _unit, other in pairs],
            [unit._compute_quantity(1.0, other, round=False) for unit, other in pairs],
        )

    @api.model
    def _unit_conversion_sql(self):
        """SQL: the common table ``conversion (from_id, to_id, ratio)`` of the unit ratios
        (``_unit_ratios``), read by ``_in_unit_sql``."""
        from_units, to_units, ratios = self._unit_ratios()
        return SQL(
            """conversion AS MATERIALIZED (
                   SELECT * FROM unnest(%s::int[], %s::int[], %s::float8[])
                                 AS ratio(from_id, to_id, ratio))""",
            from_units,
            to_units,
            ratios,
        )

    @api.model
    def _in_unit_sql(self, qty, unit, to_unit):
        """SQL: the quantity ``qty`` in ``unit`` expressed in ``to_unit`` (SQL expressions),
        the ratio looked up in ``conversion`` (``_unit_conversion_sql``) only when the units
        differ: a join with the unit pairs would be planned per row on freshly loaded tables
        (no statistics yet)."""
        return SQL(
            """CASE WHEN %(unit)s = %(to_unit)s THEN %(qty)s::float8
                    ELSE %(qty)s::float8 * (SELECT ratio FROM conversion
                                             WHERE from_id = %(unit)s AND to_id = %(to_unit)s)
               END""",
            qty=qty,
            unit=unit,
            to_unit=to_unit,
        )

    @api.model
    def _tally(self):
        """A ``Tally`` for a provider: it collects record ids for a drill-down only."""
        return Tally(keep_ids=bool(self.env.context.get(DRILL)))

    @api.model
    def _tally_measures(self, kpi, tally, drill_model, kind="rate", drill_extra=None):
        """Measures of ``kpi`` from a ``Tally``: one per subject with a figure.

        ``kind``: ``rate`` (numerator ÷ denominator × 100), ``ratio`` (numerator ÷
        denominator), both without a value when the denominator is zero; ``sum`` (the
        numerator: a count or an amount). A KPI measured per employee keeps its employee
        subjects only. The drill-down opens the subject's records of ``drill_model``
        (``drill_extra``: more domain terms, e.g. archived records too). The counted ids are
        not stored on the value: its drill-down runs the provider again (``DRILL`` in the
        context, see ``_drill_measures``) and takes the subject's ids then.
        """
        employee_only = kpi.subject_level == "employee"
        drill = self.env.context.get(DRILL)
        measures = []
        for subject, (numerator, denominator, ids) in sorted(
            tally.rows().items(), key=lambda item: str(item[0])
        ):
            if employee_only and subject[0] != "employee":
                continue
            if kind == "sum":
                value = numerator
            elif abs(denominator) < 1e-9:
                continue
            else:
                value = numerator / denominator * (100.0 if kind == "rate" else 1.0)
            measure = {
                "subject_type": subject[0],
                "value": round(value, 6),
                "numerator": round(numerator, 6),
                "denominator": round(denominator, 6),
                "drill_model": drill_model,
                "drill_domain": [*(drill_extra or []), ("id", "in", sorted(ids))]
                if drill
                else None,
            }
            if subject[0] == "employee":
                measure["employee_id"] = subject[1]
            elif subject[0] == "department":
                measure["department_id"] = subject[1]
            elif subject[0] == "record":
                measure["res_model"], measure["res_id"] = subject[1], subject[2]
            measures.append(measure)
        return measures

    @api.model
    def _user_employees(self, user_ids, company):
        """``{user id: (employee id, department id)}`` of the users' employees in ``company``,
        archived employees included (an active one first, then the oldest), in one query: the
        one rule by which every provider turns who did the work (a user) into the employee a
        value belongs to. The department is
        the one of the employee's current contract version."""
        user_ids = tuple(uid for uid in user_ids if uid)
        if not user_ids:
            return {}
        self.env.cr.execute(
            SQL(
                """SELECT DISTINCT ON (employee.user_id)
                          employee.user_id, employee.id, version.department_id
                     FROM hr_employee employee
                LEFT JOIN hr_version version ON version.id = employee.current_version_id
                    WHERE employee.user_id IN %s AND employee.company_id = %s
                 ORDER BY employee.user_id, employee.active DESC, employee.id""",
                user_ids,
                company.id,
            )
        )
        return {user_id: (emp_id, dept_id) for user_id, emp_id, dept_id in self.env.cr.fetchall()}

    @api.model
    def _employment(self, employees):
        """``employed(employee, day)`` for ``employees`` (archived ones included, fetched with
        ``active`` and ``departure_date``): the one rule of who was on the payroll on a day —
        hired on or before it (the earliest contract start or version date) and, when archived,
        not gone before it (their departure date). One query."""
        hired = {
            employee.id: min(filter(None, [contract_start, version_date]))
            for employee, contract_start, version_date in self.env["hr.version"]
            .with_context(active_test=False)
            ._read_group(
                [("employee_id", "in", employees.ids)],
                ["employee_id"],
                ["contract_date_start:min", "date_version:min"],
            )
        }

        def employed(employee, day):
            hire = hired.get(employee.id)
            if not hire or hire > day:
                return False
            return employee.active or bool(
                employee.departure_date and employee.departure_date >= day
            )

        return employed

    @api.model
    def _compute_kpi(self, kpi, period):
        """Compute and store the values of one computed KPI for one period; returns counts."""
        provider = self._get_providers().get(kpi.code)
        # Providers read operational data whatever the caller may see: computing is a
        # system task (cron, or a KPI manager's "recompute now"); values keep their own rules.
        provider_model = self.sudo()
        kpi, period = kpi.sudo(), period.sudo()
        # The period's row lock first, as the Lock action does: a locked period is not computed.
        if not provider or not period._lock_rows_open():
            return {"created": 0, "updated": 0, "locked": 0, "removed": 0}
        pending = self.env.cr.cache.get(PENDING)
        with provider_model._cohort_scope():
            measures = getattr(provider_model, provider["method"])(kpi, period)
        if pending is not None:
            # Within a computation: stored with the others (``_compute_periods``).
            pending.append((kpi, period, measures))
            return {"created": 0, "updated": 0, "locked": 0, "removed": 0}
        return provider_model.env["mfg.kpi.value"]._store_measures(kpi, period, measures)

    @api.model
    def _drill_measures(self, kpi, period, computed_at=None):
        """The measures of ``kpi`` in ``period`` with the record domain of each subject: the
        provider run again for a drill-down (no value is written), with ``computed_at`` (the
        value's computation time) as the clock's "now"."""
        provider = self._get_providers().get(kpi.code)
        if not provider:
            return []
        provider_model = self.sudo().with_context(**{DRILL: computed_at or True})
        return getattr(provider_model, provider["method"])(kpi.sudo(), period.sudo())

    @api.model
    def _compute_periods(self, periods, kpis=None):
        """Compute every computed KPI (or ``kpis``) for ``periods``; returns summed counts.

        The rows of all the periods are locked first (``SELECT … FOR UPDATE``, as the Lock
        action does) and kept locked until the transaction ends: a lock of one of them waits
        for the computation, and periods found locked are skipped and logged.

        The measures of the KPIs are stored together (``_store_together``), then the KPIs
        whose provider reads KPI values (``reads_values``: a company's output, say) are
        computed and stored one by one: they read the values just computed.
        """
        providers = self._get_providers()
        kpis = (
            kpis
            if kpis is not None
            else self.env["mfg.kpi"].search([("code", "in", list(providers))])
        )
        kpis = kpis.filtered(lambda k: k.code in providers)
        readers = kpis.filtered(lambda k: providers[k.code].get("reads_values"))
        totals = {"created": 0, "updated": 0, "locked": 0, "removed": 0}
        # KPI id -> [seconds, queries] of this computation, recorded on the KPIs at the end.
        costs = defaultdict(lambda: [0.0, 0])
        failed = self.env["mfg.kpi"]
        cache = self.env.cr.cache
        # The periods stay locked to the end of the transaction: each KPI's values are stored
        # without locking them again.
        with periods._held_open() as open_periods, self._cohort_scope():
            if periods - open_periods:
                _logger.info(
                    "KPI computation: locked periods left unchanged: %s",
                    ", ".join((periods - open_periods).mapped("display_name")),
                )

            def pairs(kpis):
                for period in open_periods:
                    for kpi in kpis:
                        if not kpi.company_id or kpi.company_id == period.company_id:
                            yield kpi, period

            # Measures wait in the cursor's cache (``_compute_kpi``): a savepoint's rollback
            # clears that cache, so a list is given back after each KPI's savepoint.
            pending = []
            outer = cache.get(PENDING)
            try:
                for kpi, period in pairs(kpis - readers):
                    cache[PENDING] = pending
                    failed |= self._compute_kpi_logged(kpi, period, totals, costs)
            finally:
                if outer is None:
                    cache.pop(PENDING, None)
                else:
                    cache[PENDING] = outer
            failed |= self._store_together(pending, totals, costs)
            for kpi, period in pairs(readers):
                failed |= self._compute_kpi_logged(kpi, period, totals, costs)
        self.env["mfg.kpi"].sudo()._record_costs(costs)
        (kpis - failed).filtered("last_error").sudo().write(
            {"last_error": False, "last_error_at": False}
        )
        return totals

    @api.model
    def _compute_kpi_logged(self, kpi, period, totals, costs, measures=None):
        """``_compute_kpi`` in its own savepoint, its counts added to ``totals`` and its time and
        queries to ``costs``; returns the KPI when it failed (an empty recordset otherwise).

        ``measures``: store these (measures computed before) instead of running the provider.
        """
        started, queries = time.perf_counter(), self.env.cr.sql_log_count
        try:
            # Each (KPI, period) in its own savepoint: a provider that fails is logged and
            # shown on its KPI, and every other KPI of the period is computed all the same.
            try:
                with self.env.cr.savepoint():
                    if measures is None:
                        counts = self._compute_kpi(kpi, period)
                    else:
                        counts = (
                            self.env["mfg.kpi.value"].sudo()._store_measures(kpi, period, measures)
                        )
            except Exception as error:  # any provider bug stays with its KPI
                _logger.exception(
                    "KPI computation: %s failed for %s", kpi.code, period.display_name
                )
                # The rollback cleared the cursor's cache: the next KPIs share their cohorts
                # again (inside a computation's scope).
                self.env.cr.cache.setdefault(COHORTS, {})
                kpi.sudo().write(
                    {
                        "last_error": f"{period.display_name}: {error}",
                        "last_error_at": fields.Datetime.now(),
                    }
                )
                return kpi
            for key, count in counts.items():
                totals[key] += count
            return kpi.browse()
        finally:
            cost = costs[kpi.id]
            cost[0] += time.perf_counter() - started
            cost[1] += self.env.cr.sql_log_count - queries

    @api.model
    def _store_together(self, items, totals, costs):
        """Store the measures ``items`` (``(kpi, period, measures)``) a computation's providers
        left pending: together, in a savepoint; when that fails, each KPI and period's in its
        own (``_compute_kpi_logged``), the failure shown on its KPI. Counts are added to
        ``totals``; the storing's time and queries are shared out between the KPIs in
        ``costs``. Returns the KPIs that failed."""
        failed = self.env["mfg.kpi"]
        if not items:
            return failed
        cr = self.env.cr
        started, queries = time.perf_counter(), cr.sql_log_count
        try:
            with cr.savepoint():
                results = self.env["mfg.kpi.value"].sudo()._store_measures_many(items)
        except Exception:  # stored again one by one below, each failure on its KPI
            for kpi, period, measures in items:
                failed |= self._compute_kpi_logged(kpi, period, totals, costs, measures)
            return failed
        for counts in results:
            for key, count in counts.items():
                totals[key] += count
        share = (time.perf_counter() - started) / len(items)
        share_queries = (cr.sql_log_count - queries) // len(items)
        for kpi, _period, _measures in items:
            costs[kpi.id][0] += share
            costs[kpi.id][1] += share_queries
        return failed

    @api.model
    def _cron_compute(self):
        """Scheduled job: compute the current and the previous month and quarter of each company
        using the suite (``res.company._mfg_kpi_companies``)."""
        today = fields.Date.context_today(self)
        totals = {"created": 0, "updated": 0, "locked": 0, "removed": 0}
        companies = self.env["res.company"]._mfg_kpi_companies()
        for done, company in enumerate(companies, start=1):
            for key, count in self._compute_periods(self._cron_periods(company, today)).items():
                totals[key] += count
            # In the scheduled job, each company's work is committed before the next one.
            if self.env.context.get("ir_cron_progress_id"):
                self.env["ir.cron"]._commit_progress(1, remaining=len(companies) - done)
        _logger.info("KPI computation: %s", totals)
        return totals

    @api.model
    def _cron_periods(self, company, today):
        """The periods the scheduled job computes for ``company``: the current and the
        previous month, quarter and year (created when missing)."""
        period_model = self.env["mfg.kpi.period"].with_company(company)
        periods = self.env["mfg.kpi.period"]
        for kind in ("month", "quarter", "year"):
            current = period_model._get_or_create(kind, today, company)
            previous = period_model._get_or_create(
                kind, current.date_start - timedelta(days=1), company
            )
            periods |= current | previous
        return periods
