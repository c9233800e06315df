from odoo import fields, models


class MentorshipCategory(models.Model):
    """Why a person is in a base: gifted, low results, young specialist, burnout..."""

    _name = "mentorship.category"
    _description = "Mentorship Base Category"
    _order = "base, sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char()
    base = fields.Selection(
        [("mentee", "Mentee Base"), ("mentor", "Mentor Base")],
        required=True,
        default="mentee",
    )
    kind_ids = fields.Many2many(
        "mentorship.participant.kind",
        string="Kinds",
        help="Kinds of participants this category is meant for (empty: any).",
    )
    is_accessibility = fields.Boolean(
        string="Accessibility Group",
        help=(
            "Pupils the programmes must be made accessible to (seed 002, 1.11: special "
            "health needs, outstanding abilities, a difficult life situation, "
            "low-income families, rural or remote areas, orphans): counted apart in "
            "the personalised accounting."
        ),
    )
    sequence = fields.Integer(default=10)
    color = fields.Integer()
    active = fields.Boolean(default=True)
