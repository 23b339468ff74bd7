#!/usr/bin/env python3
"""Benchmark of an appraisal cycle for a large workforce with logins, step by step.

Grows the demo factory (module mfg_demo_factory, inside a transaction rolled back at the end) by
N operators in teams under their leaders, every one with a login (so the workflow schedules
activities, subscribes followers and notifies people as in a real company), of a position with a
two-section sheet (performance lines with rules, attitude lines rated by self and superior). HR
then runs an annual cycle: launch, self-assessment → rating, rating → review (the approval chain
is requested), approval, publication. Each step prints its time and SQL query count; the summary
compares them with the targets of issue 17. Compare two sizes: the workflow's queries do not grow
with the number of appraisees.

Usage: python3 scripts/bench_appraisal.py [--db mfg_bench] [--employees 2000]
"""

import os
import sys
import time
from datetime import date

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_common import demo_factory, measure, open_env, parser, print_rows

LEADERS = 40  # one team leader (the operators' superior) per team
# (step, seconds at most or None, queries must not grow with headcount)
TARGETS = {
    "launch the cycle": (60.0, True),
    "self-assessment → rating": (None, True),
    "rating → review (with request_validation)": (None, True),
    "  of which request_validation": (None, True),
    "publish the cycle": (15.0, True),
}


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


def logins(env, employees, groups):
    """A login for each of ``employees`` (as HR would create them), in ``groups``."""
    group_ids = [env.ref(xmlid).id for xmlid in ("base.group_user", *groups)]
    return (
        env["res.users"]
        .with_context(no_reset_password=True, mail_create_nolog=True, tracking_disable=True)
        .create(
            [
                {
                    "name": employee.name,
                    "login": f"bench.{employee.id}",
                    "email": f"bench.{employee.id}@example.com",
                    "group_ids": [(6, 0, group_ids)],
                    "create_employee_id": employee.id,
                }
                for employee in employees
            ]
        )
    )


def timed(rows, label, owner, name):
    """Record the time and queries of each call of ``owner.name`` as a row ``label``."""
    original = getattr(owner, name)

    def wrapper(self, *args, **kwargs):
        queries, start = self.env.cr.sql_log_count, time.perf_counter()
        result = original(self, *args, **kwargs)
        self.env.flush_all()
        rows.append((label, time.perf_counter() - start, self.env.cr.sql_log_count - queries))
        return result

    setattr(owner, name, wrapper)
    return lambda: setattr(owner, name, original)


def summary(rows, size):
    print(f"\nSummary against the targets (issue 17), {size} appraisees with logins")
    print(f"{'step':<46} {'seconds':>9} {'target':>8} {'queries':>8}  queries target")
    for label, seconds, queries in rows:
        if label not in TARGETS:
            continue
        limit, flat = TARGETS[label]
        target = f"≤ {limit:.0f}" if limit else "-"
        verdict = "" if not limit else (" ok" if seconds <= limit else " MISSED")
        print(
            f"{label:<46} {seconds:>9.2f} {target:>8} {queries:>8}  "
            f"{'flat (compare two sizes)' if flat else '-'}{verdict}"
        )


def main():
    args = parser(__doc__.splitlines()[0])
    args.add_argument("--employees", type=int, default=2000)
    options = args.parse_args()
    env, cr = open_env(options.db, options.modules)
    rows = []
    try:
        # HR runs the cycle: the admin user, in the HR group of the appraisals.
        hr = env.ref("base.user_admin")
        hr.group_ids = [(4, env.ref("mfg_appraisal.group_appraisal_hr").id)]
        with measure(env, f"populate {options.employees} employees with logins", rows):
            job = env["hr.job"].create({"name": "Bench operator"})
            sheet(env, job)
            workforce = demo_factory(env)._demo_workforce(
                options.employees + LEADERS, workshops=1, teams=LEADERS, job=job
            )
            logins(env, workforce["leaders"], ["mfg_appraisal.group_appraisal_appraiser"])
            logins(env, workforce["operators"], ["mfg_appraisal.group_appraisal_user"])
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
        cycle = cycle.with_user(hr)
        with measure(env, "launch the cycle", rows):
            cycle.action_launch()
        # As a web client or RPC call does: the ids, not the cycle's cached relation (whose lazy
        # prefetch set empties when each step starts with an empty cache).
        appraisals = env["mfg.appraisal"].with_user(hr).browse(cycle.appraisal_ids.ids)
        sudo = appraisals.sudo()
        # The appraisees score themselves (their own entries, not measured).
        sudo.rater_ids.filtered(lambda r: r.role == "self").rating_ids.write(
            {"score": 85.0, "score_set": True}
        )
        with measure(env, "self-assessment → rating", rows):
            appraisals.action_submit_self()
        # The superiors score and the performance lines get their actual values (not measured).
        sudo.rater_ids.filtered(lambda r: r.role != "self").rating_ids.write(
            {"score": 80.0, "score_set": True}
        )
        sudo.line_ids.filtered(lambda line: line.rule_kind != "direct").write(
            {"actual_value": 97.0, "actual_set": True}
        )
        restore = timed(rows, "  of which request_validation", type(sudo), "request_validation")
        try:
            with measure(env, "rating → review (with request_validation)", rows):
                appraisals.action_submit_rating()
            rows.append(rows.pop(-2))  # the part after the step it is part of
        finally:
            restore()
        # The approvers approve (not measured: base_tier_validation approves one record at a time).
        sudo.review_ids.write({"status": "approved", "done_by": hr.id})
        with measure(env, "publish the cycle", rows):
            cycle.action_publish()
        print_rows(
            f"Appraisal cycle: {len(appraisals)} appraisals, {len(sudo.line_ids)} lines, "
            f"{env['mail.activity'].search_count([('res_model', '=', 'mfg.appraisal')])} "
            "open activities",
            rows,
        )
        summary(rows, len(appraisals))
    finally:
        cr.rollback()
        cr.close()


if __name__ == "__main__":
    main()
