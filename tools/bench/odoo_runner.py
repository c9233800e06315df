"""Run a function inside Odoo on a database, for the bench scripts.

    python3 tools/bench/<script>.py [script options] -d DB
        --db_host=... --addons-path=...

The script's own options are parsed first; everything else goes to Odoo's
configuration, as for `python3 -m odoo shell`.
"""

import argparse
import threading


def run(description, add_arguments, main):
    parser = argparse.ArgumentParser(description=description)
    add_arguments(parser)
    args, odoo_args = parser.parse_known_args()

    import odoo
    from odoo.modules.registry import Registry
    from odoo.tools import config

    config.parse_config(odoo_args, setup_logging=True)
    dbname = config["db_name"]
    if not dbname or "," in dbname:
        parser.error("give one database with -d")
    threading.current_thread().dbname = dbname
    registry = Registry(dbname)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        env = env(context=env["res.users"].context_get())
        main(env, args)
        cr.commit()
