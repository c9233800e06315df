#!/usr/bin/env bash
# make run: serve the two addons with demo data, in Russian, at http://127.0.0.1:8069
#   DB=name         database to use (default mentorship_demo)
#   HTTP_PORT=8070  another port
#   RESET=1         drop the database and create it again
#   UPDATE=1        upgrade the two addons (-u) before serving, after editing their code
# shellcheck source=tools/odoo_env.sh
source "$(dirname "${BASH_SOURCE[0]}")/odoo_env.sh"

DB="${DB:-mentorship_demo}"
HTTP_PORT="${HTTP_PORT:-8069}"

port_is_free "$HTTP_PORT" || die "port $HTTP_PORT is in use (another Odoo?); try: make run HTTP_PORT=8070"
odoo_find
pg_ensure

[[ -z ${RESET:-} ]] || db_drop "$DB"
if ! modules_installed "$DB"; then
    db_drop "$DB"
    log "creating database $DB: $MODULES with demo data and Russian (a few minutes)"
    odoo_exec -d "$DB" -i "$MODULES" --load-language=ru_RU --stop-after-init \
        || die "installing $MODULES into $DB failed (see the log above)"
    modules_installed "$DB" || die "installing $MODULES into $DB failed (see the log above)"
    # the admin's interface in Russian (res.users lang/tz are stored on its partner)
    sql "$DB" "UPDATE res_partner SET lang = 'ru_RU', tz = 'Europe/Moscow'
               WHERE id IN (SELECT partner_id FROM res_users WHERE login = 'admin')" >/dev/null
elif [[ -n ${UPDATE:-} ]]; then
    odoo_exec -d "$DB" -u "$MODULES" --stop-after-init || die "updating $MODULES in $DB failed"
fi

cat >&2 <<MSG

  Odoo is starting at  http://127.0.0.1:$HTTP_PORT  (database $DB)
  Log in with          admin / admin
  Stop with            Ctrl-C

MSG
odoo_exec -d "$DB" --db-filter="^$DB\$" --http-interface=127.0.0.1 --http-port="$HTTP_PORT"
