#!/usr/bin/env python3
"""Read the log of one `odoo --test-enable --stop-after-init` run.

Usage: test_summary.py LOGFILE
Prints "PASSED FAILED SKIPPED" on stdout and explanations on stderr.

Odoo 18 ends a test run with one line from the logger odoo.tests.result:
    "<f> failed, <e> error(s) of <n> tests when loading database '<db>'"
(odoo/service/server.py + odoo/tests/result.py). Skipped tests are logged at
INFO as "<test logger>: skipped <test> : <reason>". FAILED is f + e plus one
for every ERROR or CRITICAL record that does not come from the test machinery
(a module that fails to load, a traceback in a cron...), so such a log never
passes silently. When no summary line is found, FAILED is at least 1.
"""

import re
import sys

RECORD = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (?P<level>[A-Z]+) (?P<db>\S+) "
    r"(?P<logger>[\w.]+): (?P<msg>.*)$"
)
SUMMARY = re.compile(
    r"^(\d+) failed, (\d+) error\(s\) of (\d+) tests when loading database"
)
SKIPPED = re.compile(r"^skipped \S")
# records already counted by the summary: the tests' own loggers, the runner
# and the recaps of failed tests in odoo.modules.loading
TEST_LOGGER = re.compile(r"(^odoo\.tests(\.|$))|(\.tests(\.|$))")
MODULE_RECAP = re.compile(
    r"^(Module \w+: \d+ failures, \d+ errors of \d+ tests"
    r"|At least one test failed when loading the modules\.)$"
)


def main(path):
    summary = None
    skipped = 0
    stray = []
    with open(path, encoding="utf-8", errors="replace") as log:
        for line in log:
            m = RECORD.match(line.rstrip("\n"))
            if not m:
                continue  # continuation line (traceback, multi-line message)
            logger, msg, level = m["logger"], m["msg"].strip(), m["level"]
            if logger == "odoo.tests.result" and SUMMARY.match(msg):
                summary = tuple(int(x) for x in SUMMARY.match(msg).groups())
            elif level == "INFO" and TEST_LOGGER.search(logger) and SKIPPED.match(msg):
                skipped += 1
            elif (
                level in ("ERROR", "CRITICAL")
                and not TEST_LOGGER.search(logger)
                and not (logger == "odoo.modules.loading" and MODULE_RECAP.match(msg))
            ):
                stray.append(line.rstrip("\n"))

    for line in stray:
        print(f"  error in the log: {line[:300]}", file=sys.stderr)
    if summary is None:
        print("  no test summary line found in the log", file=sys.stderr)
        print(0, max(1, len(stray)), skipped)
        return
    failed, errors, run = summary
    passed = max(0, run - failed - errors - skipped)
    print(passed, failed + errors + len(stray), skipped)


if __name__ == "__main__":
    main(sys.argv[1])
