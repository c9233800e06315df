from odoo import fields, models

CRITERIA = [
    ("topics", "Requests and Competencies"),
    ("department", "Same Department"),
    ("form", "Form of the Kinds"),
    ("experience", "Teaching Experience Gap"),
    ("age", "Age Gap"),
    ("preference", "Mentee's Preference"),
]


class MentorshipMatchingCriterion(models.Model):
    """A weighted criterion of the mentor suggestions, configured by the manager.

    Every criterion scores a mentor for a mentee between 0 and 1; the score of the
    pair is the weighted average over the criteria that apply to it, out of 100.
    """

    _name = "mentorship.matching.criterion"
    _description = "Matching Criterion"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Selection(CRITERIA, required=True, readonly=True)
    sequence = fields.Integer(default=10)
    weight = fields.Float(
        default=1.0,
        help="How much the criterion counts against the others; 0 ignores it.",
    )
    target = fields.Float(
        string="Target (Years)",
        help=(
            "Teaching experience gap: the gap that earns the full points. Age gap: the "
            "ideal gap, the points fall to nothing at no gap or twice this gap."
        ),
    )
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_uniq", "unique(code)", "There is one criterion of each kind."),
        (
            "weight_positive",
            "check(weight >= 0)",
            "The weight of a criterion cannot be negative.",
        ),
    ]
