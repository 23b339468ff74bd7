#!/usr/bin/env bash
# Run every check of the suite: setup, lint, plain-Python tests, then a fresh database with every
# addon of addons/ installed (with demo data), a check of the install log, the Odoo tests under
# pytest-odoo (browser tours included), the job queue with a real job runner (scripts/test_jobs.py),
# the suite uninstalled from it (scripts/test_uninstall.sh)
# and the database dropped again; then the upgrade test
# (scripts/test_upgrade.sh: a database of the previous release upgraded with these addons) and the
# stand-alone test (scripts/test_alone.sh: the operational addons install and uninstall alone).
# Fails — never skips — when Odoo, PostgreSQL or Chromium cannot be had.
#
# Environment: MFG_TEST_DB (default mfg_test_<pid>), MFG_KEEP_DB=1 keeps the database,
#              MFG_SKIP_LINT=1 skips the linters (local iterations only), PYTEST_ARGS (extra args).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO"

bash "$REPO/scripts/setup.sh"
load_db_settings

if [ "${MFG_SKIP_LINT:-0}" != 1 ]; then
    say "Lint: ruff"
    "$PYTHON" -m ruff check addons scripts tests conftest.py || die "ruff found problems (ruff check addons scripts tests)."
    "$PYTHON" -m ruff format --check addons scripts tests conftest.py >/dev/null || die "ruff format would change files (run: ruff format addons scripts tests)."
    say "Lint: pylint-odoo (mandatory checks)"
    "$PYTHON" -m pylint --rcfile="$REPO/.pylintrc-mandatory" addons/mfg_* || die "pylint-odoo found problems (see above)."
fi

say "Plain-Python tests (tests/)"
"$PYTHON" -m pytest -q -p no:odoo tests || die "plain-Python tests failed."

command -v chromium >/dev/null || command -v google-chrome >/dev/null ||
    die "Chromium is required for the browser tests: install the chromium package."
"$PYTHON" -c 'import websocket' 2>/dev/null || die "websocket-client is required for the browser tests: pip install websocket-client."

db=${MFG_TEST_DB:-mfg_test_$$}
trap 'drop_test_db "$db"' EXIT
drop_test_db "$db" force

addons=$(suite_addons)
log=$STATE_DIR/test-install.log
say "Installing $addons into a fresh database $db (with demo data; log: $log)"
odoo_cmd -d "$db" -i "$addons" --with-demo --stop-after-init --log-level=info --logfile="$log" ||
    die "installing the suite failed: $(grep -m1 -E ' (ERROR|CRITICAL) ' "$log" || echo "see $log")"
grep -qE 'odoo\.modules\.loading: [0-9]+ modules loaded' "$log" || die "the install did not finish (see $log)."

# Our addons must install cleanly: no ERROR or WARNING logged by them or about them.
# (log lines: date time pid LEVEL database logger: message; the database name is left out)
ours=$(grep -E '^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|WARNING|CRITICAL) ' "$log" |
    sed -E 's/^(\S+ \S+ \S+ \S+) \S+ /\1 /' | grep -E 'mfg_[a-z_]+' || true)
if [ -n "$ours" ]; then
    printf '%s\n' "$ours" | head -20 >&2
    die "the install log has ERROR/WARNING lines from the suite's addons (above; full log $log)."
fi

say "Odoo tests (pytest-odoo, with HTTP server for browser tours)"
mapfile -t test_dirs < <(ls -d addons/mfg_*/tests 2>/dev/null)
[ ${#test_dirs[@]} -gt 0 ] || die "no addon has tests."
# shellcheck disable=SC2086
"$PYTHON" -m pytest --odoo-config="$MFG_ODOO_CONF" --odoo-addons-path="$ADDONS_DIR" \
    --odoo-database="$db" --odoo-http --odoo-log-level=warn -q ${PYTEST_ARGS:-} "${test_dirs[@]}" ||
    die "Odoo tests failed."

say "Background-job test: a real job runner computes KPIs and launches a cycle as inline"
MFG_ODOO_CONF=$MFG_ODOO_CONF MFG_STATE_DIR=$STATE_DIR "$PYTHON" "$REPO/scripts/test_jobs.py" "$db" ||
    die "the background-job test failed (above)."

say "Uninstall test: every addon of the suite leaves the test database cleanly"
bash "$REPO/scripts/test_uninstall.sh" "$db" || die "the uninstall test failed (above)."

say "Upgrade test: a database of the previous release, upgraded with these addons, keeps its data"
bash "$REPO/scripts/test_upgrade.sh" || die "the upgrade test failed (above)."

say "Stand-alone test: the operational addons install and uninstall without the rest of the suite"
bash "$REPO/scripts/test_alone.sh" || die "the stand-alone test failed (above)."
say "All checks passed."
