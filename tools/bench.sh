#!/usr/bin/env bash
# make bench: generate a district (tools/bench/generate_district.py) in a throwaway
# database with odoo_mentorship and, for the comparison, project; run the benchmark
# (tools/bench/bench.py), which prints a Markdown table; drop the database.
#   BENCH_SIZES="--companies 10 --base 4000 --pairs 1000 --meetings 20000"   a smaller district
#   BENCH_OPTIONS="--runs 3 --import-rows 2000"                             benchmark options
#   KEEP_DB=1                                                               keep the database
#   BENCH_DB=name   benchmark this kept database again (no install, no generation), e.g.
#                   BENCH_DB=mentorship_bench_123 BENCH_OPTIONS="--only kpi" make bench
# Output: the terminal and .local/bench.log; Odoo's install log: .local/bench-install.log.
# shellcheck source=tools/odoo_env.sh
source "$(dirname "${BASH_SOURCE[0]}")/odoo_env.sh"

odoo_find
pg_ensure
mkdir -p "$LOCAL_DIR"
mapfile -t args < <(odoo_args)
read -ra sizes <<<"${BENCH_SIZES:-}"
read -ra options <<<"${BENCH_OPTIONS:-}"
if [[ -n ${BENCH_DB:-} ]]; then
    DB="$BENCH_DB"
    bench_db_update "$DB" "$LOCAL_DIR/bench-install.log"
else
    DB="mentorship_bench_$$"
    if [[ -n ${KEEP_DB:-} ]]; then
        log "the database $DB is kept (KEEP_DB=1)"
    else
        at_exit "db_drop $DB"
    fi
    bench_db_generate "$DB" "$LOCAL_DIR/bench-install.log" "${sizes[@]}"
fi
start=$SECONDS
log "benchmarking"
python3 "$REPO_ROOT/tools/bench/bench.py" "${options[@]}" "${args[@]}" -d "$DB" --log-level=warn \
    | tee "$LOCAL_DIR/bench.log"
log "done in $((SECONDS - start)) s (log: .local/bench.log)"
