#!/usr/bin/env bash
# make load: a school district at work, at once. Odoo in multi-worker mode over a
# bench district, driven by locust (tools/load/locustfile.py) headless on 127.0.0.1,
# at several numbers of simulated users; with and without a streaming replica of the
# database. Prints a Markdown table per level (tools/load/report.py).
#   LOAD_DB=name        a kept bench database (KEEP_DB=1 make bench); else a district
#                       is generated into a throwaway database, of LOAD_SIZES
#   LOAD_SIZES="--companies 10 --base 4000 --pairs 1000 --meetings 20000 --pool-mentees 100 --pool-mentors 30"
#   KEEP_DB=1           keep the generated database (then LOAD_DB=<name> next time)
#   LOAD_USERS="10 50 200"   simulated users of each level
#   LOAD_TIME=60s       the time of each level (statistics from when all users are spawned)
#   LOAD_WORKERS=N      Odoo's HTTP workers (default: 2 per CPU, at most 16)
#   LOAD_REPLICA=1      only with a replica; LOAD_REPLICA=0 only without; both by default
# locust comes from PyPI into .local/venv-load (tools/load/requirements.txt), never into
# the Python that runs Odoo. Output: the terminal and .local/load.log; the server's log
# .local/load-server-<run>.log, locust's CSV files .local/load/.
# shellcheck source=tools/odoo_env.sh
source "$(dirname "${BASH_SOURCE[0]}")/odoo_env.sh"

LOAD_USERS="${LOAD_USERS:-10 50 200}"
LOAD_TIME="${LOAD_TIME:-60s}"
LOAD_SIZES="${LOAD_SIZES:---companies 10 --base 4000 --pairs 1000 --meetings 20000 --pool-mentees 100 --pool-mentors 30}"
cpus=$(nproc)
LOAD_WORKERS="${LOAD_WORKERS:-$(( 2 * cpus < 16 ? 2 * cpus : 16 ))}"
case "${LOAD_REPLICA:-}" in
    1) RUNS=(replica) ;;
    0) RUNS=(primary) ;;
    "") RUNS=(primary replica) ;;
    *) die "LOAD_REPLICA is 1 (only with a replica), 0 (only without) or empty (both)" ;;
esac
OUT="$LOCAL_DIR/load"

odoo_find
pg_ensure
mkdir -p "$LOCAL_DIR"
rm -rf "$OUT" && mkdir -p "$OUT"

# ------------------------------------------------------------------ locust --
venv="$LOCAL_DIR/venv-load"
if ! cmp -s "$REPO_ROOT/tools/load/requirements.txt" "$venv/.installed" 2>/dev/null; then
    log "installing locust into .local/venv-load"
    rm -rf "$venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q --disable-pip-version-check -r "$REPO_ROOT/tools/load/requirements.txt"
    cp "$REPO_ROOT/tools/load/requirements.txt" "$venv/.installed"
fi

# ---------------------------------------------------------------- database --
if [[ -n ${LOAD_DB:-} ]]; then
    DB=$LOAD_DB
    db_exists "$DB" || die "no database $DB"
    bench_db_update "$DB" "$LOCAL_DIR/load-install.log"
else
    DB="mentorship_load_$$"
    if [[ -n ${KEEP_DB:-} ]]; then
        log "the database $DB is kept (KEEP_DB=1)"
    else
        at_exit "db_drop $DB"
    fi
    read -ra sizes <<<"$LOAD_SIZES"
    bench_db_generate "$DB" "$LOCAL_DIR/load-install.log" "${sizes[@]}"
fi
log "preparing the users of the mix"
mapfile -t args < <(odoo_args)
python3 "$REPO_ROOT/tools/load/prepare.py" --out "$OUT/plan.json" "${args[@]}" -d "$DB" --log-level=warn

# ----------------------------------------------------------------- replica --
REPLICA_DIR="$(dirname "$PG_BASE")/pg-replica"
REPLICA_PORT=""
replica_start() {
    [[ -n ${PG_BIN:-} ]] || die "the replica needs the embedded PostgreSQL (unset PGHOST), or LOAD_REPLICA=0"
    replica_stop
    log "copying the cluster into a streaming replica (pg_basebackup -R)"
    mkdir -p "$REPLICA_DIR"
    [[ -z ${PG_RUN[*]} ]] || chown "$PG_OS_USER" "$REPLICA_DIR"
    (cd "$REPLICA_DIR" && "${PG_RUN[@]}" "$PG_BIN/pg_basebackup" -R -X stream -c fast \
        -D "$REPLICA_DIR/data" -h 127.0.0.1 -p "$PGPORT" -U odoo) \
        || die "pg_basebackup failed"
    REPLICA_PORT=$(free_port)
    (cd "$REPLICA_DIR" && "${PG_RUN[@]}" "$PG_BIN/pg_ctl" -D "$REPLICA_DIR/data" -l "$REPLICA_DIR/postgres.log" \
        -w -t 60 -o "-c listen_addresses=127.0.0.1 -p $REPLICA_PORT -c unix_socket_directories=''" \
        start >/dev/null) || die "the replica did not start, see $REPLICA_DIR/postgres.log"
    [[ $(PGPORT=$REPLICA_PORT sql postgres "SELECT pg_is_in_recovery()") == t ]] \
        || die "the replica is not in recovery"
    log "replica streaming on 127.0.0.1:$REPLICA_PORT"
}
replica_stop() {
    [[ -n ${PG_BIN:-} ]] || return 0
    if [[ -f $REPLICA_DIR/data/postmaster.pid ]]; then
        (cd "$REPLICA_DIR" && "${PG_RUN[@]}" "$PG_BIN/pg_ctl" -D "$REPLICA_DIR/data" -m fast -w stop >/dev/null) || true
    fi
    rm -rf "$REPLICA_DIR"
    REPLICA_PORT=""
}
at_exit replica_stop

# ------------------------------------------------------------------ server --
SERVER_PID=""
# the workers' server respawns its gevent process as `python3 sys.argv[0] gevent`:
# Odoo runs from a script here, not `python3 -m odoo` (whose argv[0] is __main__.py)
printf '%s\n' "import odoo.cli" "odoo.cli.main()" >"$OUT/odoo-bin"
server_start() {   # server_start LOGFILE [odoo options]
    local logfile=$1 i
    shift
    HTTP_PORT=$(free_port)
    # its own session: its workers are sampled (and stopped) by the session's id
    setsid python3 "$OUT/odoo-bin" "${args[@]}" -d "$DB" --db-filter="^$DB\$" \
        --workers="$LOAD_WORKERS" --max-cron-threads=1 \
        --http-interface=127.0.0.1 --http-port="$HTTP_PORT" --gevent-port="$(free_port)" \
        --logfile="$logfile" --log-level=info "$@" &
    SERVER_PID=$!
    for i in $(seq 120); do
        curl -sf -o /dev/null "http://127.0.0.1:$HTTP_PORT/web/login" && break
        kill -0 "$SERVER_PID" 2>/dev/null || die "Odoo stopped, see ${logfile#"$REPO_ROOT/"}"
        sleep 1
    done
    ((i < 120)) || die "Odoo did not answer on /web/login, see ${logfile#"$REPO_ROOT/"}"
    log "Odoo serving $DB with $LOAD_WORKERS workers on http://127.0.0.1:$HTTP_PORT"
}
server_stop() {
    [[ -n $SERVER_PID ]] || return 0
    local i
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for i in $(seq 30); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 1; done
    kill -KILL -- "-$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=""
}
at_exit server_stop

sample_memory() {   # sample_memory FILE: RSS (KiB) of the server's processes every 2 s
    while kill -0 "$SERVER_PID" 2>/dev/null; do
        ps -o pid=,rss= -s "$SERVER_PID" | sed "s/^/$(date +%s) /" >>"$1"
        sleep 2
    done
}

crons_due() {   # the addon's daily jobs run during the level: due now, the cron worker woken
    sql "$DB" "UPDATE ir_cron SET nextcall = now() AT TIME ZONE 'UTC'
               WHERE id IN (SELECT res_id FROM ir_model_data
                            WHERE module = 'odoo_mentorship' AND model = 'ir.cron')" >/dev/null
    sql postgres "NOTIFY cron_trigger, '$DB'" >/dev/null   # Odoo's cron workers listen there
}

pg_counters() {   # pg_counters PORT: transactions and rows read of the database
    PGPORT=$1 sql postgres "SELECT xact_commit + xact_rollback, tup_returned + tup_fetched
                            FROM pg_stat_database WHERE datname = '$DB'" | tr '|' ' '
}

# --------------------------------------------------------------------- run --
for run in "${RUNS[@]}"; do
    replica_args=()
    if [[ $run == replica ]]; then
        replica_start
        replica_args=(--db_replica_host=127.0.0.1 "--db_replica_port=$REPLICA_PORT")
    fi
    server_start "$LOCAL_DIR/load-server-$run.log" "${replica_args[@]}"
    for users in $LOAD_USERS; do
        prefix="$OUT/$run-$users"
        log "$run: $users users for $LOAD_TIME"
        logfile="$LOCAL_DIR/load-server-$run.log"
        wc -l <"$logfile" >"$prefix-log-lines.txt"
        echo "primary $(pg_counters "$PGPORT")" >"$prefix-pg-before.txt"
        [[ -z $REPLICA_PORT ]] || echo "replica $(pg_counters "$REPLICA_PORT")" >>"$prefix-pg-before.txt"
        crons_due
        sample_memory "$prefix-rss.txt" &
        sampler=$!
        # users log in as they start, at most 2 a second: a login checks a password
        # hashed with 600,000 rounds (a quarter of a second of CPU), and real users
        # do not all log in within the same seconds. The level's time counts from
        # when all are spawned (--reset-stats).
        spawn=$(( users / 10 < 1 ? 1 : users / 10 > 2 ? 2 : users / 10 ))
        run_time=$(( (users + spawn - 1) / spawn + ${LOAD_TIME%s} ))
        LOAD_PLAN="$OUT/plan.json" "$venv/bin/locust" -f "$REPO_ROOT/tools/load/locustfile.py" \
            --headless --host "http://127.0.0.1:$HTTP_PORT" -u "$users" -r "$spawn" \
            --run-time "${run_time}s" --reset-stats --csv "$prefix" --only-summary \
            --loglevel WARNING >"$prefix-locust.log" 2>&1 || true
        kill "$sampler" 2>/dev/null; wait "$sampler" 2>/dev/null || true
        wc -l <"$logfile" >>"$prefix-log-lines.txt"
        sleep 1   # the backends report their statistics when idle
        echo "primary $(pg_counters "$PGPORT")" >"$prefix-pg-after.txt"
        [[ -z $REPLICA_PORT ]] || echo "replica $(pg_counters "$REPLICA_PORT")" >>"$prefix-pg-after.txt"
        echo "$SERVER_PID" >"$prefix-master.txt"
    done
    server_stop
    [[ $run != replica ]] || replica_stop
done

python3 "$REPO_ROOT/tools/load/report.py" --dir "$OUT" --users "$LOAD_USERS" --runs "${RUNS[*]}" \
    --workers "$LOAD_WORKERS" --time "$LOAD_TIME" --db "$DB" --server-logs "$LOCAL_DIR" \
    | tee "$LOCAL_DIR/load.log"
