#!/usr/bin/env python3
"""The KPI library's computed and manual KPIs, in total and per seed position, as the Markdown
tables of the summary in ``addons/mfg_kpi/readme/DESCRIPTION.md``.

Reads a database with the whole suite installed (every bridge registers its providers): a KPI
is computed when an installed module provides its code. Library KPIs only (the ones the seed
documents name; a module's own extra indicators are left out). Re-run it after adding providers
and paste its output over the summary.

Usage: MFG_ODOO_CONF=/path/odoo.conf python3 scripts/kpi_coverage.py --db mfg_demo
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_common import open_env, parser


def main():
    options = parser(__doc__.splitlines()[0]).parse_args()
    env, cr = open_env(options.db, options.modules)
    try:
        library = env["ir.model.data"].search(
            [("module", "=", "mfg_kpi"), ("model", "=", "mfg.kpi")]
        )
        kpis = env["mfg.kpi"].browse(library.mapped("res_id")).exists()
        providers = env["mfg.kpi.provider"]._get_providers()
        computed = kpis.filtered(lambda kpi: kpi.code in providers)
        print(
            f"Library: {len(kpis)} KPIs, {len(computed)} computed, "
            f"{len(kpis) - len(computed)} entered by hand.\n"
        )
        print("| position | KPIs | computed | manual |")
        print("|---|---|---|---|")
        seeds = env["ir.model.data"].search([("module", "=", "mfg_org"), ("model", "=", "hr.job")])
        jobs = env["hr.job"].browse(seeds.mapped("res_id")).exists().sorted("id")
        for job in jobs:
            job_kpis = job.mfg_kpi_line_ids.kpi_id & kpis
            if not job_kpis:
                continue
            done = job_kpis.filtered(lambda kpi: kpi.code in providers)
            manual = ", ".join((job_kpis - done).mapped("name")) or "—"
            print(f"| {job.name} | {len(job_kpis)} | {len(done)} | {manual} |")
    finally:
        cr.rollback()
        cr.close()


if __name__ == "__main__":
    main()
