"""The scheduled jobs of the addons go through each record on its own: one record
that fails (bad data, a lock held by a user's transaction) is rolled back and logged
with its id, and the job goes on with the others; the next run tries it again.

Run by the cron worker, a job commits every COMMIT_EVERY records: the rows it locked
(a pair it nudges once) are released as it goes, so that a curator who moves that
pair waits for a few records, not for the whole school's job."""

import logging

from psycopg2 import errors

_logger = logging.getLogger(__name__)

# a user's transaction changed or holds the record while the job ran: nothing is
# wrong with it, the next run does it
BUSY = (errors.SerializationFailure, errors.LockNotAvailable, errors.DeadlockDetected)
COMMIT_EVERY = 20


def run_each(batches, job, func):
    """Call func(batch) for each batch (a record, or the records handled together)
    in a savepoint of its own. Return the batches that failed."""
    failed = []
    for done, batch in enumerate(batches, start=1):
        # in the cron worker (not when a job is called from code or a test)
        if done % COMMIT_EVERY == 0 and batch.env.context.get("cron_id"):
            batch.env.cr.commit()  # pylint: disable=invalid-commit
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
