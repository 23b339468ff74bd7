#!/usr/bin/env python3
"""Benchmark of the KPI engine: a large synthetic factory, then one full period computation.

Creates (inside a transaction that is rolled back at the end) a factory of N employees in
workshops and teams, M work centres when MRP is installed, and bulk copies of the demo factory's
real operations (done manufacturing orders with their stock moves, purchase lines with their
receipts, maintenance requests) into one month; then times every registered KPI provider for
that month, printing seconds and SQL queries per provider. Queries must not grow with headcount
or data volume: run it with two sizes and compare.

Usage: python3 scripts/bench_kpi.py [--db mfg_bench] [--employees 2000] [--workcentres 200]
           [--orders 100000] [--purchase-lines 50000] [--requests 20000]
"""

import os
import sys
from datetime import date

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_common import measure, open_env, parser, print_rows
from bench_volume import clone


def populate(env, employees, workcentres):
    company = env.company
    departments = env["hr.department"].create(
        [{"name": f"Bench workshop {i}", "company_id": company.id} for i in range(10)]
    )
    teams = env["hr.department"].create(
        [
            {
                "name": f"Bench team {i}",
                "parent_id": departments[i % 10].id,
                "company_id": company.id,
            }
            for i in range(50)
        ]
    )
    leaders = env["hr.employee"].create(
        [{"name": f"Bench leader {i}", "department_id": teams[i].id} for i in range(50)]
    )
    env["hr.employee"].create(
        [
            {
                "name": f"Bench operator {i}",
                "department_id": teams[i % 50].id,
                "parent_id": leaders[i % 50].id,
            }
            for i in range(max(employees - 50, 0))
        ]
    )
    if "mrp.workcenter" in env:
        env["mrp.workcenter"].create(
            [{"name": f"Bench WC {i}", "code": f"BWC{i}"} for i in range(workcentres)]
        )


def operations(env, period, options):
    """Bulk copies of the demo factory's operations into ``period``; returns counts."""
    day0, days = period.date_start, (period.date_end - period.date_start).days + 1
    counts = {}
    if "mrp.production" in env:
        templates = env["mrp.production"].search([("state", "=", "done")]).ids
        orders = clone(
            env,
            "mrp_production",
            templates,
            options.orders,
            day0,
            days,
            children=[
                ("stock_move", "raw_material_production_id"),
                ("stock_move", "production_id"),
            ],
            overrides={"name": "t.name || '/B' || m.new_id"},
        )
        counts["manufacturing orders"] = len(orders)
    if "purchase.order.line" in env:
        templates = env["purchase.order.line"].search([("order_id.state", "=", "purchase")]).ids
        lines = clone(
            env,
            "purchase_order_line",
            templates,
            options.purchase_lines,
            day0,
            days,
            children=[("stock_move", "purchase_line_id")],
        )
        counts["purchase lines"] = len(lines)
    if "maintenance.request" in env:
        templates = env["maintenance.request"].search([]).ids
        requests = clone(env, "maintenance_request", templates, options.requests, day0, days)
        counts["maintenance requests"] = len(requests)
    return counts


def main():
    args = parser(__doc__.splitlines()[0])
    args.add_argument("--employees", type=int, default=2000)
    args.add_argument("--workcentres", type=int, default=200)
    args.add_argument("--orders", type=int, default=100000)
    args.add_argument("--purchase-lines", type=int, default=50000)
    args.add_argument("--requests", type=int, default=20000)
    options = args.parse_args()
    env, cr = open_env(options.db, options.modules)
    rows = []
    try:
        with measure(env, f"populate {options.employees} employees", rows):
            populate(env, options.employees, options.workcentres)
        period = env["mfg.kpi.period"]._get_or_create("month", date.today())
        volumes = {}
        with measure(env, "copy operations (SQL)", rows):
            volumes = operations(env, period, options)
        Provider = env["mfg.kpi.provider"]
        providers = Provider._get_providers()
        kpis = env["mfg.kpi"].search([("code", "in", list(providers))])
        for kpi in kpis:
            counts = {}
            with measure(env, f"{kpi.code} ({providers[kpi.code]['name']})"[:58], rows):
                counts.update(Provider._compute_kpi(kpi, period))
        with measure(env, "all providers again (updates)", rows):
            Provider._compute_periods(period, kpis)
        sizes = ", ".join(f"{n} {what}" for what, n in volumes.items())
        print_rows(
            f"KPI computation, {options.employees} employees, {sizes}, {len(kpis)} providers",
            rows,
        )
    finally:
        cr.rollback()
        cr.close()


if __name__ == "__main__":
    main()
