#!/usr/bin/env bash
# Refresh translation templates: install/upgrade MODULES in a scratch database (default mfg_i18n),
# export each module's .pot into addons/<module>/i18n/ and merge it into zh_CN.po (new strings
# arrive untranslated; fill them in, then check with: msgfmt --statistics -o /dev/null FILE).
# Usage: scripts/i18n.sh mfg_kpi [mfg_org ...]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
[ $# -gt 0 ] || die "usage: scripts/i18n.sh MODULE [MODULE ...]"
command -v msgmerge >/dev/null || die "msgmerge is missing: install gettext."
load_db_settings
db=${MFG_I18N_DB:-mfg_i18n}
modules=$(IFS=,; echo "$*")
mkdir -p "$STATE_DIR"
if db_exists "$db"; then flag=-u; else flag=-i; fi
odoo_cmd -d "$db" "$flag" "$modules" --stop-after-init --log-level=warn >"$STATE_DIR/i18n.log" 2>&1 ||
    die "installing $modules into $db failed (see $STATE_DIR/i18n.log)."
for module in "$@"; do
    dir=$ADDONS_DIR/$module/i18n
    mkdir -p "$dir"
    "$PYTHON" -m odoo --addons-path="$ADDONS_DIR" i18n export -c "$MFG_ODOO_CONF" -d "$db" -l pot -o "$dir/$module.pot" "$module" \
        >>"$STATE_DIR/i18n.log" 2>&1 || die "exporting $module failed (see $STATE_DIR/i18n.log)."
    if [ -f "$dir/zh_CN.po" ]; then
        msgmerge --quiet --update --backup=none --no-fuzzy-matching "$dir/zh_CN.po" "$dir/$module.pot"
    else
        msginit --no-translator --no-wrap --locale=zh_CN.UTF-8 --input="$dir/$module.pot" --output-file="$dir/zh_CN.po" 2>/dev/null
        sed -i 's/^"Language: .*"$/"Language: zh_CN\\n"/' "$dir/zh_CN.po"
    fi
    say "$module: $(msgfmt --statistics -o /dev/null "$dir/zh_CN.po" 2>&1)"
done
