"""18.0.1.1.0: the schools that ran the addons before keep working as they did.

- «Pairs fixed by order» is on for a new school; a school upgrading keeps pairs that
  start with their first meeting until it turns the setting on.
"""


def migrate(cr, version):
    if not version:
        return
    cr.execute("UPDATE res_company SET mentorship_pairs_need_order = FALSE")
