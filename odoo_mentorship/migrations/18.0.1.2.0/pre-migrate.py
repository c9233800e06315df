"""18.0.1.2.0: the school of mentors trains the mentors.

«Training Completed» (training_done) is now computed from the sessions attended and the
certification passed, or the curator's credit (training_credited, new). The mentors a
school ticked by hand before are credited, so that no recomputation unticks them: the
column keeps its values (an existing column of a stored compute is not recomputed by the
update) and the compute gives the same result (credited or trained).
"""


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        "ALTER TABLE mentorship_mentor ADD COLUMN IF NOT EXISTS training_credited "
        "BOOLEAN"
    )
    cr.execute(
        "UPDATE mentorship_mentor SET training_credited = COALESCE(training_done, "
        "FALSE)"
    )
