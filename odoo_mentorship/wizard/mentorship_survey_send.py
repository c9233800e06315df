from odoo import api, fields, models
from odoo.exceptions import UserError

from ..models.survey_survey import SURVEY_ROLES


class MentorshipSurveySend(models.TransientModel):
    """Invite participants of a programme to one of its questionnaires."""

    _name = "mentorship.survey.send"
    _description = "Send a Mentorship Questionnaire"

    programme_id = fields.Many2one("mentorship.programme", required=True)
    role = fields.Selection(SURVEY_ROLES, required=True, default="entry")
    survey_id = fields.Many2one(
        "survey.survey",
        compute="_compute_survey_id",
        store=True,
        readonly=False,
        required=True,
        domain="[('survey_type', '=', 'mentorship')]",
    )
    mentee_ids = fields.Many2many(
        "mentorship.mentee",
        string="Mentees",
        domain="[('programme_id', '=', programme_id)]",
    )
    mentor_ids = fields.Many2many(
        "mentorship.mentor",
        string="Mentors",
        domain="[('programme_id', '=', programme_id)]",
    )
    pair_id = fields.Many2one(
        "mentorship.pair", domain="[('programme_id', '=', programme_id)]"
    )
    deadline = fields.Datetime(string="Answer Deadline")

    @api.depends("programme_id", "role")
    def _compute_survey_id(self):
        for wizard in self:
            wizard.survey_id = (
                wizard.programme_id._get_survey(wizard.role) if wizard.role else False
            )

    def action_send(self):
        self.ensure_one()
        if not (self.mentee_ids or self.mentor_ids):
            raise UserError(self.env._("Choose the mentees or mentors to invite."))
        # no consent, no processing: people without a valid consent are not asked
        mentees = self.mentee_ids.filtered("has_valid_consent")
        mentors = self.mentor_ids.filtered("has_valid_consent")
        skipped = (self.mentee_ids - mentees).partner_id | (
            self.mentor_ids - mentors
        ).partner_id
        partners = mentees.partner_id | mentors.partner_id
        if not partners:
            raise UserError(
                self.env._(
                    "None of the people chosen has a valid consent: the questionnaire "
                    "is not sent."
                )
            )
        invite = (
            self.env["survey.invite"]
            .with_context(default_survey_id=self.survey_id.id)
            .create(
                {
                    "survey_id": self.survey_id.id,
                    "partner_ids": [(6, 0, partners.ids)],
                    "deadline": self.deadline,
                    "existing_mode": "resend",
                    "mentorship_mentee_ids": [(6, 0, mentees.ids)],
                    "mentorship_mentor_ids": [(6, 0, mentors.ids)],
                    "mentorship_pair_id": self.pair_id.id,
                }
            )
        )
        answers = invite._prepare_answers(partners, [])
        for answer in answers.filtered(lambda a: a.partner_id.email):
            invite._send_mail(answer)
        body = self.env._(
            "%(survey)s sent to %(count)s participant(s).",
            survey=self.survey_id.title,
            count=len(answers),
        )
        if skipped:
            body += " " + self.env._(
                "Not sent, without a valid consent: %(names)s.",
                names=", ".join(skipped.mapped("name")),
            )
        self.programme_id.message_post(body=body)
        return {"type": "ir.actions.act_window_close"}
