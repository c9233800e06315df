#!/usr/bin/env bash
# make test-upgrade: upgrades keep data. Install both addons with demo data as of an
# earlier release (UPGRADE_FROM, a commit or tag of this repository, exported into
# .local/upgrade-from/), customise the configuration and store the indicators
# (tools/upgrade_check.py customise), snapshot the counts, the customisations and the
# computed figures, upgrade to the working tree with -u, snapshot again and compare.
# Exits 1 on a difference that tools/upgrade_check.py's ALLOWED does not explain.
#   UPGRADE_FROM=...   the release upgraded from (default: v18.0.1.0.0 if that tag
#                      exists, else its commit abcb9a4)
#   KEEP_DB=1          keep the database (its name is printed)
# Logs: .local/upgrade-install.log, .local/upgrade-update.log; snapshots:
# .local/upgrade-before.json, .local/upgrade-after.json.
# shellcheck source=tools/odoo_env.sh
source "$(dirname "${BASH_SOURCE[0]}")/odoo_env.sh"

if [[ -z ${UPGRADE_FROM:-} ]]; then
    UPGRADE_FROM=abcb9a4
    git -C "$REPO_ROOT" rev-parse -q --verify "v18.0.1.0.0^{commit}" >/dev/null && UPGRADE_FROM=v18.0.1.0.0
fi
FROM_DIR="$LOCAL_DIR/upgrade-from"

odoo_find
pg_ensure
mkdir -p "$LOCAL_DIR"
NEW_ADDONS_PATH=$ODOO_ADDONS_PATH
OLD_ADDONS_PATH="$FROM_DIR${ODOO_ADDONS_PATH#"$ADDONS_PATH"}"

commit=$(git -C "$REPO_ROOT" rev-parse --verify "$UPGRADE_FROM^{commit}") \
    || die "UPGRADE_FROM=$UPGRADE_FROM is not a commit of this clone (a shallow clone? git fetch --unshallow)"
log "exporting ${UPGRADE_FROM} (${commit:0:9}) into .local/upgrade-from"
rm -rf "$FROM_DIR"
mkdir -p "$FROM_DIR"
IFS=, read -ra module_dirs <<<"$MODULES"
git -C "$REPO_ROOT" archive "$commit" "${module_dirs[@]}" | tar -x -C "$FROM_DIR"

DB="mentorship_upgrade_$$"
if [[ -n ${KEEP_DB:-} ]]; then log "the database $DB is kept (KEEP_DB=1)"; else at_exit "db_drop $DB"; fi
start=$SECONDS
odoo_common=(--max-cron-threads=0 --http-interface=127.0.0.1 --stop-after-init)

check_log() {   # check_log FILE WHAT: the Odoo run logged no error
    if grep -qE ' (ERROR|CRITICAL) ' "$1" || grep -q 'demo data failed to install' "$1"; then
        grep -m5 -E ' (ERROR|CRITICAL) |demo data failed' "$1" | sed 's/^/  /' >&2
        die "$2 logged errors, see ${1#"$REPO_ROOT/"}"
    fi
}

log "1/5 installing $MODULES as of $UPGRADE_FROM with demo data into $DB"
ODOO_ADDONS_PATH=$OLD_ADDONS_PATH
odoo_exec --log "$LOCAL_DIR/upgrade-install.log" -d "$DB" -i "$MODULES" --http-port="$(free_port)" \
    "${odoo_common[@]}" >/dev/null
check_log "$LOCAL_DIR/upgrade-install.log" "the install"
modules_installed "$DB" || die "$MODULES are not installed in $DB"
mapfile -t args < <(odoo_args)

log "2/5 customising the configuration and storing the indicators"
python3 "$REPO_ROOT/tools/upgrade_check.py" customise "${args[@]}" -d "$DB" --log-level=warn

log "3/5 snapshot before the upgrade"
python3 "$REPO_ROOT/tools/upgrade_check.py" snapshot "$LOCAL_DIR/upgrade-before.json" \
    "${args[@]}" -d "$DB" --log-level=warn

log "4/5 upgrading to the working tree: -u $MODULES"
ODOO_ADDONS_PATH=$NEW_ADDONS_PATH
odoo_exec --log "$LOCAL_DIR/upgrade-update.log" -d "$DB" -u "$MODULES" --http-port="$(free_port)" \
    "${odoo_common[@]}" >/dev/null
check_log "$LOCAL_DIR/upgrade-update.log" "the upgrade"
modules_installed "$DB" || die "$MODULES are not installed in $DB after the upgrade"
versions=$(sql "$DB" "SELECT string_agg(name || ' ' || latest_version, ', ' ORDER BY name) FROM ir_module_module
                      WHERE name IN ('${MODULES//,/\',\'}', 'spreadsheet_dashboard') AND state = 'installed'")
log "installed now: $versions"
mapfile -t args < <(odoo_args)

log "5/5 snapshot after the upgrade, and the comparison"
python3 "$REPO_ROOT/tools/upgrade_check.py" snapshot "$LOCAL_DIR/upgrade-after.json" \
    "${args[@]}" -d "$DB" --log-level=warn
rc=0
python3 "$REPO_ROOT/tools/upgrade_check.py" compare "$LOCAL_DIR/upgrade-before.json" \
    "$LOCAL_DIR/upgrade-after.json" || rc=$?
log "done in $((SECONDS - start)) s"
if (( rc == 0 )); then echo "upgrade from $UPGRADE_FROM: data kept"; else echo "upgrade from $UPGRADE_FROM: FAILED"; fi
exit "$rc"
