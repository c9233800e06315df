from odoo import fields, models


class MentorshipFormVariant(models.Model):
    """A variant of a form with its goal, e.g. «опытный
    педагог – молодой специалист»."""

    _name = "mentorship.form.variant"
    _description = "Mentorship Form Variant"
    _order = "form_id, sequence, id"

    name = fields.Char(required=True, translate=True)
    form_id = fields.Many2one(
        "mentorship.form", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    goal = fields.Text(translate=True)
    active = fields.Boolean(default=True)
