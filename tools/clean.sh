#!/usr/bin/env bash
# make clean: stop the throwaway PostgreSQL cluster if it runs, remove .local/
# shellcheck source=tools/odoo_env.sh
source "$(dirname "${BASH_SOURCE[0]}")/odoo_env.sh"

if PG_BIN=$(_pg_bindir); then
    pg_setup_vars
    if _pg_running_port >/dev/null; then
        log "stopping the PostgreSQL cluster in $PG_BASE"
        PG_STARTED=1 pg_stop
    fi
    [[ $PG_BASE == "$LOCAL_DIR"/* ]] || rm -rf "$PG_BASE"
fi
rm -rf "$LOCAL_DIR"
log "removed .local/"
