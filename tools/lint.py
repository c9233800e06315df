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


def check_fail(ctx, hook):
    """language: fail: any file the hook selects is a finding."""
    found = select(ctx.files, ctx.exclude, hook)
    for f in found:
        print(f"{f}: {hook['entry']}")
    return not found


def check_whool(ctx, hook):
    missing = [
        m.parent.name
        for m in sorted(ROOT.glob("*/__manifest__.py"))
        if not (m.parent / "pyproject.toml").exists()
    ]
    for name in missing:
        print(f"{name}: no pyproject.toml (whool)")
    return not missing


def check_encoding_pragma(ctx, hook):
    chosen = select(ctx.files, ctx.exclude, hook, ("python",))
    first = {f: (ROOT / f).read_text().split("\n", 1)[0] for f in chosen}
    found = [f for f in chosen if re.match(r"#.*coding[:=]", first[f])]
    for f in found:
        print(f"{f}: remove the encoding pragma")
    return not found


def check_with(tool, types=(), fix_args=(), check_args=(), node=False, only=None):
    """A hook run by one tool on the files it selects."""

    def check(ctx, hook):
        chosen = select(ctx.files, ctx.exclude, hook, types)
        if only:
            chosen = [f for f in chosen if only(f)]
        argv = [tool(), *(fix_args if ctx.fix else check_args), *hook.get("args", [])]
        return run(hook["id"], argv, chosen, env=ctx.node_env if node else None)

    return check


def check_pylint(ctx, hook):
    hargs = hook.get("args", [])
    addons = sorted(p.parent.name for p in ROOT.glob("*/__manifest__.py"))
    passed = run(f"pylint ({' '.join(hargs)})", [BIN / "pylint", *hargs, *addons])
    return passed or "--exit-zero" in hargs


def check_text(ctx, hook):
    # trailing-whitespace, end-of-file-fixer and mixed-line-ending at once
    return text_checks(select(ctx.files, ctx.exclude, hook, ("text",)), ctx.fix)


def executable(f):
    return os.access(ROOT / f, os.X_OK) and not (ROOT / f).is_symlink()


HOOKS = {
    "whool-init": check_whool,
    "readme-gen": lambda ctx, hook: run(
        "readme-gen",
        [sys.executable, "tools/readme_gen.py"] + ([] if ctx.fix else ["--check"]),
    ),
    "oca-checks-odoo-module": check_with(lambda: BIN / "oca-checks-odoo-module"),
    "oca-checks-po": check_with(
        lambda: BIN / "oca-checks-po", only=lambda f: re.search(r"\.pot?$", f)
    ),
    # the hook's own args (--write...) are those of the fixing run
    "prettier": lambda ctx, hook: run(
        "prettier",
        [
            NODE_BIN / "prettier",
            *(["--write", "--list-different"] if ctx.fix else ["--check"]),
            "--ignore-unknown",
        ],
        select(ctx.files, ctx.exclude, hook, ("text",)),
        env=ctx.node_env,
    ),
    "eslint": lambda ctx, hook: run(
        "eslint",
        [NODE_BIN / "eslint", *(["--fix"] if ctx.fix else [])],
        select(ctx.files, ctx.exclude, hook, ("javascript",)),
        env=ctx.node_env,
    ),
    "trailing-whitespace": check_text,
    "end-of-file-fixer": lambda ctx, hook: True,  # in check_text
    "mixed-line-ending": lambda ctx, hook: True,  # in check_text
    "fix-encoding-pragma": check_encoding_pragma,
    "debug-statements": check_with(lambda: BIN / "debug-statement-hook", ("python",)),
    "check-docstring-first": check_with(
        lambda: BIN / "check-docstring-first", ("python",)
    ),
    "check-xml": check_with(lambda: BIN / "check-xml", ("xml",)),
    "check-case-conflict": check_with(lambda: BIN / "check-case-conflict"),
    "check-executables-have-shebangs": check_with(
        lambda: BIN / "check-executables-have-shebangs", only=executable
    ),
    "check-merge-conflict": check_with(lambda: BIN / "check-merge-conflict"),
    "check-symlinks": check_with(lambda: BIN / "check-symlinks"),
    "ruff": lambda ctx, hook: run(
        "ruff",
        [
            BIN / "ruff",
            "check",
            "--output-format=concise",
            "--fix" if ctx.fix else "--no-fix",
        ],
        select(ctx.files, ctx.exclude, hook, ("python",)),
    ),
    "ruff-format": lambda ctx, hook: run(
        "ruff-format",
        [BIN / "ruff", "format", *([] if ctx.fix else ["--check"])],
        select(ctx.files, ctx.exclude, hook, ("python",)),
    ),
    "pylint_odoo": check_pylint,
}


class Context:
    def __init__(self, fix):
        self.fix = fix
        self.files = git_files()
        self.exclude = None
        self.node_env = dict(
            os.environ, NODE_PATH=str(LOCAL / "lint-node" / "node_modules")
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--fix", action="store_true", help="run the fixing hooks first (make format)"
    )
    ctx = Context(parser.parse_args().fix)
    ok = True
    for top_exclude, hook in hooks():
        ctx.exclude = top_exclude
        if hook.get("language") == "fail":
            ok &= check_fail(ctx, hook)
        elif hook["id"] in HOOKS:
            ok &= HOOKS[hook["id"]](ctx, hook)
        else:
            print(f"{hook['id']}: not run by tools/lint.py (add it there)")
            ok = False
    print("lint: passed" if ok else "lint: FAILED", flush=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
