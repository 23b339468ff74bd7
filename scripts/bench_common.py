"""Helpers of the benchmark scripts: open (or create) a database of the suite in this process."""

import argparse
import os
import subprocess
import sys
import time
from contextlib import contextmanager

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ADDONS = os.path.join(REPO, "addons")
CONF = os.environ.get("MFG_ODOO_CONF", os.path.join(REPO, "odoo.conf"))


def parser(description):
    args = argparse.ArgumentParser(description=description)
    args.add_argument(
        "--db", default="mfg_bench", help="database (created with demo data when missing)"
    )
    args.add_argument(
        "--modules",
        default="mfg_production_management",
        help="modules installed when the database is created",
    )
    return args


def load_config():
    """Odoo's configuration of the benchmarks: the configuration file and the suite's addons."""
    from odoo.tools import config

    config.parse_config(["-c", CONF, f"--addons-path={ADDONS}", "--log-level=warn"])
    return config


def open_env(db, modules):
    """An Odoo environment (superuser) on ``db``, installing ``modules`` into a new database."""
    import odoo
    import odoo.service.db
    from odoo.modules.registry import Registry

    load_config()
    if db not in odoo.service.db.list_dbs(force=True):
        print(f"creating database {db} with {modules} (a few minutes)...", flush=True)
        subprocess.run(
            [sys.executable, "-m", "odoo", "-c", CONF, f"--addons-path={ADDONS}", "-d", db]
            + ["-i", modules, "--with-demo", "--stop-after-init", "--log-level=warn"],
            check=True,
        )
    registry = Registry(db)
    cr = registry.cursor()
    return odoo.api.Environment(cr, odoo.SUPERUSER_ID, {}), cr


def demo_factory(env):
    """The demo factory's generator (module mfg_demo_factory): what the benchmarks grow."""
    if "mfg.demo.factory" not in env:
        sys.exit(
            "the benchmarks grow the demo factory: use a database with demo data, where "
            "mfg_production_management installs mfg_demo_factory"
        )
    return env["mfg.demo.factory"]


@contextmanager
def measure(env, label, rows):
    """Print the time and the number of SQL queries of the block."""
    env.flush_all()
    env.cr.precommit.run()  # the previous step's commit
    env.flush_all()
    env.invalidate_all()
    queries = env.cr.sql_log_count
    start = time.perf_counter()
    yield
    env.flush_all()
    # What the commit would run: the chatter's tracking messages and other pre-commit work.
    env.cr.precommit.run()
    env.flush_all()
    rows.append((label, time.perf_counter() - start, env.cr.sql_log_count - queries))


def print_rows(title, rows):
    print(f"\n{title}")
    print(f"{'step':<58} {'seconds':>9} {'queries':>8}")
    for label, seconds, queries in rows:
        print(f"{label:<58} {seconds:>9.2f} {queries:>8}")
