#!/usr/bin/env python3
"""Background-job test: the suite's heavy work run by a real OCA queue_job runner.

Starts Odoo on the test database as a production server would run it (``--workers=2``,
``queue_job`` among the server-wide modules, so its job runner starts), then through the
external API as the administrator:

1. recomputes an open KPI month inline (``mfg_queue_job.mode`` = ``inline``), notes its values,
   recomputes it again with the job queue (mode ``auto``: the runner is there) and checks that
   the jobs ran, that every value was recomputed and that the values are the inline ones;
2. launches a quarterly appraisal cycle inline and an identical one through the job queue, and
   checks that the background launch created the same appraisals.

Usage: scripts/test_jobs.py DB (scripts/test.sh runs it on its test database). Exits non-zero
with one line naming the problem.
"""

import argparse
import os
import socket
import subprocess
import sys
import time
import xmlrpc.client
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TIMEOUT = 600


def say(message):
    print(f"[mfg] {message}", flush=True)


def die(message):
    print(f"[mfg] ERROR: {message}", file=sys.stderr, flush=True)
    sys.exit(1)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Api:
    def __init__(self, port, db, login, password):
        self.db, self.password = db, password
        url = f"http://127.0.0.1:{port}"
        common = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/common", allow_none=True)
        self.uid = common.authenticate(db, login, password, {})
        if not self.uid:
            die(f"cannot log in to {db} as {login}.")
        self.proxy = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/object", allow_none=True)

    def __call__(self, model, method, *args, **kwargs):
        return self.proxy.execute_kw(self.db, self.uid, self.password, model, method, args, kwargs)


def wait_server(port, process, log):
    deadline = time.time() + 120
    while time.time() < deadline:
        if process.poll() is not None:
            die(f"the Odoo server stopped (see {log}).")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(1)
    die(f"the Odoo server did not start within 120 s (see {log}).")


def wait_batch(api, batch_id, what):
    deadline = time.time() + TIMEOUT
    while time.time() < deadline:
        [batch] = api("mfg.job.batch", "read", [batch_id], ["state", "job_done_count", "job_count"])
        if batch["state"] in ("done", "failed", "cancelled"):
            if batch["state"] != "done":
                die(f"{what}: the background work ended {batch['state']}.")
            return batch
        time.sleep(2)
    die(f"{what}: the background work did not finish within {TIMEOUT} s.")


def kpi_snapshot(api, period_id):
    rows = api(
        "mfg.kpi.value",
        "search_read",
        [("period_id", "=", period_id), ("source", "=", "computed")],
        [
            "kpi_id",
            "subject_type",
            "employee_id",
            "department_id",
            "value",
            "numerator",
            "denominator",
            "computed_at",
        ],
    )
    snapshot = {
        (
            r["kpi_id"][0],
            r["subject_type"],
            r["employee_id"] and r["employee_id"][0],
            r["department_id"] and r["department_id"][0],
        ): (round(r["value"], 6), round(r["numerator"], 6), round(r["denominator"], 6))
        for r in rows
    }
    return snapshot, [r["computed_at"] for r in rows]


def check_kpis(api):
    periods = api(
        "mfg.kpi.period",
        "search_read",
        [("kind", "=", "month"), ("state", "=", "open")],
        ["display_name", "value_count"],
    )
    periods = [p for p in periods if p["value_count"]]
    if not periods:
        die("no open KPI month with values in the test database (demo data?).")
    period = max(periods, key=lambda p: p["value_count"])
    api("ir.config_parameter", "set_param", "mfg_queue_job.mode", "inline")
    api("mfg.kpi.period", "action_compute", [period["id"]])
    inline, _stamps = kpi_snapshot(api, period["id"])
    if not inline:
        die(f"the inline computation of {period['display_name']} gave no values.")
    time.sleep(1.1)  # computed_at has whole seconds: the background run is later
    mark = time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime())

    api("ir.config_parameter", "set_param", "mfg_queue_job.mode", "auto")
    started = time.time()
    api("mfg.kpi.period", "action_compute", [period["id"]])
    [row] = api("mfg.kpi.period", "read", [period["id"]], ["mfg_job_batch_id"])
    if not row["mfg_job_batch_id"]:
        die("recomputing a period with the job runner running queued nothing.")
    batch = wait_batch(api, row["mfg_job_batch_id"][0], "KPI computation")
    background, stamps = kpi_snapshot(api, period["id"])
    if background != inline:
        differ = sorted(set(background.items()) ^ set(inline.items()))[:3]
        die(f"the background computation differs from the inline one, e.g. {differ}.")
    if min(stamps) < mark:
        die("the background computation left values it did not recompute.")
    say(
        f"KPIs of {period['display_name']}: {batch['job_count']} parts done by the job runner "
        f"in {time.time() - started:.1f} s; {len(background)} values, all recomputed, equal to "
        "the inline run."
    )
    return len(background)


def next_quarter(today):
    quarter = (today.month - 1) // 3
    year, quarter = (today.year + 1, 0) if quarter == 3 else (today.year, quarter + 1)
    start = date(year, quarter * 3 + 1, 1)
    end_month = quarter * 3 + 3
    end = (
        date(year + 1, 1, 1) if end_month == 12 else date(year, end_month + 1, 1)
    ).toordinal() - 1
    return start, date.fromordinal(end)


def launch(api, name, job_ids, start, end):
    cycle_id = api(
        "mfg.appraisal.cycle",
        "create",
        {
            "name": name,
            "kind": "quarterly",
            "date_start": start.isoformat(),
            "date_end": end.isoformat(),
            "job_ids": [(6, 0, job_ids)],
            # The demo's operators have no login: they self-assess at the kiosk.
            "allow_without_login": True,
        },
    )
    api("mfg.appraisal.cycle", "action_launch", [cycle_id])
    return cycle_id


def cycle_snapshot(api, cycle_id):
    rows = api(
        "mfg.appraisal",
        "search_read",
        [("cycle_id", "=", cycle_id)],
        ["employee_id", "template_id", "appraiser_id", "state", "line_ids", "rater_ids"],
    )
    return sorted(
        (
            r["employee_id"][0],
            r["template_id"][0],
            r["appraiser_id"] and r["appraiser_id"][0],
            r["state"],
            len(r["line_ids"]),
            len(r["rater_ids"]),
        )
        for r in rows
    )


def check_launch(api):
    templates = api(
        "mfg.appraisal.template",
        "search_read",
        [("state", "=", "active"), ("cycle_kind_ids.code", "=", "quarterly")],
        ["job_ids"],
    )
    job_ids = sorted({job for t in templates for job in t["job_ids"]})
    if not job_ids:
        die("no active quarterly sheet in the test database (demo data?).")
    start, end = next_quarter(date.today())
    api("ir.config_parameter", "set_param", "mfg_queue_job.mode", "inline")
    inline_id = launch(api, "Inline launch (job test)", job_ids, start, end)
    inline = cycle_snapshot(api, inline_id)
    if not inline:
        die("the inline launch created no appraisal.")

    api("ir.config_parameter", "set_param", "mfg_queue_job.mode", "auto")
    started = time.time()
    cycle_id = launch(api, "Background launch (job test)", job_ids, start, end)
    [row] = api("mfg.appraisal.cycle", "read", [cycle_id], ["mfg_job_batch_id", "state"])
    if not row["mfg_job_batch_id"] or row["state"] != "running":
        die("launching a cycle with the job runner running queued nothing.")
    batch = wait_batch(api, row["mfg_job_batch_id"][0], "cycle launch")
    background = cycle_snapshot(api, cycle_id)
    if background != inline:
        die(
            f"the background launch created {len(background)} appraisals unlike the inline "
            f"launch's {len(inline)}."
        )
    say(
        f"Cycle launch: {batch['job_count']} parts done by the job runner in "
        f"{time.time() - started:.1f} s; {len(background)} appraisals equal to the inline launch."
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db")
    parser.add_argument("--config", default=os.environ.get("MFG_ODOO_CONF", REPO / "odoo.conf"))
    parser.add_argument("--login", default="admin")
    parser.add_argument("--password", default="admin")
    args = parser.parse_args()
    port = free_port()
    state = Path(os.environ.get("MFG_STATE_DIR", REPO / ".local"))
    state.mkdir(exist_ok=True)
    log = state / "test-jobs.log"
    log.unlink(missing_ok=True)
    env = dict(os.environ, ODOO_QUEUE_JOB_CHANNELS="root:2,root.mfg:1")
    # Odoo's own command (its prefork server starts its gevent process with it), else the module.
    script = Path(sys.executable).parent / "odoo"
    odoo = [str(script)] if script.exists() else [sys.executable, "-m", "odoo"]
    command = [
        *odoo, "-c", str(args.config),
        f"--addons-path={REPO / 'addons'}", "-d", args.db, f"--db-filter=^{args.db}$",
        "--load=base,web,queue_job", "--workers=2", "--max-cron-threads=0",
        f"--http-port={port}", "--gevent-port", str(free_port()), f"--logfile={log}",
        "--log-level=info",
    ]  # fmt: skip
    say(f"Starting Odoo with the job runner on {args.db} (port {port}, log {log})")
    process = subprocess.Popen(command, env=env)
    try:
        wait_server(port, process, log)
        api = Api(port, args.db, args.login, args.password)
        check_kpis(api)
        check_launch(api)
    finally:
        process.terminate()
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
    errors = [line for line in log.read_text().splitlines() if " ERROR " in line]
    if errors:
        die(f"the server logged {len(errors)} ERROR lines, the first: {errors[0]}")
    say("The job runner ran the suite's background work with the inline results.")


if __name__ == "__main__":
    main()
