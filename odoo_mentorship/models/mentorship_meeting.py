from odoo import api, fields, models
from odoo.exceptions import ValidationError

MEETING_TYPES = [
    ("intro", "Introduction"),
    ("trial", "Trial"),
    ("planning", "Planning"),
    ("work", "Working"),
    ("final", "Final"),
]


class MentorshipMeeting(models.Model):
    """A meeting of a pair, with the mentor's confirmation and the mentees' feedback
    (the "confirmation form and review" the seeds make compulsory)."""

    _name = "mentorship.meeting"
    _description = "Mentorship Meeting"
    _inherit = ["mail.thread"]
    _order = "date_start desc, id desc"
    _check_company_auto = True

    pair_id = fields.Many2one(
        "mentorship.pair", required=True, index=True, ondelete="cascade", check_company=True
    )
    company_id = fields.Many2one(related="pair_id.company_id", store=True, index=True, precompute=True)
    programme_id = fields.Many2one(related="pair_id.programme_id", store=True, index=True, precompute=True)
    mentor_id = fields.Many2one(related="pair_id.mentor_id", store=True, precompute=True)
    meeting_type = fields.Selection(MEETING_TYPES, string="Type", required=True, default="work", tracking=True)
    date_start = fields.Datetime(
        string="Date", required=True, default=fields.Datetime.now, tracking=True, index=True
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
    pair_mentee_ids = fields.Many2many(related="pair_id.mentee_ids", string="Pair Mentees")
    mentor_confirmed = fields.Boolean(string="Confirmed by Mentor", tracking=True)
    feedback_ids = fields.One2many("mentorship.meeting.feedback", "meeting_id", string="Feedback")
    average_rating = fields.Float(
        compute="_compute_average_rating", store=True, aggregator="avg", digits=(3, 2)
    )
    feedback_missing = fields.Boolean(compute="_compute_average_rating", store=True)

    @api.depends("pair_id.name", "meeting_type")
    def _compute_display_name(self):
        types = dict(self._fields["meeting_type"]._description_selection(self.env))
        for meeting in self:
            meeting.display_name = f"{types.get(meeting.meeting_type, '')} · {meeting.pair_id.name or ''}"

    @api.depends("feedback_ids.rating", "attendee_ids")
    def _compute_average_rating(self):
        for meeting in self:
            ratings = [int(r) for r in meeting.feedback_ids.mapped("rating") if r]
            meeting.average_rating = sum(ratings) / len(ratings) if ratings else 0.0
            meeting.feedback_missing = bool(meeting.attendee_ids - meeting.feedback_ids.mentee_id)

    # ------------------------------------------------------------
    # CONSTRAINTS
    # ------------------------------------------------------------

    @api.constrains("date_start", "pair_id")
    def _check_inside_pair_period(self):
        for meeting in self:
            pair = meeting.pair_id
            day = fields.Datetime.context_timestamp(meeting, meeting.date_start).date()
            if (pair.date_start and day < pair.date_start) or (pair.date_end and day > pair.date_end):
                raise ValidationError(
                    self.env._(
                        "The meeting of %(date)s is outside the period of the pair «%(pair)s».",
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
                        "%(name)s is not a mentee of this pair.", name=strangers[0].partner_id.name
                    )
                )

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        meetings = super().create(vals_list)
        meetings._advance_pairs()
        meetings.filtered(lambda m: m.meeting_type == "final")._request_exit_diagnostics()
        return meetings

    def write(self, vals):
        result = super().write(vals)
        if "meeting_type" in vals or "pair_id" in vals:
            self._advance_pairs()
        return result

    def _advance_pairs(self):
        # Participants log meetings without the right to move pairs themselves: the move
        # follows from the meeting they are allowed to write, so it runs as superuser.
        for meeting in self:
            meeting.pair_id.sudo()._advance_to_meeting_stage(meeting.meeting_type)

    def _request_exit_diagnostics(self):
        self.pair_id._request_exit_diagnostics()
