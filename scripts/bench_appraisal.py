#!/usr/bin/env python3
"""Benchmark of an appraisal cycle launch for a large workforce.

Grows the demo factory (module mfg_demo_factory, inside a transaction rolled back at the end) by
N operators in teams under their leaders, of a position with a two-section sheet (performance
lines with rules, attitude lines rated by self and superior), launches an annual cycle and prints
the time and SQL query count. Compare two sizes: queries grow only with the ORM's insert batches
(one query per 100 rows), never per employee.

Usage: python3 scripts/bench_appraisal.py [--db mfg_bench] [--employees 2000]
"""

import os
import sys
from datetime import date

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_common import demo_factory, measure, open_env, parser, print_rows

LEADERS = 40  # one team leader (the operators' superior) per team


def sheet(env, job):
    lines = [
        {
            "name": f"Rate {i}",
            "weight": 20,
            "rule_kind": "linear",
            "target": 98.0,
            "step": 1.0,
            "deduction": 5.0,
            "direction": "higher",
            "sequence": i,
        }
        for i in range(5)
    ]
    attitude = [
        {"name": f"Attitude {i}", "weight": 10, "rule_kind": "direct", "sequence": i}
        for i in range(10)
    ]
    return env["mfg.appraisal.template"].create(
        {
            "name": "Bench sheet",
            "code": "bench_sheet",
            "job_ids": [(6, 0, job.ids)],
            "state": "active",
            "section_ids": [
                (
                    0,
                    0,
                    {"name": "Performance", "weight": 70, "line_ids": [(0, 0, v) for v in lines]},
                ),
                (
                    0,
                    0,
                    {
                        "name": "Attitude",
                        "weight": 30,
                        "rater_ids": [
                            (0, 0, {"role": "self", "weight": 30}),
                            (0, 0, {"role": "superior", "weight": 70}),
                        ],
                        "line_ids": [(0, 0, v) for v in attitude],
                    },
                ),
            ],
        }
    )


def main():
    args = parser(__doc__.splitlines()[0])
    args.add_argument("--employees", type=int, default=2000)
    options = args.parse_args()
    env, cr = open_env(options.db, options.modules)
    rows = []
    try:
        env["tier.definition"].search([("model", "=", "mfg.appraisal")]).active = False
        with measure(env, f"populate {options.employees} employees", rows):
            job = env["hr.job"].create({"name": "Bench operator"})
            sheet(env, job)
            workforce = demo_factory(env)._demo_workforce(
                options.employees + LEADERS, workshops=1, teams=LEADERS, job=job
            )
            cycle = env["mfg.appraisal.cycle"].create(
                {
                    "name": "Bench cycle",
                    "kind": "annual",
                    "date_start": date(2025, 1, 1),
                    "date_end": date(2025, 12, 31),
                    "job_ids": [(6, 0, job.ids)],
                    "department_ids": [(6, 0, workforce["workshops"].ids)],
                    "apply_exclusions": True,
                }
            )
        with measure(env, "launch the cycle", rows):
            cycle.action_launch()
        print_rows(
            f"Appraisal launch: {len(cycle.appraisal_ids)} appraisals, "
            f"{len(cycle.appraisal_ids.line_ids)} lines",
            rows,
        )
    finally:
        cr.rollback()
        cr.close()


if __name__ == "__main__":
    main()
