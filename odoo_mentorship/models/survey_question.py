from odoo import fields, models


class SurveyQuestion(models.Model):
    _inherit = "survey.question"

    mentorship_dimension = fields.Selection(
        [
            ("engagement", "Engagement"),
            ("activity", "Activeness"),
            ("self_esteem", "Self-Esteem"),
            ("anxiety", "Anxiety"),
            ("results", "Results"),
        ],
        string="Growth Dimension",
        help=(
            "Scale questions of the entry and exit diagnostics measure a dimension "
            "twice."
        ),
    )
    mentorship_is_satisfaction = fields.Boolean(
        string="Satisfaction Rating",
        help="A rated question counted in the share of satisfied participants.",
    )
