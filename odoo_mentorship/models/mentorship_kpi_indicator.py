from odoo import fields, models

KPI_CODES = [
    ("children_mentees", "Children 10–19 who are mentees"),
    ("youth_mentors", "Youth 15–19 who are mentors"),
    ("young_teachers_mentees", "Young teachers (0–3 years) who are mentees"),
    ("mentee_satisfaction", "Mentee satisfaction"),
    ("mentor_satisfaction", "Mentor satisfaction"),
]


class MentorshipKpiIndicator(models.Model):
    """An indicator of the district (seed 002, appendix 2),
    with its formula and targets."""

    _name = "mentorship.kpi.indicator"
    _description = "Mentorship Indicator"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Selection(KPI_CODES, required=True)
    sequence = fields.Integer(default=10)
    numerator = fields.Text(translate=True, help="What is counted.")
    denominator = fields.Text(translate=True, help="Out of what.")
    target_ids = fields.One2many(
        "mentorship.kpi.target", "indicator_id", string="Targets"
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_uniq", "unique(code)", "There is already an indicator for this formula.")
    ]

    def _get_targets(self, year):
        """{(indicator, company id or False): target} for the year: a school's own
        target, or (under False) the one shared by every school."""
        targets = {}
        for target in self.target_ids:
            if target.year == year:
                targets.setdefault(
                    (target.indicator_id, target.company_id.id), target.target
                )
        return targets
