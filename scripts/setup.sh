#!/usr/bin/env bash
# Prepare this machine for the Production Management Suite: PostgreSQL, Odoo 19.0 and the Python packages.
# Idempotent: safe to re-run; each step only acts when something is missing.
#
# Environment:
#   PYTHON          the Python interpreter to use (default python3)
#   MFG_ODOO_CONF   the Odoo configuration file (default: odoo.conf of this repository)
#   ODOO_SRC        an Odoo 19.0 source tree to install when Odoo is not importable yet
#   ODOO_HOME       where to put Odoo's official source when it has to be downloaded
#                   (default ~/.local/share/odoo-19.0)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
mkdir -p "$STATE_DIR"

is_root() { [ "$(id -u)" = 0 ]; }
is_local_host() { case "$1" in "" | localhost | 127.0.0.1 | ::1 | /*) return 0 ;; *) return 1 ;; esac; }

# --- Python ----------------------------------------------------------------------------------------
command -v "$PYTHON" >/dev/null || die "Python interpreter '$PYTHON' not found (set PYTHON=/path/to/python3.10+)."
"$PYTHON" -c 'import sys; sys.exit(not (3, 10) <= sys.version_info[:2] <= (3, 13))' ||
    die "Odoo 19.0 needs Python 3.10 to 3.13; $PYTHON is $("$PYTHON" -V 2>&1)."

# --- Odoo 19.0 -------------------------------------------------------------------------------------
odoo_version() {
    (cd / && "$PYTHON" -c 'import odoo.release as r; print("%s.%s" % r.version_info[:2])' 2>/dev/null) || true
}

install_odoo_source() { # $1: an Odoo 19.0 source tree
    [ -f "$1/odoo/release.py" ] && [ -f "$1/setup.py" ] || die "$1 is not an Odoo source tree (no odoo/release.py)."
    grep -q "version_info = (19, 0" "$1/odoo/release.py" || die "$1 is not Odoo 19.0."
    say "Installing Odoo from $1 into $PYTHON (editable)"
    "$PYTHON" -m pip install --quiet --no-deps -e "$1" || die "pip could not install Odoo from $1."
}

version=$(odoo_version)
if [ "$version" != 19.0 ]; then
    [ -z "$version" ] || die "$PYTHON imports Odoo $version, not 19.0: use another interpreter (PYTHON=...) or a virtualenv."
    if [ -n "${ODOO_SRC:-}" ]; then
        install_odoo_source "$ODOO_SRC"
    else
        ODOO_HOME=${ODOO_HOME:-${XDG_DATA_HOME:-$HOME/.local/share}/odoo-19.0}
        if [ ! -f "$ODOO_HOME/odoo/release.py" ]; then
            say "Odoo 19.0 is not importable: downloading Odoo 19.0 Community from its official repository into $ODOO_HOME"
            command -v git >/dev/null || die "Odoo 19.0 is missing and git is not installed to fetch it: install git, or set ODOO_SRC=/path/to/odoo-19.0."
            git clone --quiet --depth 1 --branch 19.0 https://github.com/odoo/odoo.git "$ODOO_HOME" 2>"$STATE_DIR/odoo-clone.log" ||
                die "Odoo 19.0 is not importable and could not be downloaded (see $STATE_DIR/odoo-clone.log): install Odoo 19.0 Community into $PYTHON (pip install -e /path/to/odoo) or set ODOO_SRC=/path/to/odoo-19.0 and re-run."
        fi
        install_odoo_source "$ODOO_HOME"
    fi
    [ "$(odoo_version)" = 19.0 ] || die "Odoo 19.0 is still not importable by $PYTHON after installing it."
fi

# --- Python packages -------------------------------------------------------------------------------
# Installed again only when a requirements file or the interpreter changed.
stamp=$(cat "$REPO/requirements-odoo.txt" "$REPO/requirements.txt" "$REPO/requirements-dev.txt" <(command -v "$PYTHON") | sha256sum | cut -c1-16)
if [ "$(cat "$STATE_DIR/requirements.stamp" 2>/dev/null)" != "$stamp" ]; then
    say "Installing Python packages (requirements-odoo.txt, requirements-dev.txt)"
    "$PYTHON" -m pip install --quiet --disable-pip-version-check -r "$REPO/requirements-odoo.txt" -r "$REPO/requirements-dev.txt" \
        >"$STATE_DIR/pip.log" 2>&1 || die "pip could not install the requirements (see $STATE_DIR/pip.log)."
    echo "$stamp" >"$STATE_DIR/requirements.stamp"
fi

# --- PostgreSQL ------------------------------------------------------------------------------------
load_db_settings
command -v pg_isready >/dev/null || {
    is_root || die "PostgreSQL client tools are missing: install PostgreSQL 13+ (e.g. apt-get install postgresql) and re-run."
    say "Installing PostgreSQL (Debian package postgresql)"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >"$STATE_DIR/apt.log" 2>&1 ||
        die "apt-get could not install PostgreSQL (see $STATE_DIR/apt.log)."
}

start_system_cluster() { # root: the Debian cluster serving $DB_PORT, created when there is none
    if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
        say "Installing the PostgreSQL server (Debian package postgresql)"
        (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >"$STATE_DIR/apt.log" 2>&1 ||
            die "apt-get could not install the PostgreSQL server (see $STATE_DIR/apt.log)."
    fi
    local cluster
    cluster=$(pg_lsclusters -h 2>/dev/null | awk -v port="$DB_PORT" '$3 == port {print $1 " " $2; exit}')
    if [ -z "$cluster" ]; then
        local ver
        ver=$(ls /usr/lib/postgresql | sort -n | tail -1)
        say "Creating PostgreSQL $ver cluster 'mfg' on port $DB_PORT"
        pg_createcluster "$ver" mfg --port "$DB_PORT" >"$STATE_DIR/pg.log" 2>&1 || die "pg_createcluster failed (see $STATE_DIR/pg.log)."
        cluster="$ver mfg"
    fi
    say "Starting PostgreSQL cluster $cluster"
    # shellcheck disable=SC2086
    pg_ctlcluster $cluster start >"$STATE_DIR/pg.log" 2>&1 || die "PostgreSQL cluster $cluster did not start (see $STATE_DIR/pg.log)."
}

start_local_cluster() { # non-root: a cluster of our own under .local/pgdata
    local bindir data="$STATE_DIR/pgdata"
    bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
    [ -n "$bindir" ] || die "No PostgreSQL server is installed and only root can install one: ask an administrator for PostgreSQL 13+ or point odoo.conf at a running server."
    if [ ! -f "$data/PG_VERSION" ]; then
        say "Creating a project-local PostgreSQL cluster in $data"
        printf '%s\n' "$DB_PASSWORD" >"$STATE_DIR/pw.tmp"
        "$bindir/initdb" -D "$data" -U "$DB_USER" --pwfile="$STATE_DIR/pw.tmp" --auth-local=trust --auth-host=scram-sha-256 \
            >"$STATE_DIR/pg.log" 2>&1 || { rm -f "$STATE_DIR/pw.tmp"; die "initdb failed (see $STATE_DIR/pg.log)."; }
        rm -f "$STATE_DIR/pw.tmp"
    fi
    mkdir -p "$STATE_DIR/pgsocket"
    say "Starting the project-local PostgreSQL on port $DB_PORT"
    "$bindir/pg_ctl" -D "$data" -l "$STATE_DIR/postgres.log" -w \
        -o "-p $DB_PORT -k $STATE_DIR/pgsocket -c listen_addresses=127.0.0.1" start >/dev/null ||
        die "The project-local PostgreSQL did not start (see $STATE_DIR/postgres.log; is port $DB_PORT taken?)."
}

if ! pg_isready -q -h "$DB_HOST" -p "$DB_PORT"; then
    is_local_host "$DB_HOST" || die "PostgreSQL at $DB_HOST:$DB_PORT does not answer: start it or fix db_host/db_port in $MFG_ODOO_CONF."
    if is_root; then start_system_cluster; else start_local_cluster; fi
    for _ in $(seq 30); do pg_isready -q -h "$DB_HOST" -p "$DB_PORT" && break; sleep 1; done
    pg_isready -q -h "$DB_HOST" -p "$DB_PORT" || die "PostgreSQL on $DB_HOST:$DB_PORT did not become ready."
fi

as_postgres() { (cd / && env -u PGHOST -u PGPORT -u PGUSER -u PGPASSWORD su postgres -c "$1"); }

# The suite's role: created when missing (root, local server); a wrong password is reported, never changed.
if ! psql_user "SELECT 1" >/dev/null; then
    if is_root && is_local_host "$DB_HOST" && id postgres >/dev/null 2>&1; then
        exists=$(as_postgres "psql -X -t -A -p $DB_PORT -c \"SELECT 1 FROM pg_roles WHERE rolname = '$DB_USER'\"" 2>/dev/null || true)
        [ "$exists" = 1 ] && die "PostgreSQL refused role '$DB_USER' at $DB_HOST:$DB_PORT: wrong password? Fix db_password in $MFG_ODOO_CONF."
        say "Creating PostgreSQL role '$DB_USER'"
        as_postgres "psql -X -q -p $DB_PORT -c \"CREATE ROLE \\\"$DB_USER\\\" LOGIN CREATEDB PASSWORD '$DB_PASSWORD'\"" >/dev/null 2>&1 ||
            die "Could not create PostgreSQL role '$DB_USER'."
        psql_user "SELECT 1" >/dev/null || die "PostgreSQL still refuses role '$DB_USER' at $DB_HOST:$DB_PORT (check pg_hba.conf)."
    else
        die "PostgreSQL at $DB_HOST:$DB_PORT refused role '$DB_USER': wrong db_user/db_password in $MFG_ODOO_CONF, or the role does not exist."
    fi
fi
[ "$(psql_user "SELECT rolcreatedb OR rolsuper FROM pg_roles WHERE rolname = current_user")" = t ] ||
    die "PostgreSQL role '$DB_USER' may not create databases: ALTER ROLE \"$DB_USER\" CREATEDB."

# --- Browser for the web-client tours (HttpCase) ---------------------------------------------------
if ! command -v chromium >/dev/null && ! command -v google-chrome >/dev/null; then
    if is_root && command -v apt-get >/dev/null; then
        say "Installing Chromium for the browser tests (Debian package chromium)"
        (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >"$STATE_DIR/apt.log" 2>&1 ||
            warn "apt-get could not install chromium (see $STATE_DIR/apt.log): browser tests will fail."
    else
        warn "Chromium is not installed: the browser tests of scripts/test.sh will fail (install the chromium package)."
    fi
fi

# --- PDF reports: Odoo renders them with wkhtmltopdf ----------------------------------------------
if ! command -v wkhtmltopdf >/dev/null; then
    if is_root && command -v apt-get >/dev/null; then
        say "Installing wkhtmltopdf for PDF reports (Debian package wkhtmltopdf)"
        (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wkhtmltopdf) >"$STATE_DIR/apt.log" 2>&1 ||
            warn "apt-get could not install wkhtmltopdf (see $STATE_DIR/apt.log): PDF reports will print as HTML."
    else
        warn "wkhtmltopdf is not installed: Odoo prints PDF reports as HTML (install the wkhtmltopdf package)."
    fi
fi

say "Ready: Odoo $(odoo_version) on $("$PYTHON" -V 2>&1), PostgreSQL at $DB_HOST:$DB_PORT as '$DB_USER'."
