#!/usr/bin/env bash
# make bench-growth: the benchmark (tools/bench.sh) on districts generated at several
# scales of the issue's sizes, then the growth exponent of every measure
# (tools/bench/growth.py): how its cost grows with the district.
#   BENCH_SCALES="0.25 0.5 1 2"   the scales (default "0.25 0.5 1"; 2 takes about half
#                                 an hour to generate on two cores)
#   BENCH_OPTIONS="--runs 5"      more options of tools/bench/bench.py
# The matching pool (1,000 mentees, 300 mentors) and the import file (2,000 rows) do
# not grow with the district: they are one programme's pool and one school's file.
# Output: the terminal and .local/bench-growth.log; each scale's table in
# .local/bench-<scale>.log.
# shellcheck source=tools/odoo_env.sh
source "$(dirname "${BASH_SOURCE[0]}")/odoo_env.sh"

read -ra scales <<<"${BENCH_SCALES:-0.25 0.5 1}"
mkdir -p "$LOCAL_DIR"
results=()
for scale in "${scales[@]}"; do
    sizes=$(python3 - "$scale" <<'PY'
import sys
s = float(sys.argv[1])
print(
    f"--companies {max(13, round(50 * s))} --base {round(20000 * s)}"
    f" --pairs {round(5000 * s)} --meetings {round(100000 * s)}"
    " --pool-mentees 1000 --pool-mentors 300"
)
PY
)
    log "scale $scale: $sizes"
    BENCH_SIZES="$sizes" \
        BENCH_OPTIONS="--import-rows 2000 --import-runs 3 --json $LOCAL_DIR/bench-$scale.json ${BENCH_OPTIONS:-}" \
        "$REPO_ROOT/tools/bench.sh" || die "the benchmark at scale $scale failed"
    cp "$LOCAL_DIR/bench.log" "$LOCAL_DIR/bench-$scale.log"
    results+=("$scale=$LOCAL_DIR/bench-$scale.json")
done
python3 "$REPO_ROOT/tools/bench/growth.py" "${results[@]}" | tee "$LOCAL_DIR/bench-growth.log"
