"""Print how the cost of each benchmark measure grows with the district.

    python3 tools/bench/growth.py SCALE=FILE.json [SCALE=FILE.json ...]

Each file is the `--json` output of tools/bench/bench.py on a district generated
at SCALE times the issue's sizes (tools/bench_growth.sh). The growth exponent of a
measure is the slope of log(seconds) over log(base records), by least squares:
0 when the cost does not depend on the district, 1 when it grows linearly. A page
of a fixed selection (one school's staff, the first 1,000 pairs), an import of a
fixed file and the matching of a fixed pool must stay flat (≤ 0.25); the figures of
the whole district must grow at most linearly (≤ 1.0), a kanban's first page not at
all (it shows 40 cards a column whatever the number of pairs).
"""

import json
import math
import sys

FLAT, LINEAR = 0.25, 1.0
# measure key → (label, target exponent)
MEASURES = [
    ("kanban_1000", "Pair kanban, first page, the first 1,000 pairs", FLAT),
    ("kanban_all", "Pair kanban, first page, the whole district", FLAT),
    (
        "kanban_1000_never_analysed",
        "  same, 1,000 pairs, never analysed",
        FLAT,
    ),
    (
        "kanban_all_never_analysed",
        "  same, whole district, never analysed",
        FLAT,
    ),
    ("kpi", "KPI computation, every school", LINEAR),
    ("kpi_never_analysed", "  same, never analysed", LINEAR),
    (
        "hr_is_young_specialist_1000",
        '"Young Specialist" filter, first page, the first 11 schools',
        FLAT,
    ),
    (
        "hr_is_young_specialist_all",
        '"Young Specialist" filter, first page, the whole district',
        LINEAR,
    ),
    (
        "hr_is_new_at_school_1000",
        '"New at School" filter, first page, the first 11 schools',
        FLAT,
    ),
    (
        "hr_is_new_at_school_all",
        '"New at School" filter, first page, the whole district',
        LINEAR,
    ),
    ("import", "Import of a fixed mentee file (base_import)", FLAT),
    ("matching", "Matching wizard on a fixed pool", FLAT),
]


def slope(points):
    xs = [math.log(x) for x, _y in points]
    ys = [math.log(y) for _x, y in points]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    spread = sum((x - mean_x) ** 2 for x in xs)
    return sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / (
        spread
    )


def main(arguments):
    runs = []
    for argument in arguments:
        scale, _sep, path = argument.partition("=")
        with open(path) as handle:
            runs.append((float(scale), json.load(handle)))
    runs.sort(key=lambda run: run[0])
    if len(runs) < 2:
        raise SystemExit("give at least two scales")
    header = ["Measure"]
    header += [
        f"{scale:g}× ({run['sizes']['base']} base, {run['sizes']['pairs']} pairs)"
        for scale, run in runs
    ]
    header += ["Exponent", "Target", "Result"]
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join("---" for _h in header) + "|")
    for key, label, target in MEASURES:
        points = [
            (run["sizes"]["base"], run["seconds"][key])
            for _scale, run in runs
            if key in run["seconds"]
        ]
        if len(points) < 2:
            continue
        exponent = slope(points)
        cells = [label]
        for _scale, run in runs:
            seconds = run["seconds"].get(key)
            cells.append("" if seconds is None else f"{seconds * 1000:.0f} ms")
        cells += [
            f"{exponent:.2f}",
            "flat (≤ 0.25)" if target == FLAT else "≤ linear (≤ 1.0)",
            "met" if exponent <= target else "missed",
        ]
        print("| " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main(sys.argv[1:])
