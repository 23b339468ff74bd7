#!/usr/bin/env python3
"""Benchmark of the suite's install time against the install time of its dependencies.

The dependencies are the modules outside this repository that the suite's modules depend on,
read from the manifests (the suite's modules reached from ``mfg_production_management`` and
``mfg_demo_factory``; Odoo core and OCA modules such as mrp, purchase, maintenance, survey,
quality_control_oca, base_tier_validation, queue_job, hr_course; Odoo installs what these depend
on and their auto-install glue with them). For each row, in a fresh database:

1. ``-i <dependencies>``: creates the database and installs the dependencies, timed;
2. ``-i mfg_production_management`` on that database: the suite, its auto-install glue and, with
   demo data, the demo factory (``mfg_demo_factory``, installed by the suite's hook), timed.

The overhead is the suite's time over the dependencies' time. Rows: without demo data (target
<= 25%) and with demo data for both steps (``--with-demo``, target <= 40%). Each step is an
``python3 -m odoo ... --stop-after-init`` subprocess, wall-clock (process start included); the
databases are dropped at the end (``--keep`` leaves them, e.g. to profile a suite install on a
copy of the dependencies' database).

Where the suite's time goes: Odoo logs "Module X loaded in N s, Q queries" for every module it
installs (logger ``odoo.modules.loading`` at info, enabled alone next to ``--log-level=warn``);
the slowest modules of each suite install are printed, and the rest of the run (registry
loading, final checks, process start) as "other"; with demo data, the time and queries of each
step of the demo factory's generated quarter (its log lines "Demo factory: step ...").

Both steps run as Odoo runs on a deployed server, from compiled bytecode. Odoo installed as an
editable source checkout (as ``scripts/setup.sh`` does) has no compiled bytecode, and where
``PYTHONDONTWRITEBYTECODE`` is set (this machine's environment sets it) none is ever written: every
Odoo process then compiles the 8,000 Python files it imports, 4-5 s per process on this machine,
the same in both steps and so a larger share of the shorter one. The bench compiles Odoo, its
addons and the suite once, untimed, into a cache of its own (``PYTHONPYCACHEPREFIX``, a temporary
folder: nothing is written into the Odoo installation), and both steps read it. ``--cold`` runs
the steps without it, as the machine's environment has them.

The machine may be shared with other work: the figures are wall-clock; compare runs made close
together in time. On a virtual machine the host may take CPU time from it ("steal"): each step
prints the share of the machine's CPU time taken so while it ran (from ``/proc/stat``), and the
summary repeats it, so that a disturbed run shows as one.

With ``--runs N`` every row is measured N times and judged on the median of its overheads (the
runs are printed too): one run on a shared machine can be a third slower than the next.

Usage: MFG_ODOO_CONF=/path/odoo.conf python3 scripts/bench_install.py [--prefix mfg_bench_install]
           [--rows demo,nodemo] [--top 12] [--keep] [--cold] [--runs 3]
"""

import argparse
import ast
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import closing

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_common import ADDONS, CONF, load_config

SUITE = "mfg_production_management"
DEMO_MODULE = "mfg_demo_factory"
TARGETS = {"nodemo": 25.0, "demo": 40.0}
LABELS = {"nodemo": "without demo data", "demo": "with demo data (demo factory)"}
STEP = re.compile(r"Demo factory: step (\S+) in ([0-9.]+) s, (\d+) queries")
LOADED = re.compile(
    r"Module (\S+) loaded in ([0-9.]+)s(?: \(incl\. [0-9.]+s test\))?, (\d+) queries"
)


def manifest(module):
    with open(os.path.join(ADDONS, module, "__manifest__.py"), encoding="utf-8") as file:
        return ast.literal_eval(file.read())


def dependencies():
    """The modules outside this repository that the suite's modules depend on (sorted)."""
    ours = {
        name
        for name in os.listdir(ADDONS)
        if os.path.isfile(os.path.join(ADDONS, name, "__manifest__.py"))
    }
    seen, todo, outside = set(), [SUITE, DEMO_MODULE], set()
    while todo:
        module = todo.pop()
        if module in seen:
            continue
        seen.add(module)
        for dependency in manifest(module).get("depends", []):
            if dependency in ours:
                todo.append(dependency)
            else:
                outside.add(dependency)
    return sorted(outside)


def warm_bytecode():
    """The environment of the Odoo processes with a compiled bytecode cache (see the module's
    documentation), and the cache's folder: Odoo, every addons folder and the suite compiled once
    into a temporary ``PYTHONPYCACHEPREFIX``."""
    import odoo
    import odoo.addons
    from odoo.modules.module import initialize_sys_path

    load_config()
    initialize_sys_path()
    cache = tempfile.mkdtemp(prefix="mfg_bench_pycache_")
    env = dict(os.environ, PYTHONPYCACHEPREFIX=cache)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    # Odoo (a namespace package in an editable install) and its addons folders, those that are
    # folders (an editable install adds its import hook's name to the path).
    folders = sorted({*odoo.__path__, *odoo.addons.__path__})
    folders = [folder for folder in folders if os.path.isdir(folder)]
    started = time.perf_counter()
    # Files that do not compile (none is imported) only make compileall's exit status non-zero.
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", "-j", "0", *folders],
        env=env,
        stdout=subprocess.DEVNULL,
        check=False,
    )
    print(f"Bytecode compiled into {cache} in {time.perf_counter() - started:.1f} s (untimed)")
    return env, cache


def cpu_times():
    """(all, stolen) CPU time of the machine so far, in clock ticks (None without /proc/stat)."""
    try:
        with open("/proc/stat", encoding="ascii") as file:
            ticks = [int(tick) for tick in file.readline().split()[1:]]
    except (OSError, ValueError):
        return None
    # user nice system idle iowait irq softirq steal (guest times are within user and nice)
    return sum(ticks[:8]), ticks[7] if len(ticks) > 7 else 0


def steal_share(before, after):
    """The share (%) of the machine's CPU time stolen by the host between two ``cpu_times``."""
    if not before or not after or after[0] <= before[0]:
        return None
    return (after[1] - before[1]) * 100.0 / (after[0] - before[0])


def steal_text(share):
    return "n/a" if share is None else f"{share:.0f}%"


def odoo(db, modules, demo, env=None):
    """Run an install of ``modules`` into ``db``; its wall-clock time, per-module log lines,
    demo steps and the CPU steal share while it ran."""
    command = [sys.executable, "-m", "odoo", "-c", CONF, f"--addons-path={ADDONS}", "-d", db]
    command += ["-i", ",".join(modules), "--stop-after-init", "--log-level=warn"]
    command += ["--log-handler=odoo.modules.loading:INFO"]
    command += ["--log-handler=odoo.addons.mfg_demo_factory:INFO"]
    if demo:
        command.append("--with-demo")
    started, cpu = time.perf_counter(), cpu_times()
    result = subprocess.run(command, capture_output=True, text=True, check=False, env=env)
    seconds, steal = time.perf_counter() - started, steal_share(cpu, cpu_times())
    log = result.stdout + result.stderr
    if result.returncode:
        sys.exit(f"{' '.join(command)} failed ({result.returncode}):\n{log[-4000:]}")
    for line in log.splitlines():
        if " ERROR " in line or " CRITICAL " in line:
            print(f"  log: {line}")
    loaded = [(m[1], float(m[2]), int(m[3])) for m in LOADED.finditer(log)]
    steps = [(m[1], float(m[2]), int(m[3])) for m in STEP.finditer(log)]
    return seconds, loaded, steps, steal


def drop(db):
    """Drop ``db`` and its filestore (the configuration may block Odoo's database manager)."""
    import odoo.service.db
    import odoo.sql_db
    from odoo.tools import SQL

    config = load_config()
    if db not in odoo.service.db.list_dbs(force=True):
        return
    odoo.sql_db.close_db(db)
    with closing(odoo.sql_db.db_connect("postgres").cursor()) as cr:
        cr._cnx.autocommit = True  # DROP DATABASE cannot run in a transaction
        cr.execute(SQL("DROP DATABASE %s", SQL.identifier(db)))
    shutil.rmtree(config.filestore(db), ignore_errors=True)


def measure(options, deps, env):
    """The rows' measures: [(row, dependencies' seconds, suite's seconds, their CPU steal)]."""
    summary = []
    for row in options.rows.split(","):
        demo = row == "demo"
        db = f"{options.prefix}_{row}"
        drop(db)
        try:
            print(f"\n[{row}] {db}: dependencies...", flush=True)
            deps_seconds, deps_loaded, _steps, deps_steal = odoo(db, deps, demo, env)
            print(
                f"[{row}] dependencies: {deps_seconds:.1f} s ({len(deps_loaded)} modules; "
                f"CPU steal {steal_text(deps_steal)})"
            )
            print(f"[{row}] suite...", flush=True)
            suite_seconds, suite_loaded, steps, suite_steal = odoo(db, [SUITE], demo, env)
            ours = [
                entry for entry in suite_loaded if os.path.isdir(os.path.join(ADDONS, entry[0]))
            ]
            print(
                f"[{row}] suite: {suite_seconds:.1f} s ({len(suite_loaded)} modules, "
                f"{len(ours)} of the suite; CPU steal {steal_text(suite_steal)})"
            )
            modules_seconds = sum(entry[1] for entry in suite_loaded)
            slowest = sorted(suite_loaded, key=lambda entry: -entry[1])[: options.top]
            print(f"\nWhere the suite's install goes ({LABELS[row]}), slowest modules:")
            print(f"{'module':<42} {'seconds':>9} {'queries':>9}")
            for name, seconds, queries in slowest:
                print(f"{name:<42} {seconds:>9.2f} {queries:>9}")
            rest = modules_seconds - sum(entry[1] for entry in slowest)
            print(f"{'(the other modules)':<42} {rest:>9.2f}")
            outside = suite_seconds - modules_seconds
            print(f"{'(process start, registry, final checks)':<42} {outside:>9.2f}")
            if steps:
                print(f"\nThe demo factory's generated quarter ({DEMO_MODULE}._populate), by step:")
                print(f"{'step':<42} {'seconds':>9} {'queries':>9}")
                for name, seconds, queries in steps:
                    print(f"{name:<42} {seconds:>9.2f} {queries:>9}")
            summary.append((row, deps_seconds, suite_seconds, deps_steal, suite_steal))
        finally:
            if not options.keep:
                drop(db)
    return summary


def main():
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--prefix", default="mfg_bench_install", help="prefix of the databases")
    args.add_argument("--rows", default="nodemo,demo", help="rows to measure: nodemo, demo")
    args.add_argument("--top", type=int, default=12, help="slowest suite modules printed")
    args.add_argument("--keep", action="store_true", help="do not drop the databases")
    args.add_argument(
        "--cold", action="store_true", help="no compiled bytecode cache (the environment's own)"
    )
    args.add_argument(
        "--runs", type=int, default=1, help="runs of every row; the verdict is on their median"
    )
    options = args.parse_args()
    deps = dependencies()
    print(f"Dependencies ({len(deps)}, from the manifests): {', '.join(deps)}", flush=True)
    env, cache = (None, None) if options.cold else warm_bytecode()
    summary = []
    try:
        for run in range(1, options.runs + 1):
            if options.runs > 1:
                print(f"\n=== run {run} of {options.runs} ===", flush=True)
            summary += [(run, *entry) for entry in measure(options, deps, env)]
    finally:
        if cache:
            shutil.rmtree(cache, ignore_errors=True)
    print("\nSummary (wall-clock on this machine; shared machines make it noisy)")
    print(
        f"{'row':<40} {'run':>4} {'deps s':>8} {'suite s':>8} {'overhead':>9} {'target':>8} "
        f"{'verdict':>7}  CPU steal (deps, suite)"
    )
    for row in options.rows.split(","):
        target, overheads = f"<= {TARGETS[row]:.0f}%", []
        for run, name, deps_seconds, suite_seconds, deps_steal, suite_steal in summary:
            if name != row:
                continue
            overheads.append(suite_seconds / deps_seconds * 100)
            print(
                f"{LABELS[row]:<40} {run:>4} {deps_seconds:>8.1f} {suite_seconds:>8.1f} "
                f"{overheads[-1]:>8.1f}% {target:>8} "
                f"{verdict(overheads[-1], row):>7}  "
                f"{steal_text(deps_steal)}, {steal_text(suite_steal)}"
            )
        if len(overheads) > 1:
            median = statistics.median(overheads)
            print(
                f"{LABELS[row]:<40} {'median':>4} {'':>8} {'':>8} {median:>8.1f}% "
                f"{target:>8} {verdict(median, row):>7}"
            )


def verdict(overhead, row):
    return "ok" if overhead <= TARGETS[row] else "MISSED"


if __name__ == "__main__":
    main()
