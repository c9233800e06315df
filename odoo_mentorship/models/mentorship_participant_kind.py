from odoo import fields, models


class MentorshipParticipantKind(models.Model):
    """Who a participant is: a pupil, a college student, a teacher, a parent..."""

    _name = "mentorship.participant.kind"
    _description = "Mentorship Participant Kind"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        required=True, help="Technical code used by integrations and reports."
    )
    sequence = fields.Integer(default=10)
    is_learner = fields.Boolean(
        string="Learner",
        help="Pupils and students: counted as children and youth in the indicators.",
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_uniq", "unique(code)", "The code of a participant kind must be unique."),
    ]
