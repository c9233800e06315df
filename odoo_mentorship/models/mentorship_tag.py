from odoo import fields, models


class MentorshipTag(models.Model):
    """A topic shared by mentee requests and mentor
    competencies, so they can be matched."""

    _name = "mentorship.tag"
    _description = "Mentorship Topic"
    _order = "name"

    name = fields.Char(required=True, translate=True)
    color = fields.Integer()
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("name_uniq", "unique(name)", "A topic with this name already exists."),
    ]
