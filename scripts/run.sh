#!/usr/bin/env bash
# Run the Production Management Suite locally: setup, create (or upgrade) the database with the
# whole suite and its demo data, then serve the web client on 127.0.0.1.
# Re-running keeps the data: an existing database is upgraded, never recreated.
#
# Environment: MFG_DB (default mfg_demo), MFG_HTTP_PORT (default: http_port of odoo.conf, 8069).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO"

bash "$REPO/scripts/setup.sh"
load_db_settings
db=${MFG_DB:-mfg_demo}
port=${MFG_HTTP_PORT:-$(conf http_port 8069)}
interface=$(conf http_interface 127.0.0.1)

"$PYTHON" - "$interface" "$port" 2>/dev/null <<'PY' || die "port $port on $interface is already in use: stop what uses it or set MFG_HTTP_PORT."
import socket, sys
with socket.socket() as s:
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((sys.argv[1], int(sys.argv[2])))
PY

log=$STATE_DIR/run-install.log
if db_exists "$db"; then
    say "Upgrading the suite in database $db (log: $log)"
    odoo_cmd -d "$db" -u mfg_production_management --stop-after-init --logfile="$log" ||
        die "upgrading database $db failed: $(grep -m1 -E ' (ERROR|CRITICAL) ' "$log" || echo "see $log")"
else
    say "Creating database $db with the suite and its demo data (a few minutes; log: $log)"
    odoo_cmd -d "$db" -i mfg_production_management --with-demo --stop-after-init --logfile="$log" ||
        die "installing the suite into $db failed: $(grep -m1 -E ' (ERROR|CRITICAL) ' "$log" || echo "see $log")"
fi

state=$(psql -X -q -t -A -d "$db" -c "SELECT state FROM ir_module_module WHERE name = 'mfg_production_management'" 2>/dev/null || true)
[ "$state" = installed ] ||
    die "the suite is not installed in $db: $(grep -m1 -E ' (ERROR|CRITICAL) ' "$log" || echo "see $log")"

cat <<MSG
[mfg] The suite runs at http://$interface:$port/web/login?db=$db  (Ctrl-C stops it)
[mfg] Demo logins (user / password):
        admin / admin                          administrator, HR and KPI manager
        mfg_hr / mfg_hr                        HR manager
        mfg_manager / mfg_manager              production manager
        mfg_director / mfg_director            workshop director
        mfg_leader / mfg_leader                team leader
        mfg_operator / mfg_operator            operator
        mfg_buyer, mfg_keeper, mfg_inspector, mfg_technician, mfg_equipment_admin, mfg_safety
                                               buyer, warehouse keeper, quality inspector,
                                               maintenance technician, equipment administrator,
                                               safety & training officer
                                               (password = login)
MSG
exec "$PYTHON" -m odoo -c "$MFG_ODOO_CONF" --addons-path="$ADDONS_DIR" -d "$db" --db-filter="^$db\$" \
    --http-interface="$interface" --http-port="$port"
