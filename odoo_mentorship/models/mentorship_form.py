from odoo import fields, models


class MentorshipForm(models.Model):
    """A form of mentorship of the target model (Р-145), e.g. «учитель – учитель»."""

    _name = "mentorship.form"
    _description = "Mentorship Form"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    goal = fields.Text(translate=True)
    tasks = fields.Text(translate=True)
    expected_results = fields.Text(translate=True)
    mentor_kind_ids = fields.Many2many(
        "mentorship.participant.kind",
        "mentorship_form_mentor_kind_rel",
        "form_id",
        "kind_id",
        string="Mentor Kinds",
        help="Kinds of participants who may be the mentor in this form.",
    )
    mentee_kind_ids = fields.Many2many(
        "mentorship.participant.kind",
        "mentorship_form_mentee_kind_rel",
        "form_id",
        "kind_id",
        string="Mentee Kinds",
        help="Kinds of participants who may be mentees in this form.",
    )
    check_teaching_experience = fields.Boolean(
        help=(
            "The mentor should have more teaching experience than the mentees and at "
            "least the company's minimum; otherwise the curator must approve the "
            "mentor explicitly."
        ),
    )
    variant_ids = fields.One2many(
        "mentorship.form.variant", "form_id", string="Variants"
    )
    color = fields.Integer()
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_uniq", "unique(code)", "The code of a mentorship form must be unique."),
    ]
