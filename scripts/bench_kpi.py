#!/usr/bin/env python3
"""Benchmark of the KPI engine: a large synthetic factory, then one full period computation.

Grows the demo factory (module mfg_demo_factory, inside a transaction that is rolled back at the
end) by N employees in workshops and teams and M work centres, and bulk copies of its quarter's
real operations (done manufacturing orders with their stock moves, purchase lines with their
receipts, maintenance requests) into the current month; then times every registered KPI provider
for that month, printing seconds and SQL queries per provider. Queries must not grow with headcount
or data volume: run it with two sizes and compare.

Usage: python3 scripts/bench_kpi.py [--db mfg_bench] [--employees 2000] [--workcentres 200]
           [--orders 100000] [--purchase-lines 50000] [--requests 20000]
"""

import os
import sys
from datetime import datetime

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_common import demo_factory, measure, open_env, parser, print_rows


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
        factory = demo_factory(env)
        with measure(env, f"populate {options.employees} employees", rows):
            factory._demo_workforce(options.employees, workcentres=options.workcentres)
        Period = env["mfg.kpi.period"]
        today = datetime.now(Period._company_tz(env.company)).date()
        period = Period._get_or_create("month", today)
        volumes = {}
        with measure(env, "copy operations (SQL)", rows):
            volumes = factory._demo_copies(
                period,
                orders=options.orders,
                purchase_lines=options.purchase_lines,
                requests=options.requests,
            )
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
