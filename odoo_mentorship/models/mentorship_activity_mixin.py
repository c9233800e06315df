from odoo import models

from .mentorship_locks import lock_rows


class MentorshipActivityMixin(models.AbstractModel):
    """Activities that jobs and triggers schedule: the same
    to-do is never given twice."""

    _name = "mentorship.activity.mixin"
    _inherit = ["mail.activity.mixin"]
    _description = "Mentorship Reminders"

    def _in_lang_of(self, user):
        """These records in the language of `user`: a to-do is written in the language
        of whom it is for, whoever (or whichever job) schedules it."""
        return self.with_context(lang=user.lang or self.env.lang)

    def _schedule_todo_once(self, user, summary, note="", date_deadline=None):
        """Give `user` a to-do on this record unless an open one with
        this summary is already theirs, so that a job run twice, or a
        trigger fired again, adds nothing."""
        self.ensure_one()
        if not user:
            return self.env["mail.activity"]
        # a job and a user's action may give the same to-do at once: the record's row
        # is locked before its to-dos are read (see mentorship_locks)
        lock_rows(self)
        if self.activity_ids.filtered(
            lambda a: a.user_id == user and a.summary == summary
        ):
            return self.env["mail.activity"]
        return self.activity_schedule(
            "mail.mail_activity_data_todo",
            date_deadline=date_deadline,
            summary=summary,
            note=note,
            user_id=user.id,
        )
