#!/usr/bin/env bash
# Uninstall test: every addon of the suite uninstalls from a database with the suite, its demo
# factory and their records; the log has no ERROR, every employee keeps the position and the
# department they had, and the demo logins are closed.
# Usage: scripts/test_uninstall.sh DB (scripts/test.sh runs it on its test database at the end).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO"
load_db_settings

db=${1:?usage: scripts/test_uninstall.sh DB}
sql() { psql -X -q -t -A -d "$db" -c "$1"; }

# What must survive: each employee's position and department (all versions, archived ones too).
holdings="SELECT string_agg(id || ':' || COALESCE(job_id, 0) || ':' || COALESCE(department_id, 0), ',' ORDER BY id)
            FROM hr_version"
before=$(sql "$holdings")
demo_users=$(sql "SELECT string_agg(res_id::text, ',') FROM ir_model_data WHERE module = 'mfg_demo_factory' AND model = 'res.users'")

log=$STATE_DIR/test-uninstall.log
rm -f "$log"
say "Uninstalling every addon of the suite from $db (log: $log)"
printf '%s\n' \
    "env['ir.module.module'].search([('name', '=like', 'mfg\\\\_%'), ('state', '=', 'installed')]).button_immediate_uninstall()" \
    "env.cr.commit()" |
    odoo_cmd shell -d "$db" --no-http --log-level=info --logfile="$log" >/dev/null ||
    die "uninstalling the suite failed (see $log)."

problems=$(grep -E '^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) ' "$log" || true)
[ -z "$problems" ] ||
    die "uninstalling the suite logged $(printf '%s\n' "$problems" | wc -l) ERROR lines, the first: $(printf '%s\n' "$problems" | head -3)"
left=$(sql "SELECT string_agg(name, ',') FROM ir_module_module WHERE name LIKE 'mfg\_%' AND state <> 'uninstalled'")
[ -z "$left" ] || die "still installed after the uninstall: $left"
[ "$(sql "$holdings")" = "$before" ] || die "employees lost a position or a department they held."
if [ -n "$demo_users" ]; then
    open=$(sql "SELECT count(*) FROM res_users WHERE id IN ($demo_users) AND active")
    [ "$open" = 0 ] || die "demo logins are still active after the demo factory left."
fi
say "The suite uninstalls cleanly; employees keep their positions and departments."
