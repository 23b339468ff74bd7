# shellcheck shell=bash
# Helpers shared by setup.sh, run.sh and test.sh. Sourced, never run.

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PYTHON=${PYTHON:-python3}
MFG_ODOO_CONF=${MFG_ODOO_CONF:-$REPO/odoo.conf}
STATE_DIR=${MFG_STATE_DIR:-$REPO/.local}
ADDONS_DIR=$REPO/addons

say() { printf '[mfg] %s\n' "$*"; }
warn() { printf '[mfg] WARNING: %s\n' "$*" >&2; }
# die prints one line naming the problem and exits non-zero.
die() {
    printf '[mfg] ERROR: %s\n' "$*" >&2
    exit 1
}

# conf KEY DEFAULT: a value of the [options] section of the Odoo configuration file, or DEFAULT.
conf() {
    "$PYTHON" - "$MFG_ODOO_CONF" "$1" "$2" <<'PY'
import configparser, sys
path, key, default = sys.argv[1:4]
parser = configparser.ConfigParser(interpolation=None)
parser.read(path)
value = parser.get("options", key, fallback="") if parser.has_section("options") else ""
print(value if value not in ("", "False") else default)
PY
}

load_db_settings() {
    [ -f "$MFG_ODOO_CONF" ] || die "Odoo configuration file $MFG_ODOO_CONF does not exist (set MFG_ODOO_CONF)."
    DB_HOST=$(conf db_host localhost)
    DB_PORT=$(conf db_port 5432)
    DB_USER=$(conf db_user odoo)
    DB_PASSWORD=$(conf db_password odoo)
    export PGHOST=$DB_HOST PGPORT=$DB_PORT PGUSER=$DB_USER PGPASSWORD=$DB_PASSWORD
}

# psql_user SQL: run SQL as the suite's database role; prints the result, fails quietly.
psql_user() { psql -X -q -t -A -d postgres -c "$1" 2>/dev/null; }

# drop_test_db DB [force]: drop a test database and its filestore, unless MFG_KEEP_DB=1 (and not
# forced: a test drops a leftover database of the same name before it starts).
drop_test_db() {
    [ "${MFG_KEEP_DB:-0}" != 1 ] || [ "${2:-}" = force ] || return 0
    dropdb --if-exists "$1" 2>/dev/null || warn "could not drop test database $1"
    rm -rf "${HOME}/.local/share/Odoo/filestore/$1"
}

db_exists() { [ "$(psql_user "SELECT 1 FROM pg_database WHERE datname = '$1'")" = 1 ]; }

# The suite's addons, in dependency-free order (Odoo resolves the order itself).
suite_addons() {
    local names=()
    for manifest in "$ADDONS_DIR"/*/__manifest__.py; do
        names+=("$(basename "$(dirname "$manifest")")")
    done
    (IFS=,; echo "${names[*]}")
}

odoo_cmd() {
    "$PYTHON" -m odoo "$@" -c "$MFG_ODOO_CONF" --addons-path="$ADDONS_DIR"
}
