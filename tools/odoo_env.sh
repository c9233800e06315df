# shellcheck shell=bash
# Shared helpers for tools/run.sh, tools/test.sh and tools/clean.sh.
# Source it, then call odoo_find and pg_ensure. Nothing here is specific to
# one machine: Odoo is found the way a user's machine has it, PostgreSQL is
# either the server given by PGHOST/PGPORT/PGUSER/PGPASSWORD or a throwaway
# cluster under ./.local/pg that lives only as long as the calling script.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
LOCAL_DIR="$REPO_ROOT/.local"
MODULES="odoo_mentorship,odoo_mentorship_reports"
ADDONS_PATH="${ADDONS_PATH:-$REPO_ROOT}"   # override to test the tooling on other addons
ODOO_BRANCH=18.0

log() { printf '>> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------- cleanup --
# Commands registered with at_exit run (last first) when the script ends,
# also on Ctrl-C / TERM. A running Odoo (CHILD_PID) is stopped before them.
CHILD_PID=""
EXIT_HOOKS=()
at_exit() { EXIT_HOOKS+=("$*"); }

_stop_child() {
    [[ -n $CHILD_PID ]] || return 0
    local i
    # After Ctrl-C Odoo got SIGINT from the terminal too: give it time to stop.
    for i in $(seq 50); do kill -0 "$CHILD_PID" 2>/dev/null || break; sleep 0.1; done
    kill -TERM "$CHILD_PID" 2>/dev/null && sleep 1
    kill -KILL "$CHILD_PID" 2>/dev/null
    wait "$CHILD_PID" 2>/dev/null
    CHILD_PID=""
}

_on_exit() {
    local rc=$? i
    set +e
    trap - EXIT INT TERM
    _stop_child
    for ((i = ${#EXIT_HOOKS[@]} - 1; i >= 0; i--)); do eval "${EXIT_HOOKS[i]}"; done
    exit "$rc"
}
trap _on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

port_is_free() {
    python3 -c 'import socket, sys; s = socket.socket(); s.bind(("127.0.0.1", int(sys.argv[1])))' "$1" 2>/dev/null
}

# ------------------------------------------------------------------- odoo --
# Sets ODOO (the command), ODOO_ADDONS_PATH and, for a source tree, PYTHONPATH.
_odoo_probe() {   # prints "<major version> <path of the source tree's addons/ or ->"
    (cd / && python3 - <<'EOF'
import os, odoo.release
root = os.path.dirname(os.path.dirname(os.path.abspath(odoo.__file__)))
addons = os.path.join(root, 'addons')
print(odoo.release.version_info[0], addons if os.path.isdir(os.path.join(addons, 'web')) else '-')
EOF
    ) 2>/dev/null
}

odoo_find() {
    local probe src
    if ! probe=$(_odoo_probe); then
        src="${ODOO_PATH:-$LOCAL_DIR/odoo}"
        if [[ ! -f $src/odoo/__init__.py && -z ${ODOO_PATH:-} ]]; then
            log "Odoo is not importable; trying: git clone --depth 1 -b $ODOO_BRANCH into .local/odoo"
            mkdir -p "$LOCAL_DIR"
            rm -rf "$src.tmp"
            if GIT_TERMINAL_PROMPT=0 git clone -q --depth 1 -b "$ODOO_BRANCH" \
                    https://github.com/odoo/odoo.git "$src.tmp" 2>/dev/null; then
                mv "$src.tmp" "$src"
            else
                rm -rf "$src.tmp"
            fi
        fi
        [[ -f $src/odoo/__init__.py ]] && export PYTHONPATH="$src${PYTHONPATH:+:$PYTHONPATH}"
        probe=$(_odoo_probe) || die "Odoo $ODOO_BRANCH not found. Install Odoo $ODOO_BRANCH Community so that" \
            "'python3 -c \"import odoo\"' works (with its Python requirements), or set ODOO_PATH to an" \
            "Odoo $ODOO_BRANCH source tree (the folder holding odoo/__init__.py)${ODOO_PATH:+ (ODOO_PATH=$ODOO_PATH is not one)}."
    fi
    [[ ${probe%% *} == "${ODOO_BRANCH%%.*}" ]] || die "found Odoo ${probe%% *}, need Odoo $ODOO_BRANCH"
    ODOO_ADDONS_PATH="$ADDONS_PATH"
    [[ ${probe#* } == - ]] || ODOO_ADDONS_PATH+=",${probe#* }"
    ODOO=(python3 -m odoo)
}

# Odoo command line shared by every call: our addons, data and an empty config
# file under .local (so a developer's ~/.odoorc does not leak in), the database.
odoo_args() {
    mkdir -p "$LOCAL_DIR/data"
    [[ -f $LOCAL_DIR/odoo.conf ]] || printf '[options]\n' >"$LOCAL_DIR/odoo.conf"
    printf '%s\n' "--config=$LOCAL_DIR/odoo.conf" "--addons-path=$ODOO_ADDONS_PATH" \
        "--data-dir=$LOCAL_DIR/data" "${DB_ARGS[@]}"
}

# odoo_exec [--log FILE] ARGS...: run Odoo in the background (so Ctrl-C and
# TERM reach our traps at once) and wait; with --log, also write its output to FILE.
odoo_exec() {
    local logfile="" tail_pid="" rc=0 args
    if [[ $1 == --log ]]; then logfile=$2; shift 2; fi
    mapfile -t args < <(odoo_args)
    if [[ -n $logfile ]]; then
        : >"$logfile"
        "${ODOO[@]}" "${args[@]}" "$@" >>"$logfile" 2>&1 &
        CHILD_PID=$!
        tail -n +1 -f --pid="$CHILD_PID" "$logfile" &
        tail_pid=$!
    else
        "${ODOO[@]}" "${args[@]}" "$@" &
        CHILD_PID=$!
    fi
    wait "$CHILD_PID" || rc=$?
    CHILD_PID=""
    [[ -z $tail_pid ]] || wait "$tail_pid" || true
    return "$rc"
}

# ------------------------------------------------------------- postgresql --
PG_STARTED=""
DB_ARGS=()

_pg_bindir() {
    local d
    for d in "$(pg_config --bindir 2>/dev/null || true)" \
             $(printf '%s\n' /usr/lib/postgresql/*/bin | sort -rV) \
             "$(dirname "$(command -v initdb 2>/dev/null || echo /nonexistent/x)")"; do
        [[ -x $d/initdb && -x $d/pg_ctl ]] && { echo "$d"; return 0; }
    done
    return 1
}

# Where the throwaway cluster lives. As root, postgres runs as `nobody`, which
# must be able to reach the folder; if the checkout sits under a private
# folder (e.g. /root), the cluster goes to a per-checkout folder in /tmp.
_pg_base() {
    local base="$LOCAL_DIR/pg"
    if [[ $(id -u) == 0 ]]; then
        mkdir -p "$base"
        if ! runuser -u "$PG_OS_USER" -- test -x "$LOCAL_DIR"; then
            base="${TMPDIR:-/tmp}/mentorship-pg-$(printf %s "$REPO_ROOT" | md5sum | cut -c1-10)"
        fi
    fi
    echo "$base"
}

pg_setup_vars() {   # variables of the embedded cluster (also used by clean.sh)
    PG_OS_USER=nobody
    PG_RUN=()
    if [[ $(id -u) == 0 ]]; then
        command -v runuser >/dev/null || die "running as root needs runuser (util-linux) to start postgres as $PG_OS_USER"
        PG_RUN=(runuser -u "$PG_OS_USER" --)
    fi
    PG_BASE=$(_pg_base)
    PGDATA_DIR="$PG_BASE/data"
}

_pg_running_port() {   # port of a cluster already running on PGDATA_DIR, if any
    "${PG_RUN[@]}" "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" status >/dev/null 2>&1 || return 1
    sed -n 4p "$PGDATA_DIR/postmaster.pid"
}

pg_ensure() {
    if [[ -n ${PGHOST:-} ]]; then
        log "using the PostgreSQL server from PGHOST=$PGHOST"
        DB_ARGS=("--db_host=$PGHOST")
        [[ -z ${PGPORT:-} ]] || DB_ARGS+=("--db_port=$PGPORT")
        [[ -z ${PGUSER:-} ]] || DB_ARGS+=("--db_user=$PGUSER")
        [[ -z ${PGPASSWORD:-} ]] || DB_ARGS+=("--db_password=$PGPASSWORD")
        PSQL=$(command -v psql) || PSQL="$(_pg_bindir)/psql"
        return 0
    fi
    PG_BIN=$(_pg_bindir) || die "PostgreSQL server binaries (initdb, pg_ctl) not found: install them" \
        "(Debian: apt-get install postgresql-15) or point PGHOST/PGPORT/PGUSER/PGPASSWORD at a server."
    PSQL="$PG_BIN/psql"
    pg_setup_vars
    local port sockdir="$PG_BASE/run"
    if [[ ! -f $PGDATA_DIR/PG_VERSION ]]; then
        local locale=C
        locale -a 2>/dev/null | grep -qiE '^c\.utf-?8$' && locale=C.UTF-8
        log "creating a throwaway PostgreSQL cluster in $PG_BASE"
        rm -rf "$PGDATA_DIR"
        mkdir -p "$PG_BASE"
        [[ -z ${PG_RUN[*]} ]] || chown -R "$PG_OS_USER" "$PG_BASE"
        (cd "$PG_BASE" && "${PG_RUN[@]}" "$PG_BIN/initdb" -D "$PGDATA_DIR" -U odoo --auth=trust \
            -E UTF8 --locale="$locale" >"$PG_BASE/initdb.log" 2>&1) \
            || die "initdb failed, see $PG_BASE/initdb.log"
    fi
    if port=$(_pg_running_port); then
        log "reusing the PostgreSQL cluster already running on port $port"
    else
        mkdir -p "$sockdir"
        [[ -z ${PG_RUN[*]} ]] || chown "$PG_OS_USER" "$sockdir"
        for _ in 1 2 3; do   # the free port may be taken in between: retry
            port=$(free_port)
            # a unix socket path is limited to 107 bytes; Odoo uses TCP anyway
            (( ${#sockdir} + 20 < 107 )) || sockdir=""
            if (cd "$PG_BASE" && "${PG_RUN[@]}" "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" -l "$PG_BASE/postgres.log" \
                    -w -t 60 -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories='$sockdir'" \
                    start >/dev/null); then
                PG_STARTED=1
                break
            fi
        done
        [[ -n $PG_STARTED ]] || die "could not start PostgreSQL, see $PG_BASE/postgres.log"
        at_exit pg_stop
        log "started PostgreSQL on 127.0.0.1:$port (cluster $PG_BASE)"
    fi
    export PGHOST=127.0.0.1 PGPORT=$port PGUSER=odoo
    DB_ARGS=(--db_host=127.0.0.1 "--db_port=$port" --db_user=odoo)
}

pg_stop() {   # stops the cluster only if this script started it
    [[ -n $PG_STARTED ]] || return 0
    (cd "$PG_BASE" && "${PG_RUN[@]}" "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" -m fast -w stop >/dev/null) \
        && log "stopped PostgreSQL"
    PG_STARTED=""
}

sql() {   # sql DB QUERY: print the result, unaligned, without headers
    PGOPTIONS="-c client_min_messages=warning" "$PSQL" -X -q -t -A -v ON_ERROR_STOP=1 -d "$1" -c "$2"
}

db_exists() {
    [[ $(sql postgres "SELECT 1 FROM pg_database WHERE datname = '$1'") == 1 ]]
}

modules_installed() {   # true when DB exists and every module of MODULES is installed
    db_exists "$1" || return 1
    local names="'${MODULES//,/\',\'}'" count
    count=$(sql "$1" "SELECT count(*) FROM ir_module_module
                      WHERE name IN ($names) AND state = 'installed'" 2>/dev/null) || return 1
    [[ $count == $(tr , '\n' <<<"$MODULES" | wc -l) ]]
}

db_drop() {
    sql postgres "DROP DATABASE IF EXISTS \"$1\" WITH (FORCE)" >/dev/null
    rm -rf "$LOCAL_DIR/data/filestore/$1"
}

# ------------------------------------------------------------ bench district --
# Shared by tools/bench.sh and tools/load.sh.
# bench_db_update DB LOGFILE: update odoo_mentorship in a kept bench database.
bench_db_update() {
    log "updating odoo_mentorship in the kept database $1 (log: ${2#"$REPO_ROOT/"})"
    odoo_exec --log "$2" -d "$1" -u odoo_mentorship \
        --stop-after-init --max-cron-threads=0 --http-interface=127.0.0.1 --http-port="$(free_port)" >/dev/null
    _bench_check_log "$2"
}

# bench_db_generate DB LOGFILE [generator options]: install odoo_mentorship, and
# project and base_import for the comparisons, into the new database DB, then
# generate a district in it (tools/bench/generate_district.py).
bench_db_generate() {
    local db=$1 logfile=$2 args start=$SECONDS
    shift 2
    log "installing odoo_mentorship and project into $db (log: ${logfile#"$REPO_ROOT/"})"
    odoo_exec --log "$logfile" -d "$db" -i odoo_mentorship,project,base_import \
        --without-demo=all --stop-after-init --max-cron-threads=0 \
        --http-interface=127.0.0.1 --http-port="$(free_port)" >/dev/null
    _bench_check_log "$logfile"
    log "generating the district"
    mapfile -t args < <(odoo_args)
    python3 "$REPO_ROOT/tools/bench/generate_district.py" "$@" "${args[@]}" -d "$db" --log-level=warn
    log "district generated in $((SECONDS - start)) s"
}

_bench_check_log() {
    if grep -qE ' (ERROR|CRITICAL) ' "$1"; then
        die "the install logged errors, see ${1#"$REPO_ROOT/"}"
    fi
}
