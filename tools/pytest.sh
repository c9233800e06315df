#!/usr/bin/env bash
# make pytest: run the addons' tests with pytest-odoo against a database kept
# between runs, with demo data and Russian installed (as a school's database
# is). Tests run against the installed code: after changing models, data or
# views, upgrade first (UPDATE=1); Python test files are read at each run.
#   DB=name          database to use (default mentorship_pytest)
#   RESET=1          drop the database and create it again
#   UPDATE=1         upgrade the two addons (-u) before running the tests
#   PYTEST_ARGS=...  more pytest arguments, e.g. PYTEST_ARGS="-k pair_card -x"
# Arguments given to the script go to pytest instead of the two addons' folders,
# e.g. tools/pytest.sh odoo_mentorship_reports/tests/test_pair_card.py
# pytest-odoo comes from requirements-dev.txt; if the machine's python3 does
# not have it, it is installed into the virtualenv .local/venv-dev (which sees
# the machine's packages, Odoo included).
# shellcheck source=tools/odoo_env.sh
source "$(dirname "${BASH_SOURCE[0]}")/odoo_env.sh"

DB="${DB:-mentorship_pytest}"

odoo_find
PYTHON=python3
if ! python3 -c 'import pytest_odoo' 2>/dev/null; then
    venv="$LOCAL_DIR/venv-dev"
    if ! "$venv/bin/python" -c 'import pytest_odoo' 2>/dev/null; then
        log "installing requirements-dev.txt into $venv"
        python3 -m venv --system-site-packages "$venv"
        "$venv/bin/python" -m pip install -q -r "$REPO_ROOT/requirements-dev.txt" \
            || die "pip install -r requirements-dev.txt failed"
    fi
    PYTHON="$venv/bin/python"
fi
pg_ensure

[[ -z ${RESET:-} ]] || db_drop "$DB"
if ! modules_installed "$DB"; then
    db_drop "$DB"
    log "creating database $DB: $MODULES with demo data and Russian (a few minutes)"
    odoo_exec -d "$DB" -i "$MODULES" --load-language=ru_RU --stop-after-init --max-cron-threads=0 \
        || die "installing $MODULES into $DB failed (see the log above)"
    modules_installed "$DB" || die "installing $MODULES into $DB failed (see the log above)"
elif [[ -n ${UPDATE:-} ]]; then
    odoo_exec -d "$DB" -u "$MODULES" --stop-after-init --max-cron-threads=0 \
        || die "updating $MODULES in $DB failed"
fi

# pytest-odoo reads the server options (database server, addons path, data
# dir) from an Odoo configuration file: the one odoo_args uses, completed.
conf="$LOCAL_DIR/pytest-odoo.conf"
mapfile -t args < <(odoo_args)
{
    printf '[options]\n'
    for a in "${args[@]}"; do
        [[ $a == --config=* ]] && continue
        key=${a%%=*} key=${key#--} key=${key//-/_}
        printf '%s = %s\n' "$key" "${a#*=}"
    done
} >"$conf"

targets=("$@")
(( ${#targets[@]} )) || targets=(odoo_mentorship odoo_mentorship_reports)
rc=0
# shellcheck disable=SC2086   # PYTEST_ARGS is split into words on purpose
(cd "$REPO_ROOT" && "$PYTHON" -m pytest --odoo-config="$conf" --odoo-database="$DB" \
    ${PYTEST_ARGS:-} "${targets[@]}") || rc=$?
exit "$rc"
