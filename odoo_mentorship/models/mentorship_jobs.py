"""The scheduled jobs of the addons go through each record on its own: one record
that fails (bad data, a lock held by a user's transaction) is rolled back and logged
with its id, and the job goes on with the others; the next run tries it again."""

import logging

_logger = logging.getLogger(__name__)


def run_each(batches, job, func):
    """Call func(batch) for each batch (a record, or the records handled together)
    in a savepoint of its own. Return the batches that failed."""
    failed = []
    for batch in batches:
        try:
            with batch.env.cr.savepoint():
                func(batch)
        except Exception:
            _logger.exception(
                "%s: %s %s failed and was rolled back; the job goes on with the others",
                job,
                batch._name,
                batch.ids,
            )
            failed.append(batch)
    return failed
