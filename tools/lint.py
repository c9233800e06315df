#!/usr/bin/env python3
"""Run the hooks of .pre-commit-config.yaml without pre-commit: `make lint` (checks)
and `make format` (the hooks that fix files, then the checks).

pre-commit installs each hook from its git host; this script runs the same tools at
the same versions from the packages tools/lint.sh installs into .local/ from the
registries (tools/lint/requirements.txt, tools/lint/package.json), so that the gate
works where only the registries are reachable. The files each hook sees are chosen
as pre-commit chooses them: the files git knows, minus the config's top-level
`exclude`, filtered by the hook's `files`, `exclude` and type.

Exit status 1 when a blocking hook finds something. The optional pylint checks
(.pylintrc) are printed, never blocking, as in OCA's configuration.
"""

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parents[1]
LOCAL = Path(os.environ.get("LINT_PREFIX", ROOT / ".local"))
BIN = Path(sys.executable).parent
NODE_BIN = LOCAL / "lint-node" / "node_modules" / ".bin"

TYPES = {
    "python": re.compile(r"\.py$"),
    "javascript": re.compile(r"\.(js|mjs|cjs)$"),
    "xml": re.compile(r"\.xml$"),
}
BINARY = re.compile(
    r"\.(png|jpe?g|gif|ico|pdf|woff2?|ttf|eot|zip|gz|odt|docx?|xlsx?|mo)$", re.I
)


def git_files():
    out = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return sorted(f for f in out.split("\0") if f and (ROOT / f).exists())


def hooks():
    config = YAML(typ="safe").load((ROOT / ".pre-commit-config.yaml").read_text())
    top_exclude = re.compile(config.get("exclude") or "^$")
    for repo in config["repos"]:
        for hook in repo["hooks"]:
            yield top_exclude, hook


def select(files, top_exclude, hook, types=()):
    include = re.compile(hook.get("files") or "")
    exclude = re.compile(hook["exclude"]) if hook.get("exclude") else None
    chosen = []
    for f in files:
        if (
            top_exclude.search(f)
            or not include.search(f)
            or (exclude and exclude.search(f))
        ):
            continue
        if "text" in types and BINARY.search(f):
            continue
        if any(t in TYPES and not TYPES[t].search(f) for t in types):
            continue
        chosen.append(f)
    return chosen


def run(label, argv, files=None, env=None):
    """Run one tool; True when it passed."""
    if files is not None and not files:
        return True
    argv = [str(a) for a in argv] + list(files or [])
    proc = subprocess.run(argv, cwd=ROOT, env=env)
    if proc.returncode:
        print(f"FAILED: {label}", flush=True)
    return proc.returncode == 0


def text_checks(files, fix):
    """trailing-whitespace, end-of-file-fixer, mixed-line-ending (--fix=lf)."""
    problems = []
    for f in files:
        path = ROOT / f
        data = path.read_bytes()
        if b"\0" in data:
            continue
        lines = data.split(b"\n")
        fixed = [line.rstrip(b"\r").rstrip(b" \t") for line in lines]
        new = b"\n".join(fixed)
        new = new.rstrip(b"\n") + b"\n" if new.strip() else b""
        if new != data:
            problems.append(f)
            if fix:
                path.write_bytes(new)
    for f in problems:
        print(
            f"{f}: trailing whitespace, CRLF or end of file"
            + (" (fixed)" if fix else "")
        )
    return not problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--fix", action="store_true", help="run the fixing hooks first (make format)"
    )
    args = parser.parse_args()
    files = git_files()
    node_env = dict(os.environ, NODE_PATH=str(LOCAL / "lint-node" / "node_modules"))
    ok = True
    for top_exclude, hook in hooks():
        hid, hargs = hook["id"], hook.get("args", [])
        if hook.get("language") == "fail":
            found = select(files, top_exclude, hook)
            for f in found:
                print(f"{f}: {hook['entry']}")
            ok &= not found
        elif hid == "whool-init":
            for manifest in sorted(ROOT.glob("*/__manifest__.py")):
                if not (manifest.parent / "pyproject.toml").exists():
                    print(f"{manifest.parent.name}: no pyproject.toml (whool)")
                    ok = False
        elif hid == "readme-gen":
            ok &= run(
                hid,
                [sys.executable, "tools/readme_gen.py"]
                + ([] if args.fix else ["--check"]),
            )
        elif hid == "oca-checks-odoo-module":
            ok &= run(
                hid, [BIN / "oca-checks-odoo-module"], select(files, top_exclude, hook)
            )
        elif hid == "oca-checks-po":
            chosen = [
                f for f in select(files, top_exclude, hook) if re.search(r"\.pot?$", f)
            ]
            ok &= run(hid, [BIN / "oca-checks-po", *hargs], chosen)
        elif hid == "prettier":
            chosen = select(files, top_exclude, hook, ("text",))
            mode = ["--write", "--list-different"] if args.fix else ["--check"]
            ok &= run(
                hid,
                [NODE_BIN / "prettier", *mode, "--ignore-unknown"],
                chosen,
                env=node_env,
            )
        elif hid == "eslint":
            chosen = select(files, top_exclude, hook, ("javascript",))
            ok &= run(
                hid,
                [NODE_BIN / "eslint", *(["--fix"] if args.fix else [])],
                chosen,
                env=node_env,
            )
        elif hid in ("trailing-whitespace", "end-of-file-fixer", "mixed-line-ending"):
            if (
                hid == "trailing-whitespace"
            ):  # the three at once, on the files of the first
                ok &= text_checks(select(files, top_exclude, hook, ("text",)), args.fix)
        elif hid == "fix-encoding-pragma":
            chosen = select(files, top_exclude, hook, ("python",))
            found = [
                f
                for f in chosen
                if re.match(r"#.*coding[:=]", (ROOT / f).read_text().split("\n", 1)[0])
            ]
            for f in found:
                print(f"{f}: remove the encoding pragma")
            ok &= not found
        elif hid == "debug-statements":
            ok &= run(
                hid,
                [BIN / "debug-statement-hook"],
                select(files, top_exclude, hook, ("python",)),
            )
        elif hid == "check-docstring-first":
            ok &= run(
                hid,
                [BIN / "check-docstring-first"],
                select(files, top_exclude, hook, ("python",)),
            )
        elif hid == "check-xml":
            ok &= run(
                hid, [BIN / "check-xml"], select(files, top_exclude, hook, ("xml",))
            )
        elif hid in (
            "check-case-conflict",
            "check-executables-have-shebangs",
            "check-merge-conflict",
            "check-symlinks",
        ):
            chosen = select(files, top_exclude, hook)
            if hid == "check-executables-have-shebangs":
                chosen = [
                    f
                    for f in chosen
                    if os.access(ROOT / f, os.X_OK) and not (ROOT / f).is_symlink()
                ]
            ok &= run(hid, [BIN / hid], chosen)
        elif hid == "ruff":
            chosen = select(files, top_exclude, hook, ("python",))
            ok &= run(
                hid,
                [
                    BIN / "ruff",
                    "check",
                    "--output-format=concise",
                    "--fix" if args.fix else "--no-fix",
                ],
                chosen,
            )
        elif hid == "ruff-format":
            chosen = select(files, top_exclude, hook, ("python",))
            ok &= run(
                hid,
                [BIN / "ruff", "format", *([] if args.fix else ["--check"])],
                chosen,
            )
        elif hid == "pylint_odoo":
            addons = sorted(p.parent.name for p in ROOT.glob("*/__manifest__.py"))
            blocking = "--exit-zero" not in hargs
            passed = run(
                f"pylint ({' '.join(hargs)})", [BIN / "pylint", *hargs, *addons]
            )
            ok &= passed or not blocking
        else:
            print(f"{hid}: not run by tools/lint.py (add it there)")
            ok = False
    print("lint: passed" if ok else "lint: FAILED", flush=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
