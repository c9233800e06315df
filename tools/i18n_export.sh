#!/usr/bin/env bash
# Refresh the translation files of the two addons:
#   1. install odoo_mentorship and odoo_mentorship_reports (without demo data,
#      so that demo records do not leak into the templates) into a throwaway
#      database,
#   2. export each addon's terms to <addon>/i18n/<addon>.pot (Odoo's --i18n-export),
#   3. merge each .pot into <addon>/i18n/<lang>.po (msgmerge from gettext, or
#      python polib when gettext is not installed): new terms arrive with an empty
#      msgstr, removed terms are dropped, existing translations are kept,
#   4. print, per file, how many terms are translated and how many are not.
# Then translate the empty msgstr "" entries in the .po files and run it again
# (or with --check) to see 0 untranslated.
#
# Usage: tools/i18n_export.sh [--check] [--no-export]
#   --check       exit 1 if a .po file has untranslated or fuzzy entries
#   --no-export   do not touch the database: only merge the existing .pot into
#                 the .po files and report (quick, needs no Odoo or PostgreSQL)
# Environment:
#   LANGS="ru"    languages to merge (the .po file names, space separated)
#   PGHOST, PGPORT, PGUSER, PGPASSWORD
#                 an existing PostgreSQL server to use (a role that may create
#                 databases; Odoo refuses the user 'postgres'). Without PGHOST a
#                 throwaway cluster is run under .local/pg by tools/odoo_env.sh.
#   ODOO_PATH     an Odoo 18.0 source tree, when `import odoo` does not work
#   I18N_DB       name of the throwaway database (default: mentorship_i18n_<pid>);
#                 it is dropped at the end unless KEEP_DB=1
#   KEEP_OBSOLETE=1  keep the terms that left the code as obsolete (#~) entries
#   I18N_USE_POLIB=1 merge with python polib even when gettext is installed
#
# Needs: Odoo 18.0 and PostgreSQL as for `make test` (see README.md), and either
# gettext (apt-get install gettext) or the Python package polib (shipped with Odoo).
set -euo pipefail

TOOLS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
LANGS="${LANGS:-ru}"
CHECK="" EXPORT=1
for arg in "$@"; do
    case $arg in
        --check) CHECK=1 ;;
        --no-export) EXPORT="" ;;
        -h|--help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) printf 'error: unknown argument %s (try --help)\n' "$arg" >&2; exit 2 ;;
    esac
done

if [[ -f $TOOLS_DIR/odoo_env.sh ]]; then
    # shellcheck source=tools/odoo_env.sh
    # shared helpers: odoo_find, pg_ensure, odoo_exec, db_drop, log, die, at_exit, MODULES
    source "$TOOLS_DIR/odoo_env.sh"
else
    # minimal stand-ins, should odoo_env.sh ever be missing: PGHOST must name a server
    REPO_ROOT="$(cd "$TOOLS_DIR/.." && pwd -P)"
    LOCAL_DIR="$REPO_ROOT/.local"
    MODULES="odoo_mentorship,odoo_mentorship_reports"
    log() { printf '>> %s\n' "$*" >&2; }
    die() { printf 'error: %s\n' "$*" >&2; exit 1; }
    EXIT_HOOKS=()
    at_exit() { EXIT_HOOKS+=("$*"); }
    _run_exit_hooks() { local i; for ((i = ${#EXIT_HOOKS[@]} - 1; i >= 0; i--)); do eval "${EXIT_HOOKS[i]}" || true; done; }
    trap _run_exit_hooks EXIT
    odoo_find() {
        [[ -z ${ODOO_PATH:-} ]] || export PYTHONPATH="$ODOO_PATH${PYTHONPATH:+:$PYTHONPATH}"
        (cd / && python3 -c 'import odoo') 2>/dev/null || die "Odoo 18.0 is not importable: install it or set ODOO_PATH"
        ODOO=(python3 -m odoo)
    }
    pg_ensure() {
        [[ -n ${PGHOST:-} ]] || die "set PGHOST (and PGPORT, PGUSER, PGPASSWORD) to a PostgreSQL server"
        DB_ARGS=("--db_host=$PGHOST")
        [[ -z ${PGPORT:-} ]] || DB_ARGS+=("--db_port=$PGPORT")
        [[ -z ${PGUSER:-} ]] || DB_ARGS+=("--db_user=$PGUSER")
        [[ -z ${PGPASSWORD:-} ]] || DB_ARGS+=("--db_password=$PGPASSWORD")
    }
    odoo_exec() {
        local logfile=""
        if [[ $1 == --log ]]; then logfile=$2; shift 2; fi
        mkdir -p "$LOCAL_DIR/data"
        "${ODOO[@]}" "--addons-path=$REPO_ROOT" "--data-dir=$LOCAL_DIR/data" "${DB_ARGS[@]}" "$@" \
            >>"${logfile:-/dev/stderr}" 2>&1
    }
    db_drop() {
        PGOPTIONS="-c client_min_messages=warning" psql -X -q -d postgres \
            -c "DROP DATABASE IF EXISTS \"$1\" WITH (FORCE)" >/dev/null
        rm -rf "$LOCAL_DIR/data/filestore/$1"
    }
fi

IFS=, read -r -a ADDONS <<<"$MODULES"
HAVE_GETTEXT=""
command -v msgmerge >/dev/null && command -v msgattrib >/dev/null && command -v msgfmt >/dev/null && HAVE_GETTEXT=1
[[ -z ${I18N_USE_POLIB:-} ]] || HAVE_GETTEXT=""   # force the polib merge (to test it)

# ----------------------------------------------------------------- export --
# Writes $1/i18n/$1.pot. A template whose terms did not change is left as it
# was, so that a re-run does not produce a diff of dates only.
export_pot() {
    local addon=$1 tmp="$LOCAL_DIR/i18n/$1.pot" dest="$REPO_ROOT/$1/i18n/$1.pot"
    odoo_exec --log "$LOCAL_DIR/i18n/export.log" -d "$DB" --i18n-export="$tmp" --modules="$addon" \
        --stop-after-init --log-level=warn --http-port=0 --max-cron-threads=0 >/dev/null \
        || die "exporting the terms of $addon failed, see .local/i18n/export.log"
    [[ -s $tmp ]] || die "Odoo wrote no terms for $addon, see .local/i18n/export.log"
    mkdir -p "$(dirname "$dest")"
    if [[ -f $dest ]] && diff -q <(grep -v -e '^"POT-Creation-Date:' -e '^"PO-Revision-Date:' -e '^"Project-Id-Version:' "$tmp") \
                              <(grep -v -e '^"POT-Creation-Date:' -e '^"PO-Revision-Date:' -e '^"Project-Id-Version:' "$dest") >/dev/null; then
        log "$addon: $(count_msgids "$dest") terms, unchanged"
    else
        cp "$tmp" "$dest"
        log "$addon: $(count_msgids "$dest") terms written to $addon/i18n/$addon.pot"
    fi
}

count_msgids() { python3 -c 'import polib, sys; print(len(polib.pofile(sys.argv[1])))' "$1"; }

# ------------------------------------------------------------------ merge --
# Header of a new <lang>.po (only Russian has its plural formula here).
new_po() {   # new_po POT PO LANG
    python3 - "$@" <<'EOF'
import sys, datetime, polib
pot_path, po_path, lang = sys.argv[1:4]
plural = {
    'ru': 'nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);',
}.get(lang, 'nplurals=2; plural=(n != 1);')
pot = polib.pofile(pot_path, wrapwidth=78)
po = polib.POFile(wrapwidth=78)
addon = pot_path.rsplit('/', 1)[-1][:-len('.pot')]
po.header = (f'{ {"ru": "Russian"}.get(lang, lang)} translation of the Odoo 18.0 addon {addon}.\n'
             f'This file contains the translation of the following modules:\n\t* {addon}\n\n'
             'Refresh it with tools/i18n_export.sh, then fill the empty msgstr.\n')
po.metadata = dict(pot.metadata)
po.metadata.update({
    'PO-Revision-Date': datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%d %H:%M+0000'),
    'Language-Team': {'ru': 'Russian'}.get(lang, lang), 'Language': lang, 'Content-Transfer-Encoding': '8bit', 'Plural-Forms': plural,
})
po.save(po_path)
EOF
}

merge_po() {   # merge_po POT PO: bring PO in line with POT, keeping its translations
    local pot=$1 po=$2
    if [[ -n $HAVE_GETTEXT ]]; then
        # no fuzzy matching: Odoo would load fuzzy guesses as if they were translations
        msgmerge --quiet --no-fuzzy-matching --width=78 -o "$po.tmp" "$po" "$pot"
        if [[ -n ${KEEP_OBSOLETE:-} ]]; then mv "$po.tmp" "$po"
        else msgattrib --no-obsolete --width=78 -o "$po" "$po.tmp" && rm -f "$po.tmp"; fi
    else
        python3 - "$pot" "$po" <<'EOF'
import os, sys, polib
pot_path, po_path = sys.argv[1:3]
pot, old = polib.pofile(pot_path, wrapwidth=78), polib.pofile(po_path, wrapwidth=78)
done = {(e.msgctxt, e.msgid): e for e in old if not e.obsolete}
new = polib.POFile(wrapwidth=78)
new.header, new.metadata = old.header, dict(old.metadata)
new.metadata['POT-Creation-Date'] = pot.metadata.get('POT-Creation-Date', '')
for entry in pot:
    prev = done.pop((entry.msgctxt, entry.msgid), None)
    if prev is not None and 'fuzzy' not in prev.flags:
        entry.msgstr, entry.msgstr_plural = prev.msgstr, prev.msgstr_plural
        entry.tcomment = prev.tcomment
    new.append(entry)
if os.environ.get('KEEP_OBSOLETE'):
    for entry in done.values():
        entry.obsolete = True
        new.append(entry)
new.save(po_path)
EOF
    fi
}

# Prints "<translated> <untranslated> <fuzzy> <placeholder problems>" for a .po
po_stats() {
    python3 - "$1" <<'EOF'
import re, sys, polib
po = polib.pofile(sys.argv[1])
entries = [e for e in po if not e.obsolete]
bad = 0
placeholder = re.compile(r'%\([a-zA-Z0-9_]+\)[sdfr]|%[sdfr%]')
for e in entries:
    if e.msgstr and sorted(placeholder.findall(e.msgid)) != sorted(placeholder.findall(e.msgstr)):
        print(f'  placeholders differ: {e.msgid!r}', file=sys.stderr)
        bad += 1
fuzzy = [e for e in entries if 'fuzzy' in e.flags]
untranslated = [e for e in entries if not e.msgstr and 'fuzzy' not in e.flags]
for e in untranslated[:20]:
    print(f'  untranslated: {e.msgid!r}', file=sys.stderr)
if len(untranslated) > 20:
    print(f'  ... and {len(untranslated) - 20} more', file=sys.stderr)
print(len(entries) - len(untranslated) - len(fuzzy), len(untranslated), len(fuzzy), bad)
EOF
}

# ------------------------------------------------------------------- main --
mkdir -p "$LOCAL_DIR/i18n"
if [[ -n $EXPORT ]]; then
    odoo_find
    pg_ensure
    DB="${I18N_DB:-mentorship_i18n_$$}"
    [[ -n ${KEEP_DB:-} ]] || at_exit db_drop "$DB"
    db_drop "$DB"
    log "installing $MODULES into the throwaway database $DB (no demo data; a minute or two)"
    : >"$LOCAL_DIR/i18n/install.log"
    odoo_exec --log "$LOCAL_DIR/i18n/install.log" -d "$DB" -i "$MODULES" --without-demo=all \
        --stop-after-init --log-level=warn --http-port=0 --max-cron-threads=0 >/dev/null \
        || die "installing $MODULES failed, see .local/i18n/install.log"
    : >"$LOCAL_DIR/i18n/export.log"
    for addon in "${ADDONS[@]}"; do export_pot "$addon"; done
fi

[[ -n $HAVE_GETTEXT ]] || log "merging with python polib (gettext, apt-get install gettext, not found or I18N_USE_POLIB set)"
problems=0
for addon in "${ADDONS[@]}"; do
    pot="$REPO_ROOT/$addon/i18n/$addon.pot"
    [[ -f $pot ]] || die "$addon/i18n/$addon.pot is missing: run without --no-export"
    for lang in $LANGS; do
        po="$REPO_ROOT/$addon/i18n/$lang.po"
        [[ -f $po ]] || { log "$addon: creating $lang.po"; new_po "$pot" "$po" "$lang"; }
        merge_po "$pot" "$po"
        if [[ -n $HAVE_GETTEXT ]]; then
            msgfmt --check --check-format -o /dev/null "$po" || { log "$addon/i18n/$lang.po: msgfmt --check failed"; problems=1; }
        fi
        read -r ok missing fuzzy bad < <(po_stats "$po")
        printf '  %-45s %4d translated, %d untranslated, %d fuzzy, %d placeholder problems\n' \
            "$addon/i18n/$lang.po" "$ok" "$missing" "$fuzzy" "$bad"
        (( missing + fuzzy + bad == 0 )) || problems=1
    done
done
if [[ -n $CHECK && $problems != 0 ]]; then
    die "some terms need translating (empty msgstr \"\" or fuzzy entries in the files above)"
fi
