#!/usr/bin/env python3
"""Benchmark of the KPI engine: a large synthetic factory, then one full period computation.

Creates (inside a transaction that is rolled back at the end) a factory of N employees in
workshops and teams, M work centres when MRP is installed, and times every registered KPI
provider for one month, printing seconds and SQL queries per provider. Queries must not grow with
headcount: run it with two sizes and compare (e.g. --employees 200 and --employees 2000).

Usage: python3 scripts/bench_kpi.py [--db mfg_bench] [--employees 2000] [--workcentres 200]
"""

import os
import sys
from datetime import date

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_common import measure, open_env, parser, print_rows


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


def main():
    args = parser(__doc__.splitlines()[0])
    args.add_argument("--employees", type=int, default=2000)
    args.add_argument("--workcentres", type=int, default=200)
    options = args.parse_args()
    env, cr = open_env(options.db, options.modules)
    rows = []
    try:
        with measure(env, f"populate {options.employees} employees", rows):
            populate(env, options.employees, options.workcentres)
        period = env["mfg.kpi.period"]._get_or_create("month", date.today())
        Provider = env["mfg.kpi.provider"]
        providers = Provider._get_providers()
        kpis = env["mfg.kpi"].search([("code", "in", list(providers))])
        for kpi in kpis:
            counts = {}
            with measure(env, f"{kpi.code} ({providers[kpi.code]['name']})"[:58], rows):
                counts.update(Provider._compute_kpi(kpi, period))
        with measure(env, "all providers again (updates)", rows):
            Provider._compute_periods(period, kpis)
        print_rows(f"KPI computation, {options.employees} employees, {len(kpis)} providers", rows)
    finally:
        cr.rollback()
        cr.close()


if __name__ == "__main__":
    main()
