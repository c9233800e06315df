from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .mentorship_monitoring import satisfaction_counts

KPI_CODES = [
    ("children_mentees", "Children 10–19 who are mentees"),
    ("youth_mentors", "Youth 15–19 who are mentors"),
    ("young_teachers_mentees", "Young teachers (0–3 years) who are mentees"),
    ("mentee_satisfaction", "Mentee satisfaction"),
    ("mentor_satisfaction", "Mentor satisfaction"),
]


class MentorshipKpiIndicator(models.Model):
    """An indicator of the district (seed 002, appendix 2), with its formula and targets."""

    _name = "mentorship.kpi.indicator"
    _description = "Mentorship Indicator"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Selection(KPI_CODES, required=True)
    sequence = fields.Integer(default=10)
    numerator = fields.Text(translate=True, help="What is counted.")
    denominator = fields.Text(translate=True, help="Out of what.")
    target_ids = fields.One2many("mentorship.kpi.target", "indicator_id", string="Targets")
    active = fields.Boolean(default=True)

    _sql_constraints = [("code_uniq", "unique(code)", "There is already an indicator for this formula.")]

    def _get_target(self, company, year):
        """The company's own target for the year, or the shared one."""
        self.ensure_one()
        targets = self.target_ids.filtered(lambda t: t.year == year)
        own = targets.filtered(lambda t: t.company_id == company)
        return (own or targets.filtered(lambda t: not t.company_id))[:1].target


class MentorshipKpiTarget(models.Model):
    _name = "mentorship.kpi.target"
    _description = "Indicator Target"
    _order = "indicator_id, year, company_id"

    indicator_id = fields.Many2one("mentorship.kpi.indicator", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one("res.company", help="Empty: the target of every school.")
    year = fields.Integer(required=True)
    target = fields.Float(string="Target (%)", required=True)

    _sql_constraints = [
        ("indicator_year_company_uniq", "unique(indicator_id, year, company_id)", "This target is already set."),
    ]

    @api.constrains("target")
    def _check_target(self):
        for target in self:
            if not 0 <= target.target <= 100:
                raise ValidationError(self.env._("A target is a percentage between 0 and 100."))


class MentorshipKpiContingent(models.Model):
    """What the data cannot know: how many children and youth live in the area."""

    _name = "mentorship.kpi.contingent"
    _description = "Contingent Figures"
    _order = "year desc, company_id"

    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    year = fields.Integer(required=True, default=lambda self: fields.Date.context_today(self).year)
    children_10_19 = fields.Integer(string="Children Aged 10–19")
    youth_15_19 = fields.Integer(string="Youth Aged 15–19")
    young_teachers = fields.Integer(
        string="Young Teachers", help="Leave empty to count the young specialists among the employees."
    )

    _sql_constraints = [
        ("company_year_uniq", "unique(company_id, year)", "The figures of this school for this year are already entered."),
    ]

    @api.constrains("children_10_19", "youth_15_19", "young_teachers")
    def _check_positive(self):
        for contingent in self:
            if min(contingent.children_10_19, contingent.youth_15_19, contingent.young_teachers) < 0:
                raise ValidationError(self.env._("Contingent figures cannot be negative."))


class MentorshipKpiValue(models.Model):
    """The actual value of an indicator for a school and a year, or for the district."""

    _name = "mentorship.kpi.value"
    _description = "Indicator Value"
    _order = "year desc, is_district desc, company_id, indicator_sequence"

    indicator_id = fields.Many2one("mentorship.kpi.indicator", required=True, ondelete="cascade", index=True)
    indicator_sequence = fields.Integer(related="indicator_id.sequence", store=True)
    company_id = fields.Many2one("res.company", required=True, index=True)
    is_district = fields.Boolean(string="District Total", help="Consolidated over the schools of the district.")
    year = fields.Integer(required=True, index=True)
    numerator = fields.Integer()
    denominator = fields.Integer()
    value = fields.Float(string="Actual (%)", aggregator="avg", digits=(5, 1))
    target = fields.Float(string="Target (%)", aggregator="avg", digits=(5, 1))
    status = fields.Selection(
        [("on_target", "On Target"), ("below", "Below Target"), ("no_data", "No Data")], required=True
    )
    computed_at = fields.Datetime(default=fields.Datetime.now)

    @api.model
    def _compute_values(self, companies, year):
        """(Re)compute the values of every indicator for the schools and the year."""
        indicators = self.env["mentorship.kpi.indicator"].search([])
        self.search([
            ("company_id", "in", companies.ids), ("year", "=", year), ("is_district", "=", False)
        ]).unlink()
        vals_list = []
        for company in companies:
            counts = self._count(company, year)
            for indicator in indicators:
                numerator, denominator = counts[indicator.code]
                vals_list.append(self._value_vals(indicator, company, year, numerator, denominator))
        return self.create(vals_list)

    @api.model
    def _consolidate(self, district, companies, year):
        """The district's values: the sums of the schools' numerators and denominators."""
        values = self._compute_values(companies, year)
        self.search([("company_id", "=", district.id), ("year", "=", year), ("is_district", "=", True)]).unlink()
        vals_list = []
        for indicator in values.indicator_id:
            rows = values.filtered(lambda v, i=indicator: v.indicator_id == i)
            vals = self._value_vals(
                indicator, district, year, sum(rows.mapped("numerator")), sum(rows.mapped("denominator"))
            )
            vals_list.append({**vals, "is_district": True})
        return values | self.create(vals_list)

    def _value_vals(self, indicator, company, year, numerator, denominator):
        target = indicator._get_target(company, year)
        value = 100.0 * numerator / denominator if denominator else 0.0
        status = "no_data" if not denominator else ("on_target" if value >= target else "below")
        return {
            "indicator_id": indicator.id,
            "company_id": company.id,
            "year": year,
            "numerator": numerator,
            "denominator": denominator,
            "value": value,
            "target": target,
            "status": status,
        }

    @api.model
    def _count(self, company, year):
        """Numerator and denominator of each indicator for a school and a year.

        People take part when they are in a pair at work or completed whose period
        meets the year; ages are taken at the end of the year."""
        start, end = date(year, 1, 1), date(year, 12, 31)
        pairs = self.env["mentorship.pair"].sudo().search([
            ("company_id", "=", company.id),
            ("state", "in", ("working", "done")),
            "|", ("date_start", "=", False), ("date_start", "<=", end),
            "|", ("date_end", "=", False), ("date_end", ">=", start),
        ])

        def age(record):
            return relativedelta(end, record.birth_date).years if record.birth_date else None

        def learners_aged(records, low, high):
            partners = records.filtered(
                lambda r: r.kind_id.is_learner and age(r) is not None and low <= age(r) <= high
            ).partner_id
            return len(partners)

        young_years = company.mentorship_young_specialist_years
        mentee_employees = pairs.mentee_ids.employee_id
        young_mentees = mentee_employees.filtered(lambda e: e._get_teaching_experience(end)[0] < young_years)
        contingent = self.env["mentorship.kpi.contingent"].sudo().search(
            [("company_id", "=", company.id), ("year", "=", year)], limit=1
        )
        if contingent.young_teachers:
            young_teachers = contingent.young_teachers
        else:
            employees = self.env["hr.employee"].sudo().search([("company_id", "=", company.id)])
            young_teachers = len(employees.filtered(
                lambda e: e.teaching_position and e._get_experience_periods(teaching_only=True)
                and e._get_teaching_experience(end)[0] < young_years
            ))

        answers = self.env["survey.user_input"].sudo().search([
            ("mentorship_programme_id.company_id", "=", company.id),
            ("state", "=", "done"),
            ("test_entry", "=", False),
            ("end_datetime", ">=", fields.Datetime.to_datetime(start)),
            ("end_datetime", "<", fields.Datetime.to_datetime(end + relativedelta(days=1))),
        ])
        threshold = company.mentorship_satisfaction_threshold
        return {
            "children_mentees": (learners_aged(pairs.mentee_ids, 10, 19), contingent.children_10_19),
            "youth_mentors": (learners_aged(pairs.mentor_id, 15, 19), contingent.youth_15_19),
            "young_teachers_mentees": (len(young_mentees), young_teachers),
            "mentee_satisfaction": satisfaction_counts(
                answers.filtered(lambda a: a.mentorship_role == "mentee_satisfaction"), threshold
            ),
            "mentor_satisfaction": satisfaction_counts(
                answers.filtered(lambda a: a.mentorship_role == "mentor_satisfaction"), threshold
            ),
        }


class MentorshipKpiCompute(models.TransientModel):
    _name = "mentorship.kpi.compute"
    _description = "Compute the Indicators"

    year = fields.Integer(required=True, default=lambda self: fields.Date.context_today(self).year)
    company_ids = fields.Many2many(
        "res.company", string="Schools", required=True, default=lambda self: self.env.companies
    )
    consolidate = fields.Boolean(
        string="District Total", help="Also sum the schools into a total for the current company (the district office)."
    )

    def action_compute(self):
        self.ensure_one()
        allowed = self.env.user.company_ids
        if self.company_ids - allowed:
            raise UserError(self.env._("You can only compute the indicators of your schools."))
        Value = self.env["mentorship.kpi.value"]
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
