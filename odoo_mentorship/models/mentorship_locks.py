"""Row locks for the rules that count rows (a mentor's capacity, one pair under way
per mentee, a to-do given once), so that they hold when two transactions race.

Odoo runs each transaction in REPEATABLE READ: it reads the snapshot taken by its
first query. A plain row lock (``SELECT … FOR NO KEY UPDATE``) makes the second of two
transactions wait for the first, but once the first has committed, the second goes on
reading its old snapshot: it does not see the pair the first one added, and the rule
passes twice. So the lock also *updates* the rows it locks (with their own values):
PostgreSQL then refuses a transaction that locks a row updated by another one committed
after its snapshot ("could not serialize access due to concurrent update"), whether it
had to wait for it or not. Odoo retries a call that fails so
(``odoo.service.model.retrying``, for every RPC and HTTP request) in a new transaction,
which sees the committed rows and refuses with the rule's own message.

``FOR NO KEY UPDATE`` (the lock of an update that keeps the key): it does not conflict
with the key-share locks that the foreign keys of the rows inserted meanwhile take.
The rows are locked in the order of their ids: two transactions never wait for each
other in opposite orders.
"""

from odoo.tools import SQL


def lock_rows(records):
    """Lock the rows of `records` (stored records only) until the end of the
    transaction, and make any concurrent transaction that locks them after us fail
    to serialize and be retried. To call before the rule reads what it counts."""
    ids = sorted({id_ for id_ in records._ids if isinstance(id_, int)})
    if not ids:
        return
    cr = records.env.cr
    table = SQL.identifier(records._table)
    cr.execute(
        SQL(
            "SELECT id FROM %s WHERE id IN %s ORDER BY id FOR NO KEY UPDATE",
            table,
            tuple(ids),
        )
    )
    cr.execute(
        SQL("UPDATE %s SET write_date = write_date WHERE id IN %s", table, tuple(ids))
    )
