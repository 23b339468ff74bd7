#!/usr/bin/env bash
# Upgrade test: build a database from the previous release of the suite, upgrade it with this
# repository's addons, and check that its data survived.
#
#  1. the previous release's addons are extracted with `git archive` into a temporary directory
#     (the working tree is never touched);
#  2. a fresh database gets mfg_production_management with demo data from those addons, then a
#     few records the demo lacks (scripts/upgrade_figures.py --seed) and its figures are saved;
#  3. the suite's installed addons are upgraded with this repository's addons (new addons come in
#     through the depends); the upgrade log must have no ERROR/CRITICAL line, and no WARNING from
#     the suite's addons;
#  4. the figures are read again and must be the same; every addon the meta-module installs today
#     must be installed at its manifest's version.
# Fails — never skips — when the previous release is not in the clone.
#
# Run by scripts/test.sh; alone: scripts/test_upgrade.sh (after scripts/setup.sh).
# Environment: MFG_UPGRADE_FROM (a commit or tag; default the previous release below),
#              MFG_UPGRADE_DB (default mfg_upgrade_<pid>), MFG_KEEP_DB=1 keeps the database.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO"
load_db_settings

# The previous release: tag 19.0-release-1 (git tag -a 19.0-release-1 d1caeae1c97f).
PREVIOUS_RELEASE_TAG=19.0-release-1
PREVIOUS_RELEASE_COMMIT=d1caeae1c97f76d43ae787fb6ba9a5de506124df
META_MODULE=mfg_production_management
from=${MFG_UPGRADE_FROM:-$PREVIOUS_RELEASE_COMMIT}
git -C "$REPO" cat-file -e "$from^{commit}" 2>/dev/null ||
    die "the previous release $from ($PREVIOUS_RELEASE_TAG) is not in this clone; fetch it with: git fetch --unshallow origin (shallow clone) or git fetch origin tag $PREVIOUS_RELEASE_TAG — then run again."

db=${MFG_UPGRADE_DB:-mfg_upgrade_$$}
work=$(mktemp -d)
trap 'rm -rf "$work"; drop_test_db "$db"' EXIT
drop_test_db "$db" force

git -C "$REPO" archive "$from" addons | tar -x -C "$work" || die "could not extract the addons of $from."
old_addons=$work/addons
mkdir -p "$STATE_DIR"

# check_log LOG WHAT: no ERROR/CRITICAL line at all, no WARNING line from or about our addons.
check_log() {
    local bad
    bad=$(grep -E '^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) ' "$1" || true)
    bad+=$(grep -E '^[0-9-]+ [0-9:,]+ [0-9]+ WARNING ' "$1" |
        sed -E 's/^(\S+ \S+ \S+ \S+) \S+ /\1 /' | grep -E 'mfg_[a-z_]+' || true)
    if [ -n "$bad" ]; then
        printf '%s\n' "$bad" | head -20 >&2
        die "the $2 log has ERROR lines, or WARNING lines from the suite's addons (above; full log $1)."
    fi
}

log=$STATE_DIR/test-upgrade-install.log
rm -f "$log"
say "Upgrade test: installing $META_MODULE from $from into $db (demo data; log: $log)"
"$PYTHON" -m odoo -c "$MFG_ODOO_CONF" --addons-path="$old_addons" -d "$db" -i "$META_MODULE" \
    --with-demo --stop-after-init --log-level=info --logfile="$log" ||
    die "installing the previous release failed: $(grep -m1 -E ' (ERROR|CRITICAL) ' "$log" || echo "see $log")"
grep -qE 'odoo\.modules\.loading: [0-9]+ modules loaded' "$log" || die "the install did not finish (see $log)."

say "Upgrade test: figures before the upgrade"
"$PYTHON" "$REPO/scripts/upgrade_figures.py" --db "$db" --addons "$old_addons" --seed \
    --save "$work/before.json" || die "reading the figures of the previous release failed."

mods=$(psql -X -q -t -A -d "$db" -c \
    "SELECT string_agg(name, ',' ORDER BY name) FROM ir_module_module WHERE name LIKE 'mfg\_%' AND state = 'installed'")
[ -n "$mods" ] || die "no addon of the suite is installed in $db."
log=$STATE_DIR/test-upgrade.log
rm -f "$log"
say "Upgrade test: upgrading $mods with this repository's addons (log: $log)"
odoo_cmd -d "$db" -u "$mods" --stop-after-init --log-level=info --logfile="$log" ||
    die "the upgrade failed: $(grep -m1 -E ' (ERROR|CRITICAL) ' "$log" || echo "see $log")"
grep -qE 'odoo\.modules\.loading: [0-9]+ modules loaded' "$log" || die "the upgrade did not finish (see $log)."
check_log "$log" upgrade

say "Upgrade test: figures after the upgrade"
"$PYTHON" "$REPO/scripts/upgrade_figures.py" --db "$db" --addons "$ADDONS_DIR" \
    --compare "$work/before.json" || die "the upgrade from $from lost or changed data (above)."
say "Upgrade test passed: a database of $from upgrades with its data intact."
