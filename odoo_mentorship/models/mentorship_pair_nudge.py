from datetime import timedelta

from odoo import api, fields, models

MEETING_NUDGE = "odoo_mentorship.mail_activity_type_meeting_nudge"
FEEDBACK_NUDGE = "odoo_mentorship.mail_activity_type_feedback_nudge"


class MentorshipPair(models.Model):
    """Nudges: meetings go unlogged unless someone is reminded.

    ============================  =========================================
    Situation (working pair)      Activity
    ============================  =========================================
    no meeting for N days         "Log a meeting" for the mentor (their user,
                                  or the curator when the mentor has none)
    no meeting for 2 × N days     the same for the curator
    a mentee's feedback missing   "Give feedback" for the mentee's user, or
    M days after the meeting      for the curator when the mentee has none
    ============================  =========================================

    N and M are set on the company (Settings → Mentorship). The job is idempotent:
    an open activity of the same type for the same user is never duplicated, and the
    nudges of a pair that has met again (or whose feedback came) are marked done.
    """

    _inherit = "mentorship.pair"

    # ------------------------------------------------------------
    # CRON
    # ------------------------------------------------------------

    @api.model
    def _cron_mentorship_nudges(self):
        pairs = self.sudo().search([("state", "=", "working")])
        pairs._mentorship_nudge_idle()
        pairs._mentorship_nudge_feedback()

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    def _mentorship_nudge_idle(self):
        today = fields.Date.context_today(self)
        for pair in self:
            days = max(pair.company_id.mentorship_nudge_days, 1)
            since = pair.last_meeting_date or pair.date_start or fields.Date.to_date(pair.create_date)
            idle = (today - since).days
            if idle < days:
                pair.activity_feedback([MEETING_NUDGE], feedback=self.env._("The pair has met again."))
                continue
            curator = pair._mentorship_curator()
            targets = [pair._mentorship_participant_user(pair.mentor_id) or curator]
            if idle >= 2 * days:
                targets.append(curator)
            for user in targets:
                _ = pair._in_lang_of(user).env._
                note = _(
                    "The pair «%(pair)s» has not met for %(days)s days (since %(date)s). "
                    "Agree on the next meeting and log it.",
                    pair=pair.name,
                    days=idle,
                    date=since,
                )
                pair._mentorship_schedule_nudge(MEETING_NUDGE, user, _("Log a meeting: no meeting for a while"), note)

    def _mentorship_nudge_feedback(self):
        now = fields.Datetime.now()
        for pair in self:
            limit = now - timedelta(days=max(pair.company_id.mentorship_feedback_nudge_days, 1))
            missing_by_user = {}
            for meeting in pair.meeting_ids.filtered(lambda m: m.feedback_missing and m.date_start <= limit):
                for mentee in meeting.attendee_ids - meeting.feedback_ids.mentee_id:
                    user = pair._mentorship_participant_user(mentee) or pair._mentorship_curator()
                    missing_by_user.setdefault(user, []).append((mentee, meeting))
            if not missing_by_user:
                pair.activity_feedback([FEEDBACK_NUDGE], feedback=self.env._("The feedback has come."))
                continue
            for user, missing in missing_by_user.items():
                _ = pair._in_lang_of(user).env._
                lines = [
                    _(
                        "%(mentee)s: the meeting of %(date)s",
                        mentee=mentee.partner_id.name,
                        date=fields.Datetime.context_timestamp(pair, meeting.date_start).date(),
                    )
                    for mentee, meeting in missing
                ]
                note = _("Feedback on these meetings is missing: %(lines)s", lines="; ".join(lines))
                pair._mentorship_schedule_nudge(FEEDBACK_NUDGE, user, _("Give feedback on the meeting"), note)

    # ------------------------------------------------------------
    # TOOLS
    # ------------------------------------------------------------

    def _mentorship_curator(self):
        self.ensure_one()
        return self.curator_id or self.programme_id.curator_ids[:1]

    def _mentorship_participant_user(self, participant):
        """The internal user of a mentor or mentee who can see the pair in the backend,
        or an empty recordset (portal users are reminded on the portal, not by to-dos)."""
        user = participant.user_id
        if user and not user.share and user.has_group("odoo_mentorship.group_mentorship_participant"):
            return user
        return self.env["res.users"]

    def _mentorship_schedule_nudge(self, act_type_xmlid, user, summary, note):
        """Schedule the nudge unless an open one of this type exists for this user."""
        self.ensure_one()
        if not user or self.activity_search([act_type_xmlid], user_id=user.id):
            return self.env["mail.activity"]
        return self.activity_schedule(act_type_xmlid, summary=summary, note=note, user_id=user.id)
