from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .mentorship_roles import check_history_unlink

RATINGS = [
    ("1", "1 — Very poor"),
    ("2", "2 — Poor"),
    ("3", "3 — Fair"),
    ("4", "4 — Good"),
    ("5", "5 — Excellent"),
]


class MentorshipMeetingFeedback(models.Model):
    """A mentee's feedback on a meeting: a rating from 1 to 5 and a comment.

    History that cannot be forged: only the mentee it belongs to gives and changes it,
    while the pair is open; it stays with its meeting and its mentee; curators and
    the mentor read it.
    """

    _name = "mentorship.meeting.feedback"
    _inherit = ["mentorship.pair.record.mixin"]
    _description = "Meeting Feedback"
    _order = "meeting_id, id"

    meeting_id = fields.Many2one(
        "mentorship.meeting", required=True, ondelete="cascade", index=True
    )
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
                        "%(name)s is not a mentee of this pair.",
                        name=feedback.mentee_id.partner_id.name,
                    )
                )
            if feedback.not_good_fit and feedback.meeting_id.meeting_type != "trial":
                raise ValidationError(
                    self.env._(
                        '"Not a good fit" is answered after the trial meeting only.'
                    )
                )
            if feedback.not_good_fit and not feedback.pair_id._filtered_open():
                # it sends the pair back to forming: not a completed or dissolved one
                raise ValidationError(
                    self.env._(
                        '"Not a good fit" is answered while the pair is open, and '
                        "«%(pair)s» is no longer open.",
                        pair=feedback.pair_id.name,
                    )
                )

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        feedbacks = super().create(vals_list)
        feedbacks.filtered("not_good_fit")._apply_not_good_fit()
        return feedbacks

    def write(self, vals):
        newly = (
            self.filtered(lambda f: not f.not_good_fit)
            if vals.get("not_good_fit")
            else self.browse()
        )
        result = super().write(vals)
        newly._apply_not_good_fit()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_history(self):
        check_history_unlink(
            self,
            self.env._(
                "Feedback is part of the history of the pair and cannot be deleted: "
                "its mentee changes it instead."
            ),
        )

    # ------------------------------------------------------------
    # ACCESS
    # ------------------------------------------------------------

    @api.model
    def _check_participant_create(self, vals_list, user):
        """Refuse the feedback `user` may not give. Shared by create() and the portal,
        which writes as superuser on behalf of its user."""
        defaults = self.default_get(["meeting_id", "mentee_id"])
        Mentee, Meeting = (
            self.env["mentorship.mentee"].sudo(),
            self.env["mentorship.meeting"].sudo(),
        )
        for vals in vals_list:
            vals = {**defaults, **vals}
            self._check_author(
                Mentee.browse(vals.get("mentee_id")),
                Meeting.browse(vals.get("meeting_id")),
                user,
            )

    def _check_participant_changes(self, vals, user):
        """Refuse the changes `user` may not make to this feedback. Shared by write()
        and the portal."""
        if {"mentee_id", "meeting_id"} & vals.keys():
            raise UserError(
                self.env._(
                    "A feedback stays with its meeting and its mentee: give a new one "
                    "instead."
                )
            )
        for feedback in self.sudo():
            self._check_author(feedback.mentee_id, feedback.meeting_id, user)

    @api.model
    def _check_author(self, mentee, meeting, user):
        if not mentee or mentee.partner_id != user.partner_id:
            raise AccessError(
                self.env._(
                    "Feedback is given by the mentee only: the mentor and the curators "
                    "read it."
                )
            )
        meeting.pair_id._check_still_open()

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    def _apply_not_good_fit(self):
        # The mentee may not move pairs; the consequence
        # of the answer runs as superuser.
        for feedback in self:
            feedback.meeting_id.pair_id.sudo()._send_back_to_forming(feedback.mentee_id)
