from odoo import api, fields, models
from odoo.exceptions import ValidationError

RATINGS = [
    ("1", "1 — Very poor"),
    ("2", "2 — Poor"),
    ("3", "3 — Fair"),
    ("4", "4 — Good"),
    ("5", "5 — Excellent"),
]


class MentorshipMeetingFeedback(models.Model):
    """A mentee's feedback on a meeting: a rating from 1 to 5 and a comment."""

    _name = "mentorship.meeting.feedback"
    _description = "Meeting Feedback"
    _order = "meeting_id, id"

    meeting_id = fields.Many2one("mentorship.meeting", required=True, ondelete="cascade", index=True)
    pair_id = fields.Many2one(related="meeting_id.pair_id", store=True, index=True)
    company_id = fields.Many2one(related="meeting_id.company_id", store=True)
    mentee_id = fields.Many2one("mentorship.mentee", required=True, ondelete="cascade")
    rating = fields.Selection(RATINGS, required=True)
    comment = fields.Text()
    not_good_fit = fields.Boolean(
        string="Not a Good Fit",
        help="After the trial meeting: the mentee would rather have another mentor. "
        "The pair goes back to forming and the curator is asked to re-form it.",
    )

    _sql_constraints = [
        (
            "meeting_mentee_uniq",
            "unique(meeting_id, mentee_id)",
            "A mentee gives one feedback per meeting.",
        ),
    ]

    @api.constrains("mentee_id", "meeting_id", "not_good_fit")
    def _check_mentee(self):
        for feedback in self:
            if feedback.mentee_id not in feedback.meeting_id.pair_id.mentee_ids:
                raise ValidationError(
                    self.env._(
                        "%(name)s is not a mentee of this pair.", name=feedback.mentee_id.partner_id.name
                    )
                )
            if feedback.not_good_fit and feedback.meeting_id.meeting_type != "trial":
                raise ValidationError(
                    self.env._('"Not a good fit" is answered after the trial meeting only.')
                )

    @api.model_create_multi
    def create(self, vals_list):
        feedbacks = super().create(vals_list)
        feedbacks.filtered("not_good_fit")._apply_not_good_fit()
        return feedbacks

    def write(self, vals):
        newly = self.filtered(lambda f: not f.not_good_fit) if vals.get("not_good_fit") else self.browse()
        result = super().write(vals)
        newly._apply_not_good_fit()
        return result

    def _apply_not_good_fit(self):
        # The mentee may not move pairs; the consequence of the answer runs as superuser.
        for feedback in self:
            feedback.meeting_id.pair_id.sudo()._send_back_to_forming(feedback.mentee_id)
