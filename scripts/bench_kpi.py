#!/usr/bin/env python3
"""Benchmark of the KPI engine: a large synthetic factory, then full period computations.

Grows the demo factory (module mfg_demo_factory, inside a transaction that is rolled back at the
end) by N employees in workshops and teams and M work centres, and bulk copies of its quarter's
real operations into the previous month (``--month current``: the current one, whose
days to come are not due yet): done manufacturing orders (each its own order chain) with
their stock moves, work orders and time logs, purchase lines with their receipts, maintenance
requests. Then, twice -- on the freshly loaded tables (no statistics yet: the plans PostgreSQL
picks before autovacuum passes) and after ANALYZE --:

- computes every KPI of the month in one computation (``_compute_periods``: the cohorts shared by
  several KPIs are read once) and prints the time and SQL queries recorded on each KPI (the first
  KPI of a cohort carries its cost);
- times three providers alone next to hand-written SQL aggregates computing the same numbers
  and checks they are equal: plan completion for every subject it is measured for (company,
  workshops and teams, work centres and operators by their share of the logged time) -- and, for
  information, for the company alone --; purchase on-time arrival and equipment intact rate for
  the company. It prints the ratio of their times.

A summary table ends the output. Queries must not grow with headcount or data volume: run it with
two sizes and compare. The machine may be shared with other work: the figures are wall-clock.

Usage: python3 scripts/bench_kpi.py [--db mfg_bench] [--employees 2000] [--workcentres 200]
           [--orders 100000] [--purchase-lines 50000] [--requests 20000]
           [--month previous|current]
"""

import os
import sys
import time
from datetime import datetime, timedelta

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_common import demo_factory, measure, open_env, parser, print_rows

# Tables the computation reads, analysed between the two rounds.
TABLES = (
    "mrp_production",
    "stock_move",
    "mrp_workorder",
    "mrp_workcenter_productivity",
    "purchase_order_line",
    "purchase_order",
    "maintenance_request",
    "maintenance_equipment",
    "hr_employee",
    "hr_version",
    "hr_department",
)
TARGET_SECONDS = 30.0
TARGET_RATIO = 2.0

# Hand-written SQL references, one statement each.
# The chains due in the period (an order and its backorders count once) and their output,
# shared by the two plan completion references.
PLAN_CTES = """
WITH orders AS (
    SELECT p.id, COALESCE(p.production_group_id, -p.id) AS chain, p.product_id,
           p.mfg_planned_qty, p.mfg_planned_finish, p.mfg_department_id, p.mfg_team_id
      FROM mrp_production p
     WHERE p.company_id = %(company)s AND p.state != 'cancel'
       AND COALESCE(p.production_group_id, -p.id) IN (
           SELECT COALESCE(production_group_id, -id) FROM mrp_production
            WHERE company_id = %(company)s
              AND mfg_planned_finish >= %(start)s AND mfg_planned_finish < %(end)s)
), chains AS (
    SELECT chain, SUM(mfg_planned_qty) AS planned FROM orders GROUP BY chain
    HAVING SUM(mfg_planned_qty) > 0
       AND MAX(mfg_planned_finish) >= %(start)s AND MAX(mfg_planned_finish) < %(end)s
), produced AS (
    SELECT orders.chain, SUM(m.quantity) AS qty
      FROM orders
      JOIN stock_move m ON m.production_id = orders.id AND m.product_id = orders.product_id
      JOIN stock_location l ON l.id = m.location_dest_id
     WHERE m.state = 'done' AND l.usage != 'inventory'
  GROUP BY orders.chain
)"""
PLAN_SQL = (
    PLAN_CTES
    + """
SELECT SUM(LEAST(COALESCE(produced.qty, 0), chains.planned)) / SUM(chains.planned) * 100
  FROM chains LEFT JOIN produced ON produced.chain = chains.chain
"""
)
# The same KPI for every subject the provider measures: the company, the workshops and teams
# owning the chains, the work centres and operators by their share of the time logged on the
# chain's orders (operators: the company's employee of the user, an active one first).
PLAN_SUBJECTS_SQL = (
    PLAN_CTES
    + """
, figures AS (
    SELECT chains.chain, LEAST(COALESCE(produced.qty, 0), chains.planned) AS num,
           chains.planned AS den
      FROM chains LEFT JOIN produced ON produced.chain = chains.chain
), owners AS (
    SELECT DISTINCT ON (chain) chain, mfg_department_id, mfg_team_id
      FROM orders WHERE mfg_department_id IS NOT NULL OR mfg_team_id IS NOT NULL
  ORDER BY chain, id
), minutes AS (
    SELECT orders.chain, log.workcenter_id, log.user_id, SUM(log.duration) AS minutes
      FROM orders
      JOIN mrp_workorder w ON w.production_id = orders.id
      JOIN mrp_workcenter_productivity log ON log.workorder_id = w.id
      JOIN mrp_workcenter_productivity_loss loss ON loss.id = log.loss_id
      JOIN mrp_workcenter_productivity_loss_type kind ON kind.id = loss.loss_id
     WHERE log.date_end IS NOT NULL AND log.mfg_estimated IS NOT TRUE
       AND kind.loss_type IN ('productive', 'performance')
  GROUP BY orders.id, orders.chain, log.workcenter_id, log.user_id
    HAVING SUM(log.duration) > 0
), shares AS (
    SELECT minutes.*, minutes.minutes / totals.total AS part
      FROM minutes
      JOIN (SELECT chain, SUM(minutes) AS total FROM minutes GROUP BY chain) totals
        ON totals.chain = minutes.chain
), operators AS (
    SELECT DISTINCT ON (user_id) user_id, id FROM hr_employee
     WHERE company_id = %(company)s AND user_id IS NOT NULL
  ORDER BY user_id, active DESC, id
)
SELECT 'res.company,' || %(company)s, SUM(num), SUM(den) FROM figures
UNION ALL
SELECT 'hr.department,' || department, SUM(num), SUM(den)
  FROM figures JOIN owners ON owners.chain = figures.chain,
       LATERAL (SELECT DISTINCT d FROM unnest(ARRAY[mfg_department_id, mfg_team_id]) d
                 WHERE d IS NOT NULL) departments(department)
 GROUP BY department
UNION ALL
SELECT 'mrp.workcenter,' || workcenter_id, SUM(num * part), SUM(den * part)
  FROM shares JOIN figures ON figures.chain = shares.chain GROUP BY workcenter_id
UNION ALL
SELECT 'hr.employee,' || operators.id, SUM(num * part), SUM(den * part)
  FROM shares JOIN figures ON figures.chain = shares.chain
  JOIN operators ON operators.user_id = shares.user_id
 GROUP BY operators.id
"""
)
PURCHASE_SQL = """
WITH due AS (
    SELECT line.id, line.product_uom_qty, line.date_planned
      FROM purchase_order_line line
      JOIN purchase_order o ON o.id = line.order_id
      JOIN product_product pp ON pp.id = line.product_id
      JOIN product_template t ON t.id = pp.product_tmpl_id
     WHERE o.company_id = %(company)s AND o.state = 'purchase' AND line.display_type IS NULL
       AND t.type = 'consu' AND line.product_uom_qty > 0
       AND line.date_planned >= %(start)s AND line.date_planned < %(day_cutoff)s
), received AS (
    SELECT m.purchase_line_id, SUM(m.quantity) AS qty
      FROM stock_move m
      JOIN due ON due.id = m.purchase_line_id
      JOIN stock_location s ON s.id = m.location_id
     WHERE m.state = 'done' AND s.usage = 'supplier'
       AND (m.date AT TIME ZONE 'UTC' AT TIME ZONE %(tz)s)::date
           <= (due.date_planned AT TIME ZONE 'UTC' AT TIME ZONE %(tz)s)::date
  GROUP BY m.purchase_line_id
)
SELECT SUM(LEAST(1, COALESCE(received.qty, 0) / due.product_uom_qty)) / COUNT(*) * 100
  FROM due LEFT JOIN received ON received.purchase_line_id = due.id
"""
INTACT_SQL = """
WITH equipment AS (
    SELECT id, GREATEST(%(date_start)s::date, effective_date) AS first,
           LEAST(%(last_day)s::date, COALESCE(scrap_date, %(last_day)s::date)) AS last
      FROM maintenance_equipment
     WHERE company_id = %(company)s AND effective_date <= %(last_day)s::date
       AND ((active AND scrap_date IS NULL) OR scrap_date >= %(date_start)s::date)
), down AS (
    SELECT DISTINCT r.equipment_id, day
      FROM maintenance_request r
      JOIN equipment e ON e.id = r.equipment_id AND e.first <= e.last,
           generate_series(
               GREATEST(e.first, (r.mfg_reported_at AT TIME ZONE 'UTC' AT TIME ZONE %(tz)s)::date),
               LEAST(e.last, (COALESCE(r.mfg_done_at, %(now)s) AT TIME ZONE 'UTC'
                              AT TIME ZONE %(tz)s)::date),
               interval '1 day') AS day
     WHERE r.company_id = %(company)s AND r.maintenance_type = 'corrective'
       AND r.archive IS NOT TRUE AND r.mfg_reported_at < %(end)s
       AND (r.mfg_done_at IS NULL OR r.mfg_done_at >= %(start)s)
)
SELECT (SUM(last - first + 1) - (SELECT COUNT(*) FROM down))::numeric
       / SUM(last - first + 1) * 100
  FROM equipment WHERE first <= last
"""
# (KPI, query, what it computes, whether the ratio has a target). A "company" query returns the
# company's value; a "subjects" query returns (subject, numerator, denominator) for every subject
# and is compared with every value the provider stored. The provider of plan completion
# measures every subject at once: the reference computing the same numbers is the measure, the
# company figure alone is printed for information.
REFERENCES = (
    ("PLAN_COMPLETION_RATE", PLAN_SUBJECTS_SQL, "subjects", True),
    ("PLAN_COMPLETION_RATE", PLAN_SQL, "company", False),
    ("PURCHASE_ON_TIME_ARRIVAL_RATE", PURCHASE_SQL, "company", True),
    ("EQUIPMENT_INTACT_RATE", INTACT_SQL, "company", True),
)


def copy_workorders(env, factory, period):
    """Work orders and time logs of the copied orders: their templates', on the copy's day."""
    from odoo.tools import SQL

    cr = env.cr
    day0, days = period.date_start, (period.date_end - period.date_start).days + 1
    cr.execute("DROP TABLE IF EXISTS bench_workorder_copy")
    # The mapping table of the orders copied last (mfg.demo.factory._demo_clone).
    cr.execute(
        """CREATE TEMP TABLE bench_workorder_copy AS
           SELECT w.id AS old_id, nextval('mrp_workorder_id_seq') AS new_id,
                  m.new_id AS production_id
             FROM mfg_demo_copy_mrp_production m JOIN mrp_workorder w ON w.production_id = m.old_id"""
    )
    key = SQL("w.production_id")
    columns = factory._demo_table_columns("mrp_workorder")
    cr.execute(
        SQL(
            """INSERT INTO mrp_workorder (id, %s)
               SELECT w.new_id, %s FROM bench_workorder_copy w JOIN mrp_workorder c
                 ON c.id = w.old_id""",
            SQL(", ").join(SQL.identifier(name) for name, _type in columns),
            factory._demo_copy_values(
                columns, "c", day0, days, key, {"production_id": SQL("w.production_id")}
            ),
        )
    )
    workorders = cr.rowcount
    columns = factory._demo_table_columns("mrp_workcenter_productivity")
    cr.execute(
        SQL(
            """INSERT INTO mrp_workcenter_productivity (%s)
               SELECT %s FROM bench_workorder_copy w JOIN mrp_workcenter_productivity c
                 ON c.workorder_id = w.old_id""",
            SQL(", ").join(SQL.identifier(name) for name, _type in columns),
            factory._demo_copy_values(
                columns, "c", day0, days, key, {"workorder_id": SQL("w.new_id")}
            ),
        )
    )
    logs = cr.rowcount
    env.invalidate_all()
    return {"work orders": workorders, "time logs": logs}


def overall_on_time(env, period):
    """The on-time arrival rate of all the period's lines: the KPI is measured per buyer or
    supplier, without a company value."""
    owners = env["mfg.kpi.provider"].sudo()._purchase_read_on_time(period).values()
    lines = sum(count for _shares, _full, count, _ids in owners)
    return sum(shares for shares, _full, _count, _ids in owners) / lines * 100 if lines else None


def company_value(env, code, period):
    if code == "PURCHASE_ON_TIME_ARRIVAL_RATE":
        return overall_on_time(env, period)
    value = env["mfg.kpi.value"].search(
        [
            ("kpi_id.code", "=", code),
            ("period_id", "=", period.id),
            ("subject_type", "=", "company"),
        ]
    )
    return value.value if value else None


def subject_values(env, code, period):
    """``{subject: value}`` of every value the provider stored for ``code`` and ``period``."""
    values = env["mfg.kpi.value"].search(
        [("kpi_id.code", "=", code), ("period_id", "=", period.id)]
    )
    return {value.subject_ref: value.value for value in values}


def same_subjects(stored, reference_rows):
    """Whether the reference's ``(subject, numerator, denominator)`` rows give the stored values:
    the same subjects, each value within 0.001."""
    reference = {
        subject: float(numerator) / float(denominator) * 100
        for subject, numerator, denominator in reference_rows
        if denominator
    }
    return stored.keys() == reference.keys() and all(
        abs(stored[subject] - reference[subject]) < 1e-3 for subject in reference
    )


def run_round(env, period, kpis, label, summary, sql_timeout):
    """One full computation, then the three providers alone next to their SQL reference."""
    import psycopg2.errors

    from odoo.tools import SQL

    Provider = env["mfg.kpi.provider"]
    providers = Provider._get_providers()
    rows = []
    with measure(env, f"all {len(kpis)} KPIs, one computation", rows):
        Provider._compute_periods(period, kpis)
    total_seconds, total_queries = rows[0][1], rows[0][2]
    summary.append((f"full period, all providers ({label})", total_seconds, total_queries))
    kpis.invalidate_recordset()
    if "last_compute_seconds" in kpis._fields:
        # The computation log of each KPI (mfg_kpi 19.0.1.2.0 and later).
        title = f"Computation log per KPI, {label} (the first KPI of a cohort reads it)"
        costs = [(k, k.last_compute_seconds, k.last_compute_queries) for k in kpis]
    else:  # an older mfg_kpi: each KPI computed alone
        title = f"Each KPI computed alone, {label}"
        costs = []
        for kpi in kpis:
            alone = []
            with measure(env, kpi.code, alone):
                Provider._compute_kpi(kpi, period)
            costs.append((kpi, alone[0][1], alone[0][2]))
    for kpi, seconds, queries in sorted(costs, key=lambda cost: -cost[1]):
        rows.append((f"{kpi.code} ({providers[kpi.code]['name']})"[:58], seconds, queries))
    print_rows(title, rows)

    clock = Provider._clock(period)
    params = {
        "company": period.company_id.id,
        "start": clock.start,
        "end": clock.end,
        "day_cutoff": clock.day_cutoff,
        "now": clock.now,
        "tz": clock.tz.zone,
        "date_start": period.date_start,
        "last_day": clock.last_day,
    }
    print(f"\nProviders alone vs hand-written SQL ({label}; provider: its method, the measures")
    print("of every subject, without storing them; stored: the same with the values written)")
    print(
        f"{'KPI':<31} {'provider s':>10} {'stored s':>9} {'SQL s':>7} {'ratio':>6} "
        f"{'value':>10} {'SQL':>10}"
    )
    for code, query, scope, targeted in REFERENCES:
        kpi = kpis.filtered(lambda k, c=code: k.code == c)
        method = getattr(Provider.sudo(), providers[code]["method"])
        times = {"provider": [], "stored": [], "sql": []}
        reference, stopped = None, False
        for run in range(3):
            if run and max(max(values) for values in times.values()) > 5.0:
                break  # slow: one run is the measure (a median of one)
            env.flush_all()
            env.invalidate_all()
            started = time.perf_counter()
            method(kpi, period)
            times["provider"].append(time.perf_counter() - started)
            env.invalidate_all()
            started = time.perf_counter()
            Provider._compute_kpi(kpi, period)
            env.flush_all()
            times["stored"].append(time.perf_counter() - started)
            started = time.perf_counter()
            try:
                with env.cr.savepoint():
                    # Without JIT compilation, as the plan provider runs its statement.
                    env.cr.execute(SQL("SET LOCAL statement_timeout = %s", sql_timeout * 1000))
                    env.cr.execute(SQL("SET LOCAL jit = off"))
                    env.cr.execute(query, params)
                    reference = env.cr.fetchall()
                    env.cr.execute(SQL("RESET jit"))
                    env.cr.execute(SQL("RESET statement_timeout"))
            except psycopg2.errors.QueryCanceled:
                print(f"{code}: the hand-written SQL was stopped after {sql_timeout} s")
                stopped = True
            times["sql"].append(time.perf_counter() - started)
        provider_s, stored_s, sql_s = (
            sorted(values)[len(values) // 2]
            for values in times.values()  # medians
        )
        ratio = provider_s / sql_s if sql_s else float("inf")
        if scope == "subjects":
            stored = subject_values(env, code, period)
            same = reference is not None and same_subjects(stored, reference)
            shown = f"{len(stored)} subj."
            expected = f"{len(reference)} subj." if reference is not None else "-"
        else:
            value = company_value(env, code, period)
            reference = reference[0][0] if reference else None
            same = (
                value is not None and reference is not None and abs(value - float(reference)) < 1e-3
            )
            shown = f"{value:.4f}" if value is not None else "-"
            expected = f"{float(reference):.4f}" if reference is not None else "-"
        print(
            f"{code:<31} {provider_s:>10.2f} {stored_s:>9.2f} {sql_s:>7.2f} {ratio:>6.1f} "
            f"{shown:>10} {expected:>10}{'' if same else '  MISMATCH'}  ({scope})"
        )
        what = f"{code} vs SQL, {'every subject' if scope == 'subjects' else 'company'} ({label})"
        summary.append((what, provider_s, sql_s, ratio, same, stopped, targeted))


def main():
    args = parser(__doc__.splitlines()[0])
    args.add_argument("--employees", type=int, default=2000)
    args.add_argument("--workcentres", type=int, default=200)
    args.add_argument("--orders", type=int, default=100000)
    args.add_argument("--purchase-lines", type=int, default=50000)
    args.add_argument("--requests", type=int, default=20000)
    args.add_argument(
        "--sql-timeout",
        type=int,
        default=120,
        help="seconds after which a hand-written reference query is stopped",
    )
    args.add_argument(
        "--month",
        choices=("previous", "current"),
        default="previous",
        help="the month computed: the previous one is over (every line and request is due)",
    )
    options = args.parse_args()
    env, cr = open_env(options.db, options.modules)
    from odoo.tools import SQL

    rows = []
    try:
        factory = demo_factory(env)
        with measure(env, f"populate {options.employees} employees", rows):
            factory._demo_workforce(options.employees, workcentres=options.workcentres)
        Period = env["mfg.kpi.period"]
        today = datetime.now(Period._company_tz(env.company)).date()
        if options.month == "previous":
            today = today.replace(day=1) - timedelta(days=1)
        period = Period._get_or_create("month", today)
        volumes = {}
        with measure(env, "copy operations (SQL)", rows):
            volumes = factory._demo_copies(
                period,
                orders=options.orders,
                purchase_lines=options.purchase_lines,
                requests=options.requests,
            )
            volumes.update(copy_workorders(env, factory, period))
        sizes = ", ".join(f"{n} {what}" for what, n in volumes.items())
        print_rows(f"Data: {options.employees} employees, {sizes}", rows)
        providers = env["mfg.kpi.provider"]._get_providers()
        kpis = env["mfg.kpi"].search([("code", "in", list(providers))])
        summary = []
        run_round(env, period, kpis, "fresh tables, before ANALYZE", summary, options.sql_timeout)
        started = time.perf_counter()
        for table in TABLES:
            cr.execute(SQL("ANALYZE %s", SQL.identifier(table)))
        print(f"\nANALYZE: {time.perf_counter() - started:.2f} s")
        run_round(env, period, kpis, "after ANALYZE", summary, options.sql_timeout)

        print(f"\nSummary ({len(kpis)} KPIs; {sizes}; wall-clock on this machine)")
        print(f"{'what':<66} {'measured':>26} {'target':>8}")
        for row in summary:
            if len(row) == 3:
                what, seconds, queries = row
                verdict = "ok" if seconds <= TARGET_SECONDS else "OVER"
                measured = f"{seconds:.1f} s, {queries} queries"
                print(f"{what:<66} {measured:>26} {'<= 30 s':>8} {verdict}")
            else:
                what, provider_s, sql_s, ratio, same, stopped, targeted = row
                target = "<= 2x" if targeted else "(info)"
                if stopped:
                    # The reference itself fell off a cliff: no ratio to compare with.
                    measured = f"{provider_s:.2f} s vs > {sql_s:.0f} s"
                    verdict = "ok (the reference query was stopped)"
                else:
                    measured = f"{ratio:.1f}x ({provider_s:.2f} vs {sql_s:.2f} s)"
                    verdict = "ok" if ratio <= TARGET_RATIO or not targeted else "OVER"
                    if not same:
                        verdict = "values differ"
                print(f"{what:<66} {measured:>26} {target:>8} {verdict}")
    finally:
        cr.rollback()
        cr.close()


if __name__ == "__main__":
    main()
