#!/usr/bin/env python3
"""The report of `make load` (tools/load.sh): a Markdown table per run and level
from locust's CSV files, the ratios of ours to Odoo's own pages, the memory of the
Odoo processes, the server log's errors and, with a replica, the share of the
database work it served.

    python3 tools/load/report.py --dir .local/load --users "10 50 200"
        --runs "primary replica" [--workers 4 --time 60s --db NAME]
"""

import argparse
import csv
import platform
import re
import statistics
import subprocess
from collections import Counter, defaultdict
from pathlib import Path

# ours, and the page of Odoo's project it compares with
COMPARISONS = [
    ("pair kanban", "task kanban (ref)"),
    ("pair form", "task form (ref)"),
    ("pair stage move", "task stage move (ref)"),
    ("/my/mentorship", "/my/tasks (ref)"),
    ("/my/mentorship pair page", "/my/tasks task page (ref)"),
]
RUN_TITLES = {
    "primary": "without a replica",
    "replica": "with a streaming replica (db_replica_host)",
}
CONFLICT = re.compile(
    r"could not serialize access|deadlock detected|could not obtain lock"
)
LOG_PATTERNS = {
    "cron jobs run": re.compile(r"ir_cron: Job .* done in "),
    "concurrency conflicts": re.compile(r"^ERROR: .*" + CONFLICT.pattern),
    "retried by Odoo": re.compile(
        r"(SERIALIZATION_FAILURE|DEADLOCK_DETECTED|LOCK_NOT_AVAILABLE), \d+ tries left"
    ),
    "reaching the user": re.compile(r"maximum number of tries reached"),
    "read-only requests that wrote (replayed read/write)": re.compile(
        r"retrying with a read/write cursor"
    ),
}
ERROR_LINE = re.compile(r" (ERROR|CRITICAL) ")


def read_stats(prefix):
    path = Path(f"{prefix}_stats.csv")
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def read_failures(prefix):
    path = Path(f"{prefix}_failures.csv")
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def number(value):
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0


def table(header, rows):
    lines = [
        "| " + " | ".join(header) + " |",
        "|" + "|".join("---" for _h in header) + "|",
    ]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def memory(prefix):
    """Max and average of the total RSS (MiB) of the server's processes, the largest
    process, and the number of processes."""
    path = Path(f"{prefix}-rss.txt")
    master_path = Path(f"{prefix}-master.txt")
    if not path.exists():
        return None
    master = master_path.read_text().strip() if master_path.exists() else ""
    ticks = defaultdict(dict)
    for line in path.read_text().splitlines():
        parts = line.split()
        if len(parts) == 3:
            ticks[parts[0]][parts[1]] = int(parts[2]) / 1024
    if not ticks:
        return None
    totals = [sum(processes.values()) for processes in ticks.values()]
    workers = [
        rss
        for processes in ticks.values()
        for pid, rss in processes.items()
        if pid != master
    ]
    masters = [processes.get(master, 0) for processes in ticks.values()]
    return {
        "total_max": max(totals),
        "total_avg": statistics.mean(totals),
        "worker_max": max(workers, default=0),
        "worker_avg": statistics.mean(workers) if workers else 0,
        "master_max": max(masters),
        "processes": max(len(processes) for processes in ticks.values()),
    }


def pg_deltas(prefix):
    """{cluster: (transactions, rows read)} over the level."""
    before, after = Path(f"{prefix}-pg-before.txt"), Path(f"{prefix}-pg-after.txt")
    if not (before.exists() and after.exists()):
        return {}

    def parse(path):
        values = {}
        for line in path.read_text().splitlines():
            parts = line.split()
            if len(parts) == 3:
                values[parts[0]] = (int(parts[1]), int(parts[2]))
        return values

    start, end = parse(before), parse(after)
    return {
        cluster: (
            end[cluster][0] - start[cluster][0],
            end[cluster][1] - start[cluster][1],
        )
        for cluster in end
        if cluster in start
    }


def log_counts(logfile, prefix):
    """Counts of the LOG_PATTERNS in the server log's lines written during the level,
    the ERROR lines other than the "bad query" of a concurrency conflict (Odoo logs
    the failed statement, then retries the request), and the most frequent of them."""
    lines_path = Path(f"{prefix}-log-lines.txt")
    if not (logfile.exists() and lines_path.exists()):
        return {}, []
    bounds = [int(x) for x in lines_path.read_text().split()]
    if len(bounds) != 2:
        return {}, []
    with logfile.open(encoding="utf-8", errors="replace") as f:
        lines = f.readlines()[bounds[0] : bounds[1]]
    counts = {
        name: sum(1 for line in lines if pattern.search(line))
        for name, pattern in LOG_PATTERNS.items()
    }
    errors = Counter()
    for k, line in enumerate(lines):
        if not ERROR_LINE.search(line):
            continue
        following = lines[k + 1] if k + 1 < len(lines) else ""
        if "bad query" in line and CONFLICT.search(following):
            continue
        errors[re.sub(r"^\S+ \S+ \d+ ", "", line.strip())[:160]] += 1
    counts = {"other ERROR lines": sum(errors.values()), **counts}
    return counts, errors.most_common(3)


def print_actions(actions, calls):
    """The table of the user actions; returns (actions/s, requests/s)."""
    rows = []
    for name, row in sorted(actions.items(), key=lambda kv: kv[0].endswith("(ref)")):
        count, failed = (
            int(number(row["Request Count"])),
            int(number(row["Failure Count"])),
        )
        if not count:
            rows.append([name, "–", "–", "–", "–", "not run"])
            continue
        rows.append(
            [
                name,
                f"{number(row['Requests/s']):.2f}",
                *(f"{number(row[p]):.0f}" for p in ("50%", "95%", "99%")),
                f"{failed} of {count}",
            ]
        )
    total_actions = sum(number(row["Requests/s"]) for row in actions.values())
    total_calls = sum(number(row["Requests/s"]) for row in calls)
    failed_calls = sum(int(number(row["Failure Count"])) for row in calls)
    all_calls = sum(int(number(row["Request Count"])) for row in calls)
    rows.append(
        [
            "**all actions** (HTTP requests)",
            f"{total_actions:.2f} ({total_calls:.1f})",
            "",
            "",
            "",
            f"{failed_calls} of {all_calls} requests",
        ]
    )
    header = ["Request type", "Requests/s", "p50 ms", "p95 ms", "p99 ms", "Errors"]
    print(table(header, rows))
    return total_actions, total_calls


def print_ratios(actions):
    rows = []
    for ours, reference in COMPARISONS:
        a, b = actions.get(ours), actions.get(reference)
        if not (a and b and number(a["Request Count"]) and number(b["Request Count"])):
            continue
        if not (number(b["50%"]) and number(b["95%"])):
            continue
        p50 = number(a["50%"]) / number(b["50%"])
        p95 = number(a["95%"]) / number(b["95%"])
        met = "met" if p50 <= 1.0 and p95 <= 1.0 else "missed"
        rows.append([f"{ours} / {reference}", f"{p50:.2f}×", f"{p95:.2f}×", met])
    if rows:
        print()
        print(table(["Ours / Odoo's", "p50", "p95", "≤ 1.0×"], rows))


def print_diagnostics(prefix, logfile, db):
    failures = read_failures(prefix)
    if failures:
        print()
        print("Failures:")
        by_count = sorted(failures, key=lambda r: -int(number(r.get("Occurrences"))))
        for row in by_count[:8]:
            print(
                f"- {row.get('Occurrences')}× {row.get('Name')}: "
                f"{(row.get('Error') or '')[:200]}"
            )
    mem = memory(prefix)
    if mem:
        print()
        print(
            f"Memory (RSS) of the {mem['processes']} Odoo processes: total max "
            f"{mem['total_max']:.0f} MiB, avg {mem['total_avg']:.0f} MiB; "
            f"a worker max {mem['worker_max']:.0f} MiB, "
            f"avg {mem['worker_avg']:.0f} MiB; "
            f"the master max {mem['master_max']:.0f} MiB."
        )
    counts, errors = log_counts(logfile, prefix)
    if counts:
        print()
        summary = "; ".join(f"{name}: {count}" for name, count in counts.items())
        print(f"Server log: {summary}.")
        for message, count in errors:
            print(f"- {count}× {message}")
    deltas = pg_deltas(prefix)
    if "replica" in deltas and "primary" in deltas:
        (p_tx, p_rows), (r_tx, r_rows) = deltas["primary"], deltas["replica"]
        all_tx, all_rows = p_tx + r_tx, p_rows + r_rows
        print()
        print(
            f"Replica's share (pg_stat_database of {db}): "
            f"{r_tx / (all_tx or 1):.0%} of the transactions ({r_tx} of {all_tx}), "
            f"{r_rows / (all_rows or 1):.0%} of the rows read "
            f"({r_rows} of {all_rows})."
        )


def print_header(args):
    def output(*command):
        try:
            return subprocess.run(
                command, capture_output=True, text=True, check=False
            ).stdout.strip()
        except OSError:
            return "?"

    print(f"# Load test of {args.db}")
    print()
    print(
        f"Odoo with {args.workers} HTTP workers and 1 cron worker; {args.time} "
        f"per level after the users are spawned; locust on the same machine. "
        f"Machine: nproc {output('nproc')}, Python {platform.python_version()}, "
        f"{output('psql', '--version')}."
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", required=True)
    parser.add_argument("--users", required=True)
    parser.add_argument("--runs", default="primary")
    parser.add_argument("--workers", default="?")
    parser.add_argument("--time", default="?")
    parser.add_argument("--db", default="?")
    parser.add_argument("--server-logs", default=None)
    args = parser.parse_args()
    out = Path(args.dir)
    logs = Path(args.server_logs) if args.server_logs else out.parent
    levels = args.users.split()
    runs = args.runs.split()
    print_header(args)
    throughput = defaultdict(dict)
    for run in runs:
        for users in levels:
            prefix = out / f"{run}-{users}"
            stats = read_stats(prefix)
            print()
            print(f"## {users} users, {RUN_TITLES.get(run, run)}")
            print()
            if not stats:
                print(f"No statistics: see {prefix}-locust.log")
                continue
            actions = {row["Name"]: row for row in stats if row["Type"] == "action"}
            calls = [row for row in stats if row["Type"] not in ("action", "")]
            throughput[users][run] = print_actions(actions, calls)
            print_ratios(actions)
            print_diagnostics(prefix, logs / f"load-server-{run}.log", args.db)
    if len(runs) > 1:
        print()
        print("## Throughput with and without the replica")
        print()
        rows = []
        for users in levels:
            cells = [users]
            for run in runs:
                actions, calls = throughput[users].get(run, (0, 0))
                cells.append(f"{actions:.2f} actions/s ({calls:.1f} requests/s)")
            rows.append(cells)
        print(table(["Users", *(RUN_TITLES.get(run, run) for run in runs)], rows))


if __name__ == "__main__":
    main()
