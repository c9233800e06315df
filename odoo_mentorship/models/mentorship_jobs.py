"""The scheduled jobs of the addons go through each record on its own: one record
that fails (bad data, a lock held by a user's transaction) is rolled back and logged
with its id, and the job goes on with the others; the next run tries it again."""

import logging

from psycopg2 import errors

_logger = logging.getLogger(__name__)

# a user's transaction changed or holds the record while the job ran: nothing is
# wrong with it, the next run does it
BUSY = (errors.SerializationFailure, errors.LockNotAvailable, errors.DeadlockDetected)


def run_each(batches, job, func):
    """Call func(batch) for each batch (a record, or the records handled together)
    in a savepoint of its own. Return the batches that failed."""
    failed = []
    for batch in batches:
        try:
            with batch.env.cr.savepoint():
                func(batch)
        except BUSY as error:
            _logger.warning(
                "%s: %s %s was being changed by someone else (%s); it is left for "
                "the next run, the job goes on with the others",
                job,
                batch._name,
                batch.ids,
                type(error).__name__,
            )
            failed.append(batch)
        except Exception:
            _logger.exception(
                "%s: %s %s failed and was rolled back; the job goes on with the others",
                job,
                batch._name,
                batch.ids,
            )
            failed.append(batch)
    return failed
