#!/usr/bin/env bash
# make dist-check: build the wheels (tools/dist.sh), install them into a fresh
# virtualenv, and check that Odoo finds both addons through the odoo.addons
# namespace of that virtualenv, WITHOUT this repository on its addons path:
#   1. the virtualenv .local/venv-distcheck sees the machine's packages
#      (--system-site-packages), so that the Odoo already installed there is used;
#   2. the wheels are installed with their requirements resolved offline against
#      what is installed (`pip install --no-index --find-links dist/`); where
#      Odoo is not an installed distribution (a source tree on PYTHONPATH), the
#      requirement odoo==18.0.* cannot be met from PyPI and they are installed
#      with --no-deps instead (said so below);
#   3. from a temporary folder, both addons are imported as odoo.addons.<addon>
#      and must come from the virtualenv's site-packages;
#   4. Odoo installs both addons into a throwaway database with an addons path
#      made of Odoo's own addons only, runs one smoke test class
#      (SMOKE_TAGS, default /odoo_mentorship:TestPairByHand), and the database is
#      dropped. Log: .local/dist-check.log. Slow (a few minutes): not run by CI.
# shellcheck source=tools/odoo_env.sh
source "$(dirname "${BASH_SOURCE[0]}")/odoo_env.sh"

SMOKE_TAGS="${SMOKE_TAGS:-/odoo_mentorship:TestPairByHand}"
VENV="$LOCAL_DIR/venv-distcheck"
DIST="$REPO_ROOT/dist"

"$REPO_ROOT/tools/dist.sh"
mapfile -t wheels < <(ls "$DIST"/odoo_addon_odoo_mentorship-*.whl "$DIST"/odoo_addon_odoo_mentorship_reports-*.whl)
(( ${#wheels[@]} == 2 )) || die "expected two wheels in dist/, found: ${wheels[*]}"

odoo_find
log "fresh virtualenv $VENV (with the machine's site-packages)"
rm -rf "$VENV"
python3 -m venv --system-site-packages "$VENV"
PY="$VENV/bin/python"
if "$PY" -m pip install -q --no-index --find-links "$DIST" "${wheels[@]}"; then
    log "installed the wheels with their requirements met by the installed packages"
else
    log "the requirements could not be met offline (is Odoo an installed distribution?): installing with --no-deps"
    "$PY" -m pip install -q --no-deps "${wheels[@]}"
fi
"$PY" -m pip list 2>/dev/null | grep -E '^odoo-addon-' >&2

site=$("$PY" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
tmp=$(mktemp -d)
at_exit "rm -rf '$tmp'"
log "importing the addons from $tmp"
(cd "$tmp" && "$PY" - "$site" <<'EOF') || die "the addons are not importable from the wheels"
import sys
import odoo
from odoo.modules.module import get_module_path, initialize_sys_path

odoo.tools.config.parse_config([])
initialize_sys_path()
import odoo.addons.odoo_mentorship as main
import odoo.addons.odoo_mentorship_reports as reports

for module in (main, reports):
    name = module.__name__.rsplit(".", 1)[-1]
    print(f"  {module.__name__}: {module.__file__}")
    print(f"  get_module_path({name!r}) = {get_module_path(name)}")
    assert module.__file__.startswith(sys.argv[1]), f"{name} is not the installed wheel's"
EOF

# Odoo's own addons only: the folder of odoo.addons.base (and a source tree's addons/)
base_addons=$(cd "$tmp" && "$PY" -c 'import os, odoo.addons.base as b; print(os.path.dirname(os.path.dirname(b.__file__)))')
ODOO_ADDONS_PATH=${ODOO_ADDONS_PATH/#"$ADDONS_PATH"/$base_addons}
[[ ,$ODOO_ADDONS_PATH, != *,"$REPO_ROOT",* ]] || die "the repository is still on the addons path"
ODOO=("$PY" -m odoo)
pg_ensure

db="distcheck_$$"
drop_db() { [[ -z $db ]] || db_drop "$db"; db=""; }
at_exit drop_db
log "installing $MODULES into $db with --addons-path=$ODOO_ADDONS_PATH, running $SMOKE_TAGS"
rc=0
(cd "$tmp" && odoo_exec --log "$LOCAL_DIR/dist-check.log" -d "$db" -i "$MODULES" --without-demo=all \
    --test-enable --test-tags="$SMOKE_TAGS" --stop-after-init --log-level=test \
    --max-cron-threads=0 --http-interface=127.0.0.1 --http-port="$(free_port)") >/dev/null 2>&1 || rc=$?
grep -m1 -o 'addons paths: .*' "$LOCAL_DIR/dist-check.log" | sed 's/^/  /' >&2
read -r passed failed skipped < <(python3 "$REPO_ROOT/tools/test_summary.py" "$LOCAL_DIR/dist-check.log") \
    || { passed=0 failed=1 skipped=0; }
modules_installed "$db" || { log "$MODULES are not installed in $db"; (( failed > 0 )) || failed=1; }
(( rc == 0 )) || { log "odoo exited with code $rc"; (( failed > 0 )) || failed=1; }
(( passed + failed > 0 )) || { log "no test ran"; failed=1; }
drop_db
pg_stop
echo "dist-check: $passed passed, $failed failed, $skipped skipped (log: .local/dist-check.log)"
(( failed == 0 ))
