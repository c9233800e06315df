from odoo import api, fields, models
from odoo.exceptions import ValidationError


class MentorshipKpiTarget(models.Model):
    _name = "mentorship.kpi.target"
    _description = "Indicator Target"
    _order = "indicator_id, year, company_id"

    indicator_id = fields.Many2one(
        "mentorship.kpi.indicator", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(
        "res.company", help="Empty: the target of every school."
    )
    year = fields.Integer(required=True)
    target = fields.Float(string="Target (%)", required=True)

    _sql_constraints = [
        (
            "indicator_year_company_uniq",
            "unique(indicator_id, year, company_id)",
            "This target is already set.",
        ),
    ]

    @api.constrains("target")
    def _check_target(self):
        for target in self:
            if not 0 <= target.target <= 100:
                raise ValidationError(
                    self.env._("A target is a percentage between 0 and 100.")
                )
