"""Figures of a suite database that an upgrade must keep (used by scripts/test_upgrade.sh).

Runs Odoo in this process on one database with the given addons path (the previous release's
addons before the upgrade, this repository's after it):

    upgrade_figures.py --db DB --addons OLD/addons --seed --save before.json
    upgrade_figures.py --db DB --addons addons --compare before.json

``--seed`` first adds, with the release's own actions, data the demo does not have (both demo
appraisal cycles launched, so appraisals and their lines exist; one request for quotation with
the quotation rule waived) and commits it. The figures are counts per model and a few exact
values: every KPI value (KPI, period, subject, state, value), the sheets and their weighted
lines, the cycles, the appraisals per state, the positions' description KPIs, the owners of
work centres, orders and warehouses, the inspection triggers, the waivers, the activities.
``--compare`` fails (exit 1) naming each figure that changed, and checks that every addon the
meta-module installs today is installed at its current version.
"""

import argparse
import ast
import json
import os
import sys
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CONF = os.environ.get("MFG_ODOO_CONF", str(REPO / "odoo.conf"))
META = "mfg_production_management"


def open_env(db, addons):
    """A superuser environment on ``db`` with ``addons`` as the suite's addons path."""
    import odoo
    from odoo.modules.registry import Registry
    from odoo.tools import config

    config.parse_config(["-c", CONF, f"--addons-path={addons}", "--log-level=warn"])
    registry = Registry(db)
    cr = registry.cursor()
    return odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"lang": "en_US"}), cr


def seed(env):
    """Data the demo lacks, made through the release's own actions (as the demo admin)."""
    admin = env.ref("base.user_admin")
    cycles = env["mfg.appraisal.cycle"].search([("state", "=", "draft")], order="id")
    if not cycles:
        sys.exit("upgrade test: the previous release's demo has no draft appraisal cycle.")
    cycles.with_user(admin).action_launch()
    orders = env["purchase.order"].search([("state", "in", ("draft", "sent"))], order="id")
    if not orders:
        sys.exit("upgrade test: the previous release's demo has no request for quotation.")
    orders[:1].with_user(admin)._mfg_waive_rfq_rule("Single source (upgrade test)")
    env.flush_all()


def rows(records, *getters):
    """Sorted tuples of the records' values (each getter: a field name or a function)."""
    out = []
    for rec in records:
        row = []
        for get in getters:
            value = get(rec) if callable(get) else rec[get]
            if hasattr(value, "_name"):  # a record: its display name (None when empty)
                value = (value.display_name or "") if value else None
            elif isinstance(value, float):
                value = round(value, 6)
            elif value is False:
                value = None
            else:
                value = str(value) if value is not None and not isinstance(value, int) else value
            row.append(value)
        out.append(row)
    return sorted(out, key=lambda r: json.dumps(r, default=str))


def cycle_kinds(sheet):
    """The cycle kinds a sheet serves, as sorted codes (a comma-separated Char in 19.0.1)."""
    if "cycle_kind_ids" in sheet._fields:
        return ",".join(sorted(sheet.cycle_kind_ids.mapped("code")))
    return ",".join(sorted(k.strip() for k in (sheet.cycle_kinds or "").split(",") if k.strip()))


def position_description_kpis(env):
    """The KPI lines of the positions' descriptions. In 19.0.1 ``mfg.job.kpi`` also held the
    weighted lists of the appraisal sheets (origin performance / plan), which are the sheets'
    lines now (figure "sheet lines")."""
    lines = env["mfg.job.kpi"].search([])
    if "origin" in lines._fields:
        lines = lines.filtered(lambda k: k.origin == "description")
    return lines


def position_kpis(env):
    """Each position's KPIs, as sorted codes: its KPI lines (mfg.job.kpi) and the KPI lines of
    its appraisal sheets. Only the union compares across releases: 19.0.1 kept the sheets'
    weighted KPIs a second time in mfg.job.kpi, mfg_org 19.0.1.2.0 leaves them on the sheets."""
    codes = defaultdict(set)
    for line in env["mfg.job.kpi"].search([]):
        codes[line.job_id.display_name].add(line.kpi_id.code)
    sheets = env["mfg.appraisal.template"].with_context(active_test=False).search([])
    for line in sheets.line_ids:
        code = line.kpi_id.code or line.kpi_code
        for job in line.template_id.job_ids if code else ():
            codes[job.display_name].add(code)
    return sorted([job, ",".join(sorted(kpis))] for job, kpis in codes.items())


def owners(env):
    """Workshop and team of every work centre, manufacturing order and warehouse."""
    out = []
    for model in ("mrp.workcenter", "mrp.production", "stock.warehouse"):
        records = env[model].with_context(active_test=False).search([])
        team = "mfg_team_id" in records._fields
        out += rows(
            records,
            lambda r, m=model: m,
            "display_name",
            "mfg_department_id",
            lambda r, t=team: (r.mfg_team_id.display_name if t else False) or False,
        )
    return out


def figures(env):
    """The figures an upgrade must keep, as a JSON-able dict."""
    every = {"active_test": False}
    Value = env["mfg.kpi.value"].with_context(**every)
    Appraisal = env["mfg.appraisal"].with_context(**every)
    values = Value.search([])
    appraisals = Appraisal.search([])
    orders = env["purchase.order"].search([("mfg_rfq_waiver_date", "!=", False)])
    activities = env["mail.activity"].with_context(**every).search([])
    return {
        "kpis": sorted(env["mfg.kpi"].with_context(**every).search([]).mapped("code")),
        "kpi periods": rows(
            env["mfg.kpi.period"].search([]), "name", "kind", "state", "date_start", "date_end"
        ),
        "kpi values": len(values),
        "kpi values per state": dict(Counter(values.mapped("state"))),
        "kpi values (kpi, period, kind, subject, state, value)": rows(
            values,
            lambda v: v.kpi_id.code,
            lambda v: v.period_id.date_start,
            "period_kind",
            "subject_ref",
            "state",
            "value",
        ),
        "sheets (code, name, cycle kinds, lines, weight total)": rows(
            env["mfg.appraisal.template"].with_context(**every).search([]),
            "code",
            "name",
            cycle_kinds,
            lambda t: len(t.line_ids),
            lambda t: sum(t.line_ids.mapped("weight")),
        ),
        "sheet lines (sheet, line, weight, kpi)": rows(
            env["mfg.appraisal.template.line"].search([]),
            lambda line: line.template_id.name,
            "name",
            "weight",
            lambda line: line.kpi_id.code,
        ),
        "cycles (name, kind, state, start, end, appraisals)": rows(
            env["mfg.appraisal.cycle"].with_context(**every).search([]),
            "name",
            "kind",
            "state",
            "date_start",
            "date_end",
            lambda c: len(c.appraisal_ids),
        ),
        "appraisals per state": dict(Counter(appraisals.mapped("state"))),
        "appraisals (cycle, employee, sheet, state, lines)": rows(
            appraisals,
            "cycle_id",
            "employee_id",
            "template_id",
            "state",
            lambda a: len(a.line_ids),
        ),
        "appraisal lines": env["mfg.appraisal.line"].search_count([]),
        "position KPIs (position, kpi codes)": position_kpis(env),
        "position description KPIs (position, kpi, sequence)": rows(
            position_description_kpis(env), "job_id", lambda k: k.kpi_id.code, "sequence"
        ),
        "owners (model, record, workshop, team)": owners(env),
        "inspection triggers (name, on, kind, test, active)": rows(
            env["mfg.qc.trigger.rule"].with_context(**every).search([]),
            "name",
            "trigger_on",
            "inspection_kind",
            "test_id",
            "active",
        ),
        "quotation rule waivers (order, reason)": rows(orders, "name", "mfg_rfq_waiver_reason"),
        "activities per model": dict(Counter(a.res_model or "-" for a in activities)),
        "duty runs": env["mfg.duty.run"].with_context(**every).search_count([]),
    }


def manifest(addon_dir):
    return ast.literal_eval((addon_dir / "__manifest__.py").read_text())


def expected_modules(addons):
    """The suite's addons a meta-module install has today, with their manifest versions:
    the meta-module's depends (transitively), then the auto-installed glue whose depends are in."""
    manifests = {
        d.name: manifest(d) for d in Path(addons).iterdir() if (d / "__manifest__.py").is_file()
    }
    wanted, todo = set(), [META]
    while todo:
        name = todo.pop()
        if name in manifests and name not in wanted:
            wanted.add(name)
            todo.extend(manifests[name].get("depends", []))
    grew = True
    while grew:
        grew = False
        for name, data in manifests.items():
            auto = data.get("auto_install")
            if name in wanted or not auto:
                continue
            needed = set(auto if isinstance(auto, list) else data.get("depends", []))
            if needed <= wanted | {d for d in needed if d not in manifests}:
                wanted.add(name)
                grew = True
    return {name: manifests[name]["version"] for name in wanted}


def check_modules(env, addons):
    problems = []
    modules = env["ir.module.module"].search([("name", "=like", "mfg\\_%")])
    state = {m.name: (m.state, m.latest_version) for m in modules}
    for name, version in sorted(expected_modules(addons).items()):
        got_state, got_version = state.get(name, ("unknown", None))
        if got_state != "installed":
            problems.append(f"module {name} is {got_state} after the upgrade, not installed")
        elif got_version != version:
            problems.append(f"module {name} is at version {got_version}, its manifest {version}")
    for name, (got_state, _version) in sorted(state.items()):
        if got_state not in ("installed", "uninstalled", "uninstallable"):
            problems.append(f"module {name} is left in state {got_state}")
    installed = sorted(name for name, (s, _v) in state.items() if s == "installed")
    print(f"installed after the upgrade: {', '.join(installed)}")
    return problems


# Figures an upgrade may add rows to (every row before must still be there), with the reason.
MAY_GROW = {
    # mfg_appraisal 19.0.1.2.0 links each cycle to the KPI period of its dates, creating it.
    "kpi periods": "a cycle's KPI period created by the mfg_appraisal 19.0.1.2.0 migration",
}
# Rows an upgrade may add to a figure, one by one, with the reason (anything else gained fails).
MAY_GAIN = {
    "kpis": {
        # The meta module installs the safety addon, new since the release.
        "SAFETY_OUTPUT_VALUE": "mfg_safety (new): the output value its accident loss rate "
        "divides by",
    },
}


# A KPI the previous release listed on a position that its sheet measures with another KPI: the
# sheets being the only home of a position's weighted KPIs since mfg_org 19.0.1.2.0, the listing
# goes (as in a new database). Each such drop is named here, with its reason.
POSITION_KPIS = "position KPIs (position, kpi codes)"
DROPPED_POSITION_KPIS = {
    ("Operator", "WORK_ATTITUDE"): "the operator sheet's 'Work attitude' line is measured by "
    "LATE_EARLY_COUNT; 19.0.1 also listed WORK_ATTITUDE in the position's performance list",
}


def without_dropped_position_kpis(rows_before):
    out = []
    for job, codes in rows_before:
        kept = []
        for code in codes.split(","):
            reason = DROPPED_POSITION_KPIS.get((job, code))
            if reason:
                print(f"  note: {POSITION_KPIS}: {job} no longer lists {code} ({reason})")
            else:
                kept.append(code)
        out.append([job, ",".join(kept)])
    return out


def compare(before, after):
    problems = []
    if POSITION_KPIS in before:
        before = dict(
            before, **{POSITION_KPIS: without_dropped_position_kpis(before[POSITION_KPIS])}
        )
    for key, old in before.items():
        new = after.get(key)
        if new == old:
            continue
        if isinstance(old, list) and isinstance(new, list):
            old_rows = [json.dumps(r, default=str) for r in old]
            new_rows = [json.dumps(r, default=str) for r in new]
            lost = [r for r in old_rows if r not in set(new_rows)]
            gained = [r for r in new_rows if r not in set(old_rows)]
            detail = f"{len(old)} before, {len(new)} after"
            detail += "".join(f"\n      lost:   {r}" for r in lost[:5])
            detail += "".join(f"\n      gained: {r}" for r in gained[:5])
            if not lost and key in MAY_GROW:
                print(f"  note: {key}: {detail} ({MAY_GROW[key]})")
                continue
            allowed = {json.dumps(row): why for row, why in MAY_GAIN.get(key, {}).items()}
            if not lost and gained and all(row in allowed for row in gained):
                reasons = "; ".join(f"{row}: {allowed[row]}" for row in gained)
                print(f"  note: {key}: {len(old)} before, {len(new)} after ({reasons})")
                continue
            problems.append(f"{key}: {detail}")
        else:
            problems.append(f"{key}: {old} before, {new} after")
    return problems


def summary(data):
    for key, value in data.items():
        shown = len(value) if isinstance(value, list) else value
        print(f"  {key}: {shown}")


def main():
    args = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    args.add_argument("--db", required=True)
    args.add_argument("--addons", required=True, help="the suite's addons directory")
    args.add_argument("--seed", action="store_true", help="add the data the demo lacks first")
    args.add_argument("--save", help="write the figures to this JSON file")
    args.add_argument("--compare", help="compare with the figures of this JSON file")
    opts = args.parse_args()
    env, cr = open_env(opts.db, opts.addons)
    try:
        if opts.seed:
            seed(env)
            cr.commit()
        data = json.loads(json.dumps(figures(env), default=str))
        summary(data)
        if opts.save:
            Path(opts.save).write_text(json.dumps(data, indent=1, ensure_ascii=False))
        if opts.compare:
            before = json.loads(Path(opts.compare).read_text())
            problems = compare(before, data) + check_modules(env, opts.addons)
            if problems:
                print("upgrade test: data or modules changed by the upgrade:", file=sys.stderr)
                for problem in problems:
                    print(f"  - {problem}", file=sys.stderr)
                sys.exit(1)
            print("upgrade test: every figure survived the upgrade.")
    finally:
        cr.rollback()
        cr.close()


if __name__ == "__main__":
    main()
