from odoo import fields, models
from odoo.exceptions import UserError


class MentorshipKpiCompute(models.TransientModel):
    _name = "mentorship.kpi.compute"
    _description = "Compute the Indicators"

    year = fields.Integer(
        required=True, default=lambda self: fields.Date.context_today(self).year
    )
    company_ids = fields.Many2many(
        "res.company",
        string="Schools",
        required=True,
        default=lambda self: self.env.companies,
    )
    consolidate = fields.Boolean(
        string="District Total",
        help=(
            "Also sum the schools into a total for the current company (the district "
            "office)."
        ),
    )

    def action_compute(self):
        self.ensure_one()
        allowed = self.env.user.company_ids
        if self.company_ids - allowed:
            raise UserError(
                self.env._("You can only compute the indicators of your schools.")
            )
        # values are computed, never typed in: once the schools are the user's own,
        # they are replaced as superuser (users only read them)
        Value = self.env["mentorship.kpi.value"].sudo()
        if self.consolidate:
            values = Value._consolidate(self.env.company, self.company_ids, self.year)
        else:
            values = Value._compute_values(self.company_ids, self.year)
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Indicators %(year)s", year=self.year),
            "res_model": "mentorship.kpi.value",
            "view_mode": "list,pivot,graph",
            "domain": [("id", "in", values.ids)],
        }
