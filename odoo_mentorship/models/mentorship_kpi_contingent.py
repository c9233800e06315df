from odoo import api, fields, models
from odoo.exceptions import ValidationError


class MentorshipKpiContingent(models.Model):
    """What the data cannot know: how many children and youth live in the area."""

    _name = "mentorship.kpi.contingent"
    _description = "Contingent Figures"
    _order = "year desc, company_id"

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    year = fields.Integer(
        required=True, default=lambda self: fields.Date.context_today(self).year
    )
    children_10_19 = fields.Integer(string="Children Aged 10–19")
    youth_15_19 = fields.Integer(string="Youth Aged 15–19")
    young_teachers = fields.Integer(
        help="Leave empty to count the young specialists among the employees."
    )

    _sql_constraints = [
        (
            "company_year_uniq",
            "unique(company_id, year)",
            "The figures of this school for this year are already entered.",
        ),
    ]

    @api.constrains("children_10_19", "youth_15_19", "young_teachers")
    def _check_positive(self):
        for contingent in self:
            if (
                min(
                    contingent.children_10_19,
                    contingent.youth_15_19,
                    contingent.young_teachers,
                )
                < 0
            ):
                raise ValidationError(
                    self.env._("Contingent figures cannot be negative.")
                )
