#!/usr/bin/env bash
# make test: install both addons into fresh throwaway databases and run their
# tests, once with demo data and once without; then Odoo's own tests of the
# modules the addons extend, with the addons installed. Ends with
# "N passed, M failed".
#   WITHOUT_DEMO=1   only the pass without demo data
#   DEMO_ONLY=1      only the pass with demo data
#   ODOO_ONLY=1      only Odoo's own suites (make test-odoo)
#   TEST_TAGS=...    Odoo --test-tags (default: all tests of the two addons),
#                    e.g. TEST_TAGS=/odoo_mentorship:TestMentorship; given, the
#                    pass of Odoo's own suites is left out
#   ODOO_SUITES=...  the modules whose own tests run in that pass
#                    (default: hr,hr_contract,hr_skills,survey,event,portal,spreadsheet,spreadsheet_dashboard)
#
# Odoo's own suites: one -i installs those modules and ours in one run, so that
# every test of theirs runs; their post_install tests run with our addons
# installed, which is where our addons could break them.
# shellcheck source=tools/odoo_env.sh
source "$(dirname "${BASH_SOURCE[0]}")/odoo_env.sh"

ODOO_SUITES="${ODOO_SUITES:-hr,hr_contract,hr_skills,survey,event,portal,spreadsheet,spreadsheet_dashboard}"
PASSES=(demo nodemo odoo)
[[ -z ${TEST_TAGS:-} ]] || PASSES=(demo nodemo)
TEST_TAGS="${TEST_TAGS:-/${MODULES//,/,/}}"
[[ -z ${WITHOUT_DEMO:-} ]] || PASSES=(nodemo)
[[ -z ${DEMO_ONLY:-} ]] || PASSES=(demo)
[[ -z ${ODOO_ONLY:-} ]] || PASSES=(odoo)

odoo_find
pg_ensure
mkdir -p "$LOCAL_DIR"
: >"$LOCAL_DIR/test.log"

total_passed=0 total_failed=0 total_skipped=0 report=()
TEST_DBS=()   # dropped at exit, also after Ctrl-C
drop_test_dbs() { local db; for db in "${TEST_DBS[@]}"; do db_drop "$db"; done; TEST_DBS=(); }
at_exit drop_test_dbs
for pass in "${PASSES[@]}"; do
    db="mentorship_test_$$_$pass"
    passlog="$LOCAL_DIR/test-$pass.log"
    demo_flag=() modules=$MODULES tags=$TEST_TAGS
    [[ $pass != nodemo ]] || demo_flag=(--without-demo=all)
    [[ $pass != odoo ]] || modules="$ODOO_SUITES,$MODULES" tags="/${ODOO_SUITES//,/,/}"
    TEST_DBS+=("$db")
    log "pass '$pass': installing $modules into $db and running tests tagged $tags"
    start=$SECONDS rc=0
    odoo_exec --log "$passlog" -d "$db" -i "$modules" "${demo_flag[@]}" \
        --test-enable --test-tags="$tags" --stop-after-init --log-level=test \
        --max-cron-threads=0 --http-interface=127.0.0.1 --http-port="$(free_port)" || rc=$?
    cat "$passlog" >>"$LOCAL_DIR/test.log"

    read -r passed failed skipped < <(python3 "$REPO_ROOT/tools/test_summary.py" "$passlog") \
        || { passed=0 failed=1 skipped=0; }
    if [[ $rc != 0 ]]; then
        printf '  odoo exited with code %s\n' "$rc" >&2
        (( failed > 0 )) || failed=1
    fi
    if ! modules_installed "$db"; then
        printf '  %s are not all installed in %s\n' "$MODULES" "$db" >&2
        (( failed > 0 )) || failed=1
    fi
    # Odoo only warns when a module's demo data fail, and installs it without them
    if grep -q 'demo data failed to install' "$passlog"; then
        grep -A30 'demo data failed to install' "$passlog" | grep -m3 -E 'ParseError|Error:|cannot' | sed 's/^/  /' >&2
        printf '  the demo data failed to install (see the log)\n' >&2
        (( failed > 0 )) || failed=1
    fi
    if (( passed + failed == 0 )); then
        printf '  no test ran: check TEST_TAGS and that the addons have tests\n' >&2
        failed=1
    fi
    drop_test_dbs
    # the failing tests: "odoo.addons.<module>.tests.<file>: FAIL: Class.test" (or ERROR:)
    sed -nE 's/^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) [^ ]+ ([a-z0-9_.]*\.tests[a-z0-9_.]*): ((FAIL|ERROR): .*)$/  \3  (\2)/p' \
        "$passlog" >&2
    if grep -q 'websocket-client module is not installed' "$passlog"; then
        printf '  the browser tests (tours) were skipped: pip install websocket-client\n' >&2
    fi
    report+=("pass '$pass': $passed passed, $failed failed, $skipped skipped in $((SECONDS - start))s (log: .local/test-$pass.log)")
    (( total_passed += passed, total_failed += failed, total_skipped += skipped )) || true
done

pg_stop   # now, so that the closing line below is the last one printed
printf '\n' >&2
printf '  %s\n' "${report[@]}" >&2
closing="$total_passed passed, $total_failed failed"
(( total_skipped == 0 )) || closing+=", $total_skipped skipped"
echo "$closing"
(( total_failed == 0 ))
