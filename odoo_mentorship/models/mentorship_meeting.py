from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .mentorship_roles import check_history_unlink, has_role

MEETING_TYPES = [
    ("intro", "Introduction"),
    ("trial", "Trial"),
    ("planning", "Planning"),
    ("work", "Working"),
    ("final", "Final"),
]

# what only a curator changes once the mentor has confirmed the meeting
CONFIRMED_FIELDS = {"meeting_type", "date_start", "pair_id"}
# what a mentee writes: their own attendance, and their feedback (which guards itself)
MENTEE_FIELDS = {"attendee_ids", "feedback_ids"}


class MentorshipMeeting(models.Model):
    """A meeting of a pair, with the mentor's confirmation and the mentees' feedback
    (the "confirmation form and review" the seeds make compulsory).

    Who can do what (the back end and the portal alike, see _check_participant_*):
    a curator logs and changes any meeting; the mentor logs and changes the meetings
    of the pair while it is open, but once confirmed, its type, date and pair and the
    confirmation itself are the curator's; a mentee confirms their own attendance
    while the pair is open, nothing else.
    """

    _name = "mentorship.meeting"
    _description = "Mentorship Meeting"
    _inherit = [
        "mentorship.thread",
        "mentorship.pair.record.mixin",
        "mentorship.notification.mixin",
    ]
    _order = "date_start desc, id desc"
    _check_company_auto = True

    pair_id = fields.Many2one(
        "mentorship.pair",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    company_id = fields.Many2one(
        related="pair_id.company_id", store=True, index=True, precompute=True
    )
    programme_id = fields.Many2one(
        related="pair_id.programme_id", store=True, index=True, precompute=True
    )
    mentor_id = fields.Many2one(
        related="pair_id.mentor_id", store=True, precompute=True
    )
    meeting_type = fields.Selection(
        MEETING_TYPES, string="Type", required=True, default="work", tracking=True
    )
    date_start = fields.Datetime(
        string="Date",
        required=True,
        default=fields.Datetime.now,
        tracking=True,
        index=True,
    )
    duration = fields.Float(default=1.0, help="Duration in hours.")
    meeting_format = fields.Selection(
        [("in_person", "In Person"), ("online", "Online"), ("group", "Group Event")],
        string="Format",
        default="in_person",
        required=True,
    )
    agenda = fields.Text()
    outcome = fields.Text()
    attendee_ids = fields.Many2many(
        "mentorship.mentee",
        string="Attended",
        domain="[('id', 'in', pair_mentee_ids)]",
    )
    pair_mentee_ids = fields.Many2many(
        related="pair_id.mentee_ids", string="Pair Mentees"
    )
    mentor_confirmed = fields.Boolean(string="Confirmed by Mentor", tracking=True)
    feedback_ids = fields.One2many(
        "mentorship.meeting.feedback",
        "meeting_id",
        string="Feedback",
        groups="odoo_mentorship.group_mentorship_participant",
    )
    # meetings are history: a wrong one is archived, not deleted
    active = fields.Boolean(default=True, tracking=True)
    average_rating = fields.Float(
        compute="_compute_average_rating", store=True, aggregator="avg", digits=(3, 2)
    )
    feedback_missing = fields.Boolean(compute="_compute_average_rating", store=True)
    can_give_feedback = fields.Boolean(
        compute="_compute_can_give_feedback",
        help=(
            "The current user is a mentee of the pair: feedback is given by the "
            "mentees only."
        ),
    )

    @api.depends("pair_id.mentee_ids.partner_id")
    @api.depends_context("uid")
    def _compute_can_give_feedback(self):
        for meeting in self:
            meeting.can_give_feedback = (
                meeting.pair_id._participant_role(self.env.user) == "mentee"
            )

    @api.depends("pair_id.name", "meeting_type")
    def _compute_display_name(self):
        types = dict(self._fields["meeting_type"]._description_selection(self.env))
        for meeting in self:
            meeting.display_name = (
                f"{types.get(meeting.meeting_type, '')} · {meeting.pair_id.name or ''}"
            )

    @api.depends("feedback_ids.rating", "attendee_ids")
    def _compute_average_rating(self):
        for meeting in self:
            ratings = [int(r) for r in meeting.feedback_ids.mapped("rating") if r]
            meeting.average_rating = sum(ratings) / len(ratings) if ratings else 0.0
            meeting.feedback_missing = bool(
                meeting.attendee_ids - meeting.feedback_ids.mentee_id
            )

    # ------------------------------------------------------------
    # CONSTRAINTS
    # ------------------------------------------------------------

    @api.constrains("date_start", "pair_id")
    def _check_inside_pair_period(self):
        for meeting in self:
            pair = meeting.pair_id
            day = fields.Datetime.context_timestamp(meeting, meeting.date_start).date()
            if (pair.date_start and day < pair.date_start) or (
                pair.date_end and day > pair.date_end
            ):
                raise ValidationError(
                    self.env._(
                        "The meeting of %(date)s is outside the period of the pair "
                        "«%(pair)s».",
                        date=day,
                        pair=pair.name,
                    )
                )

    @api.constrains("attendee_ids", "pair_id")
    def _check_attendees(self):
        for meeting in self:
            strangers = meeting.attendee_ids - meeting.pair_id.mentee_ids
            if strangers:
                raise ValidationError(
                    self.env._(
                        "%(name)s is not a mentee of this pair.",
                        name=strangers[0].partner_id.name,
                    )
                )

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model
    def default_get(self, fields_list):
        defaults = super().default_get(fields_list)
        # a new meeting of a pair (from its meetings, its
        # calendar) is the one it holds next
        if (
            "meeting_type" in fields_list
            and defaults.get("pair_id")
            and "default_meeting_type" not in self.env.context
        ):
            defaults["meeting_type"] = (
                self.env["mentorship.pair"]
                .browse(defaults["pair_id"])
                ._next_meeting_type()
            )
        return defaults

    @api.model_create_multi
    def create(self, vals_list):
        pairs = self.env["mentorship.pair"].browse(
            {vals["pair_id"] for vals in vals_list if vals.get("pair_id")}
        )
        for pair in pairs:
            problem = pair._get_order_problem()
            if problem:
                raise UserError(problem)
        meetings = super().create(vals_list)
        meetings._advance_pairs()
        meetings.filtered(
            lambda m: m.meeting_type == "final"
        )._request_exit_diagnostics()
        meetings._notify_feedback_awaited()
        return meetings

    def write(self, vals):
        result = super().write(vals)
        if "meeting_type" in vals or "pair_id" in vals:
            self._advance_pairs()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_history(self):
        check_history_unlink(
            self,
            self.env._(
                "Meetings are the history of the pair and cannot be deleted: correct "
                "the meeting, or archive it."
            ),
        )

    # ------------------------------------------------------------
    # ACCESS
    # ------------------------------------------------------------

    def _check_participant_changes(self, vals, user):
        """Refuse the changes `user` may not make to these meetings. Shared by write()
        and the portal."""
        if has_role(self.with_user(user).env, "curator"):
            return
        for meeting in self.sudo():
            pair = meeting.pair_id
            role = pair._participant_role(user)
            if role == "mentor":
                pair._check_still_open()
                if "pair_id" in vals:
                    self._check_mentor_of(pair.browse(vals["pair_id"]), user)
                unconfirmed = (
                    "mentor_confirmed" in vals and not vals["mentor_confirmed"]
                )
                if meeting.mentor_confirmed and (
                    CONFIRMED_FIELDS & vals.keys() or unconfirmed
                ):
                    raise UserError(
                        self.env._(
                            "The meeting «%(meeting)s» is confirmed: only a curator "
                            "changes its type, date or pair, or withdraws the "
                            "confirmation.",
                            meeting=meeting.display_name,
                        )
                    )
            elif role == "mentee":
                pair._check_still_open()
                own = pair.mentee_ids.filtered(
                    lambda mentee: mentee.partner_id == user.partner_id
                )
                commands = vals.get("attendee_ids", [])
                adds_self = isinstance(commands, list | tuple) and all(
                    isinstance(command, list | tuple)
                    and command[0] == Command.LINK
                    and command[1] in own.ids
                    for command in commands
                )
                if vals.keys() - MENTEE_FIELDS or not adds_self:
                    raise UserError(
                        self.env._(
                            "A mentee confirms their own attendance only: the mentor "
                            "or a curator changes the rest of the meeting."
                        )
                    )
            else:
                self._check_mentor_of(pair, user)  # refuses: neither mentor nor mentee

    @api.model
    def _check_mentor_of(self, pair, user):
        pair._check_mentor(
            user,
            self.env._(
                "Only the mentor of the pair or a curator logs and changes its "
                "meetings."
            ),
        )

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    def _advance_pairs(self):
        # Participants log meetings without the right to move pairs themselves: the move
        # follows from the meeting they are allowed to write, so it runs as superuser.
        for meeting in self:
            meeting.pair_id.sudo()._advance_to_meeting_stage(meeting.meeting_type)

    def _request_exit_diagnostics(self):
        self.pair_id._request_exit_diagnostics()

    def _notify_feedback_awaited(self, mentees=None, reminder=False):
        """The mentees who attended (or `mentees`) and have not given their feedback
        are asked for it, or reminded of it: those who can give it, with an account,
        while the pair is open."""
        for meeting in self.sudo():
            if not meeting.pair_id._filtered_open():
                continue
            for mentee in (
                mentees or meeting.attendee_ids
            ) - meeting.feedback_ids.mentee_id:
                url = meeting._mentorship_url(
                    mentee.partner_id, f"/my/mentorship/meetings/{meeting.id}"
                )
                if url and mentee._mentorship_may_notify():
                    meeting._mentorship_notify(
                        "odoo_mentorship.mail_template_meeting_feedback",
                        "mentorship_notify_meeting_feedback",
                        mentee.partner_id,
                        mentorship_url=url,
                        mentorship_reminder=reminder,
                    )
