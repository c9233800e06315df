#!/usr/bin/env bash
# make dist: build the wheel of each addon into dist/ with whool, the build
# backend OCA uses: odoo-addon-<addon>-<version>-py3-none-any.whl, the version
# from the manifest (plus .N, the commits since the manifest's version changed),
# the requirements from `depends` and `external_dependencies`. whool packs the
# files git tracks: commit (or git add) new files first.
# whool and its requirements go into the virtualenv .local/venv-dist (from PyPI
# the first time); the build itself runs without network (no build isolation).
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
VENV="$REPO_ROOT/.local/venv-dist"
DIST="$REPO_ROOT/dist"
ADDONS=(odoo_mentorship odoo_mentorship_reports)

log() { printf '>> %s\n' "$*" >&2; }

if ! "$VENV/bin/python" -c 'import whool, wheel' 2>/dev/null; then
    log "installing whool into $VENV"
    python3 -m venv "$VENV"
    "$VENV/bin/python" -m pip install -q whool wheel
fi

mkdir -p "$DIST"
for addon in "${ADDONS[@]}"; do
    rm -f "$DIST"/odoo_addon_"${addon}"-*.whl
done
log "building ${ADDONS[*]} into dist/"
(cd "$REPO_ROOT" && "$VENV/bin/python" -m pip wheel -q --no-deps --no-build-isolation \
    --wheel-dir "$DIST" "${ADDONS[@]/#/./}")
ls -1 "$DIST"/odoo_addon_*.whl
