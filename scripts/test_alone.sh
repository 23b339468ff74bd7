#!/usr/bin/env bash
# The operational addons stand alone: installed without the rest of the suite (no KPI library,
# no appraisal) they install with their own dependencies only and no ERROR/WARNING of ours, and
# each uninstalls again leaving a working database and no ERROR in the log.
# Called by scripts/test.sh; MFG_TEST_DB names the database (default mfg_alone_<pid>), dropped
# at the end unless MFG_KEEP_DB=1.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO"
load_db_settings

ALONE=(mfg_purchase_rfq_rule mfg_quality_trigger mfg_stock_expiry)
db=${MFG_ALONE_DB:-mfg_alone_$$}
trap 'drop_test_db "$db"' EXIT
drop_test_db "$db" force
mkdir -p "$STATE_DIR"

# log_problems LOG: the ERROR/CRITICAL lines of an Odoo log and its WARNING lines from or about
# the suite's addons (empty when clean); the database name is left out of each line.
log_problems() {
    grep -E '^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|WARNING|CRITICAL) ' "$1" |
        sed -E 's/^(\S+ \S+ \S+ \S+) \S+ /\1 /' |
        grep -E ' (ERROR|CRITICAL) |mfg_[a-z_]+' || true
}

addons=$(IFS=,; echo "${ALONE[*]}")
log=$STATE_DIR/test-alone-install.log
say "Installing $addons alone into $db (log: $log)"
odoo_cmd -d "$db" -i "$addons" --without-demo=all --stop-after-init --log-level=info --logfile="$log" ||
    die "installing $addons alone failed (see $log)."
problems=$(log_problems "$log")
[ -z "$problems" ] || die "installing $addons alone logged problems: $(printf '%s\n' "$problems" | head -5)"
installed=$(psql -X -q -t -A -d "$db" -c "SELECT string_agg(name, ',' ORDER BY name)
    FROM ir_module_module WHERE state = 'installed' AND name LIKE 'mfg\_%'")
[ "$installed" = "$(printf '%s\n' "${ALONE[@]}" | sort | paste -sd,)" ] ||
    die "installing $addons pulled in other addons of the suite: $installed"

for addon in "${ALONE[@]}"; do
    log=$STATE_DIR/test-alone-uninstall-$addon.log
    say "Uninstalling $addon alone (log: $log)"
    printf '%s\n' \
        "env['ir.module.module'].search([('name', '=', '$addon')]).button_immediate_uninstall()" \
        "env.cr.commit()" |
        odoo_cmd shell -d "$db" --no-http --log-level=info --logfile="$log" >/dev/null ||
        die "uninstalling $addon failed (see $log)."
    problems=$(log_problems "$log")
    [ -z "$problems" ] || die "uninstalling $addon logged problems: $(printf '%s\n' "$problems" | head -5)"
    state=$(psql -X -q -t -A -d "$db" -c "SELECT state FROM ir_module_module WHERE name = '$addon'")
    [ "$state" = uninstalled ] || die "$addon is '$state' after its uninstall."
    left=$(psql -X -q -t -A -d "$db" -c "SELECT count(*) FROM ir_model_data WHERE module = '$addon'")
    [ "$left" = 0 ] || die "$addon left $left XML ids behind after its uninstall."
done
say "The operational addons install and uninstall alone."
