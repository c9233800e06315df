from odoo import fields, models


class SurveyInvite(models.TransientModel):
    """Invitations to a mentorship questionnaire create answers linked to the base
    records and the pair they concern."""

    _inherit = "survey.invite"

    mentorship_mentee_ids = fields.Many2many("mentorship.mentee", string="Mentees")
    mentorship_mentor_ids = fields.Many2many("mentorship.mentor", string="Mentors")
    mentorship_pair_id = fields.Many2one("mentorship.pair", string="Pair")

    def _get_answers_values(self):
        # the programme from the start: the curators' record rule on answers reads it
        values = super()._get_answers_values()
        programme = (
            self.mentorship_pair_id.programme_id
            or self.mentorship_mentee_ids.programme_id[:1]
            or self.mentorship_mentor_ids.programme_id[:1]
        )
        if programme:
            values["mentorship_programme_id"] = programme.id
        return values

    def _prepare_answers(self, partners, emails):
        answers = super()._prepare_answers(partners, emails)
        self._link_mentorship_answers(answers)
        return answers

    def _link_mentorship_answers(self, answers):
        mentee_by_partner = {m.partner_id: m for m in self.mentorship_mentee_ids}
        mentor_by_partner = {m.partner_id: m for m in self.mentorship_mentor_ids}
        for answer in answers:
            mentee = mentee_by_partner.get(answer.partner_id)
            mentor = mentor_by_partner.get(answer.partner_id)
            record = mentee or mentor
            if not record:
                continue
            answer.sudo().write(
                {
                    "mentorship_mentee_id": mentee.id if mentee else False,
                    "mentorship_mentor_id": mentor.id if mentor else False,
                    "mentorship_pair_id": self.mentorship_pair_id.id,
                    "mentorship_programme_id": record.programme_id.id,
                }
            )
