#!/usr/bin/env bash
# make guide: take the screenshots of the user guide (docs/guide/img/) again.
# Serves a fresh demo database (as make run does, on a free port, in the
# background), runs tools/guide_screenshots.py against it, and stops the server.
#   DB=name            database to use (default mentorship_guide; dropped and created again)
#   KEEP_DB=1          reuse the database if it is there (faster; the pictures then show its changes)
#   ONLY=curator,hr    only these roles (curator, director, mentor, mentee, parent, hr, coordinator)
# shellcheck source=tools/odoo_env.sh
source "$(dirname "${BASH_SOURCE[0]}")/odoo_env.sh"

DB="${DB:-mentorship_guide}"
SERVER_LOG="$LOCAL_DIR/guide-server.log"

python3 -c "import playwright" 2>/dev/null \
    || die "the Python package playwright is missing: pip install playwright (the browser is the system's Chromium)"
command -v chromium >/dev/null || command -v chromium-browser >/dev/null || command -v google-chrome >/dev/null \
    || log "no system Chromium (apt-get install chromium): trying playwright's own browser"
odoo_find
pg_ensure
[[ -n ${KEEP_DB:-} ]] || db_drop "$DB"

SERVER_PID=""
stop_server() {
    [[ -n $SERVER_PID ]] || return 0
    kill -TERM "$SERVER_PID" 2>/dev/null
    wait "$SERVER_PID" 2>/dev/null
    SERVER_PID=""
}
at_exit stop_server

port=$(free_port)
mkdir -p "$LOCAL_DIR"
log "serving $DB at http://127.0.0.1:$port (creating it takes a few minutes; log: $SERVER_LOG)"
DB="$DB" HTTP_PORT="$port" "$REPO_ROOT/tools/run.sh" >"$SERVER_LOG" 2>&1 &
SERVER_PID=$!

for _ in $(seq 1200); do   # up to 20 minutes: the database is created first
    kill -0 "$SERVER_PID" 2>/dev/null || { tail -n 20 "$SERVER_LOG" >&2; die "the server stopped, see $SERVER_LOG"; }
    curl -fsS -o /dev/null "http://127.0.0.1:$port/web/login?db=$DB" 2>/dev/null && break
    sleep 1
done
curl -fsS -o /dev/null "http://127.0.0.1:$port/web/login?db=$DB" || die "the server did not answer, see $SERVER_LOG"

log "taking the screenshots into docs/guide/img/"
python3 "$REPO_ROOT/tools/guide_screenshots.py" --url "http://127.0.0.1:$port" --db "$DB" ${ONLY:+--only "$ONLY"}
