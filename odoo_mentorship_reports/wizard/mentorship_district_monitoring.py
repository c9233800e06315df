from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.odoo_mentorship.models.mentorship_roles import has_role


class MentorshipDistrictMonitoring(models.TransientModel):
    """The district's monitoring (seed 002 5.4, «до 10 декабря»; seed 001: monthly on
    the 25th): the schools' confirmed monitoring of a period side by side, and the
    schools that have not confirmed theirs yet."""

    _name = "mentorship.district.monitoring"
    _description = "District Monitoring"

    date_from = fields.Date(
        string="From", required=True, default=lambda self: self._default_date_from()
    )
    date_to = fields.Date(string="To", required=True, default=fields.Date.context_today)
    company_ids = fields.Many2many(
        "res.company",
        string="Schools",
        required=True,
        default=lambda self: self.env.companies,
        domain=lambda self: [("id", "in", self.env.user.company_ids.ids)],
    )

    @api.model
    def _default_date_from(self):
        """The school year in progress: from 1 September."""
        today = fields.Date.context_today(self)
        return today.replace(year=today.year - (today.month < 9), month=9, day=1)

    def _check_can_print(self):
        if not (has_role(self.env, "coordinator") or has_role(self.env, "curator")):
            raise AccessError(
                self.env._(
                    "The district's monitoring is printed by the coordinator, the "
                    "curators and the director."
                )
            )
        if self.date_to < self.date_from:
            raise UserError(self.env._("The period cannot end before it starts."))

    def _get_schools(self):
        """Per school of the wizard (and of the user): its latest
        monitoring confirmed for the period (one that overlaps it), or
        none; the rows are read as the user."""
        self.ensure_one()
        schools = self.company_ids & self.env.user.company_ids
        monitorings = self.env["mentorship.monitoring"].search(
            [
                ("company_id", "in", schools.ids),
                ("date_from", "<=", self.date_to),
                ("date_to", ">=", self.date_from),
            ],
            order="date_to desc, id desc",
        )
        rows = []
        for school in schools.sorted("name"):
            own = monitorings.filtered(lambda m, s=school: m.company_id == s)
            confirmed = own.filtered(lambda m: m.state == "confirmed")[:1]
            rows.append(
                {
                    "school": school,
                    "monitoring": confirmed,
                    "drafts": len(own) - len(own & confirmed),
                }
            )
        return rows

    def action_print(self):
        self.ensure_one()
        self._check_can_print()
        return self.env.ref(
            "odoo_mentorship_reports.action_report_district_monitoring"
        ).report_action(self)
