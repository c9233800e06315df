#!/usr/bin/env bash
# make lint / make format: the hooks of .pre-commit-config.yaml (OCA's for 18.0), run
# by tools/lint.py with the linters installed here from the registries:
#   .local/venv-lint   pylint-odoo, ruff, OCA's module and PO checks, pre-commit-hooks
#                      (tools/lint/requirements.txt)
#   .local/lint-node   prettier with the XML plugin, eslint (tools/lint/package.json)
# Each is (re)installed when its pinned list changes. Arguments go to tools/lint.py
# (--fix: the hooks that rewrite files first).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LOCAL="$ROOT/.local"
LINT="$ROOT/tools/lint"
mkdir -p "$LOCAL"

venv="$LOCAL/venv-lint"
if ! cmp -s "$LINT/requirements.txt" "$venv/.installed" 2>/dev/null; then
    echo "lint: installing the Python linters into .local/venv-lint"
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q --disable-pip-version-check -r "$LINT/requirements.txt"
    cp "$LINT/requirements.txt" "$venv/.installed"
fi

node="$LOCAL/lint-node"
if ! cmp -s "$LINT/package-lock.json" "$node/package-lock.json" 2>/dev/null; then
    command -v npm >/dev/null || { echo "lint: npm (Node.js) is needed for prettier and eslint" >&2; exit 1; }
    echo "lint: installing prettier and eslint into .local/lint-node"
    rm -rf "$node" && mkdir -p "$node"
    cp "$LINT/package.json" "$LINT/package-lock.json" "$node/"
    (cd "$node" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi

exec "$venv/bin/python" "$ROOT/tools/lint.py" "$@"
