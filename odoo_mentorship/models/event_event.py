from odoo import api, fields, models
from odoo.exceptions import ValidationError


class EventEvent(models.Model):
    """A session of the school of mentors (школа наставников) is an event whose template
    is marked «School of Mentors»: the mentors of the school register, the trainer marks
    who attended (Odoo's own registration states), and attendance trains the mentors."""

    _inherit = "event.event"

    mentorship_training = fields.Boolean(
        related="event_type_id.mentorship_training", string="School of Mentors"
    )
    mentorship_programme_id = fields.Many2one(
        "mentorship.programme",
        string="Mentorship Programme",
        index="btree_not_null",
        ondelete="set null",
        domain="[('company_id', '=', company_id)]",
        help=(
            "The programme whose mentors the session trains (optional: a session may "
            "train the mentors of every programme of the school)."
        ),
    )

    @api.constrains("mentorship_programme_id", "company_id")
    def _check_mentorship_programme_company(self):
        for event in self.sudo():
            programme = event.mentorship_programme_id
            if (
                programme
                and event.company_id
                and programme.company_id != event.company_id
            ):
                raise ValidationError(
                    self.env._(
                        "The session «%(event)s» belongs to another school than the "
                        "programme «%(programme)s».",
                        event=event.name,
                        programme=programme.name,
                    )
                )
