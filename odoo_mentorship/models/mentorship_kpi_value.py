from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools import SQL

from .mentorship_participant_mixin import sql_age_at_year_end
from .mentorship_roles import check_history_unlink


class MentorshipKpiValue(models.Model):
    """The actual value of an indicator for a school and a year, or for the district."""

    _name = "mentorship.kpi.value"
    _description = "Indicator Value"
    _order = "year desc, is_district desc, company_id, indicator_sequence"

    indicator_id = fields.Many2one(
        "mentorship.kpi.indicator", required=True, ondelete="cascade", index=True
    )
    indicator_sequence = fields.Integer(
        related="indicator_id.sequence", store=True, precompute=True
    )
    company_id = fields.Many2one("res.company", required=True, index=True)
    is_district = fields.Boolean(
        string="District Total", help="Consolidated over the schools of the district."
    )
    year = fields.Integer(required=True, index=True)
    numerator = fields.Integer()
    denominator = fields.Integer()
    value = fields.Float(string="Actual (%)", aggregator="avg", digits=(5, 1))
    target = fields.Float(string="Target (%)", aggregator="avg", digits=(5, 1))
    status = fields.Selection(
        [("on_target", "On Target"), ("below", "Below Target"), ("no_data", "No Data")],
        required=True,
    )
    computed_at = fields.Datetime(default=fields.Datetime.now)

    @api.model
    def _compute_values(self, companies, year):
        """(Re)compute the values of every indicator for the schools and the year."""
        indicators = self.env["mentorship.kpi.indicator"].search([])
        self.search(
            [
                ("company_id", "in", companies.ids),
                ("year", "=", year),
                ("is_district", "=", False),
            ]
        ).unlink()
        counts = self._count(companies, year)
        targets = indicators._get_targets(year)
        return self.create(
            [
                self._value_vals(
                    indicator,
                    company,
                    year,
                    *counts[company.id][indicator.code],
                    targets=targets,
                )
                for company in companies
                for indicator in indicators
            ]
        )

    @api.model
    def _consolidate(self, district, companies, year):
        """The district's values: the sums of the schools'
        numerators and denominators."""
        values = self._compute_values(companies, year)
        self.search(
            [
                ("company_id", "=", district.id),
                ("year", "=", year),
                ("is_district", "=", True),
            ]
        ).unlink()
        targets = values.indicator_id._get_targets(year)
        vals_list = []
        for indicator in values.indicator_id:
            rows = values.filtered(lambda v, i=indicator: v.indicator_id == i)
            vals = self._value_vals(
                indicator,
                district,
                year,
                sum(rows.mapped("numerator")),
                sum(rows.mapped("denominator")),
                targets=targets,
            )
            vals_list.append({**vals, "is_district": True})
        return values | self.create(vals_list)

    # ------------------------------------------------------------
    # ANALYSIS
    # ------------------------------------------------------------

    # read in a pivot or a graph, a group of values gets the figures of one indicator
    # in one year, or none: shares of different indicators
    # are neither added nor averaged
    _RATIO_FIELDS = ("value", "target", "numerator", "denominator")

    @api.model
    @api.readonly
    def read_group(
        self, domain, fields, groupby, offset=0, limit=None, orderby=False, lazy=True
    ):
        groups = super().read_group(
            domain,
            fields,
            groupby,
            offset=offset,
            limit=limit,
            orderby=orderby,
            lazy=lazy,
        )
        asked = {spec.split(":")[0] for spec in fields} & set(self._RATIO_FIELDS)
        if asked:
            for group in groups:
                group.update(self._group_ratio(group["__domain"], asked))
        return groups

    @api.model
    def _group_ratio(self, domain, names):
        """The figures of the values of ``domain`` when they are those of one indicator
        in one year: sums of numerators and denominators, the share they give, the
        target; the schools' values rather than the district's (which add them up).
        Otherwise (several indicators or years) nothing: empty cells."""
        rows = self._read_group(
            domain,
            ["indicator_id", "year", "is_district"],
            ["numerator:sum", "denominator:sum", "target:array_agg"],
        )
        if len({(indicator, year) for indicator, year, *_rest in rows}) != 1:
            return dict.fromkeys(names, False)
        schools = [row for row in rows if not row[2]] or rows
        indicator, year, _is_district, numerator, denominator, targets = schools[0]
        targets = set(targets)
        if len(targets) > 1:
            # schools with targets of their own: the one shared by every school
            targets = {indicator._get_targets(year).get((indicator, False), False)}
        figures = {
            "numerator": numerator,
            "denominator": denominator,
            "value": 100.0 * numerator / denominator if denominator else 0.0,
            "target": targets.pop(),
        }
        return {name: figures[name] for name in names}

    @api.ondelete(at_uninstall=False)
    def _unlink_except_history(self):
        check_history_unlink(
            self,
            self.env._(
                "Indicator values cannot be deleted: compute the indicators of the "
                "year again to replace them."
            ),
        )

    def _value_vals(self, indicator, company, year, numerator, denominator, targets):
        target = targets.get(
            (indicator, company.id), targets.get((indicator, False), 0.0)
        )
        value = 100.0 * numerator / denominator if denominator else 0.0
        status = (
            "no_data"
            if not denominator
            else ("on_target" if value >= target else "below")
        )
        return {
            "indicator_id": indicator.id,
            "company_id": company.id,
            "is_district": False,
            "year": year,
            "numerator": numerator,
            "denominator": denominator,
            "value": value,
            "target": target,
            "status": status,
            "computed_at": fields.Datetime.now(),
        }

    @api.model
    def _count(self, companies, year):
        """Numerator and denominator of each indicator, for each of the schools and the
        year: {company_id: {code: (numerator, denominator)}}.

        People take part when they are in a pair at work or completed whose period
        meets the year; ages and experience are taken at the end of the year. The
        contingent gives the denominators the data cannot know; without a figure for
        young teachers, the school's teachers with little experience are counted."""
        start, end = date(year, 1, 1), date(year, 12, 31)
        contingents = {
            contingent.company_id.id: contingent
            for contingent in self.env["mentorship.kpi.contingent"]
            .sudo()
            .search([("company_id", "in", companies.ids), ("year", "=", year)])
        }
        counts = {}
        for row in self._count_rows(companies, start, end):
            contingent = contingents.get(
                row["company_id"], self.env["mentorship.kpi.contingent"]
            )
            counts[row["company_id"]] = {
                "children_mentees": (row["children"], contingent.children_10_19),
                "youth_mentors": (row["youth"], contingent.youth_15_19),
                "young_teachers_mentees": (
                    row["young_mentees"],
                    contingent.young_teachers or row["young_teachers"],
                ),
                "mentee_satisfaction": (row["mentees_satisfied"], row["mentees_rated"]),
                "mentor_satisfaction": (row["mentors_satisfied"], row["mentors_rated"]),
            }
        return counts

    def _count_rows(self, companies, start, end):
        """The figures the data can count, for all the schools in one query, one row
        (a dict) per school."""
        self.env.flush_all()
        experience = self.env["hr.employee"]._get_teaching_months_query(
            SQL("SELECT id FROM mentee_employees UNION ALL SELECT id FROM teachers"),
            end,
        )
        self.env.cr.execute(
            SQL(
                """
            WITH pairs AS (
                SELECT pair.id, pair.company_id, pair.mentor_id
                  FROM mentorship_pair pair
                 WHERE pair.company_id = ANY(%(companies)s)
                   AND pair.state IN ('working', 'done')
                   AND (pair.date_start IS NULL OR pair.date_start <= %(end)s)
                   AND (pair.date_end IS NULL OR pair.date_end >= %(start)s)
            ),
            mentees AS (
                -- an anonymised person keeps the teaching months of each year
                SELECT pairs.company_id, mentee.partner_id, mentee.employee_id,
                       mentee.anonymised_teaching_months ->> %(year_key)s AS
                           anonymised_months,
                       kind.is_learner AND %(mentee_age)s BETWEEN 10 AND 19 AS child
                  FROM pairs
                  JOIN mentorship_pair_mentee_rel rel ON rel.pair_id = pairs.id
                  JOIN mentorship_mentee mentee ON mentee.id = rel.mentee_id
                  JOIN mentorship_participant_kind kind ON kind.id = mentee.kind_id
            ),
            -- learners by age at the end of the year: mentees 10–19, mentors 15–19
            children AS (
                SELECT company_id, COUNT(DISTINCT partner_id) AS count
                  FROM mentees WHERE child GROUP BY company_id
            ),
            youth AS (
                SELECT pairs.company_id, COUNT(DISTINCT mentor.partner_id) AS count
                  FROM pairs
                  JOIN mentorship_mentor mentor ON mentor.id = pairs.mentor_id
                  JOIN mentorship_participant_kind kind ON kind.id = mentor.kind_id
                 WHERE kind.is_learner
                   AND %(mentor_age)s BETWEEN 15 AND 19
                 GROUP BY pairs.company_id
            ),
            -- young teachers: the mentees of the pairs, and the school's teachers, with
            -- less teaching experience than the
                -- school's threshold for young specialists
            mentee_employees AS (
                SELECT DISTINCT company_id, employee_id AS id FROM mentees WHERE
                    employee_id IS NOT NULL
            ),
            teachers AS (
                SELECT employee.company_id, employee.id
                  FROM hr_employee employee
                 WHERE employee.company_id = ANY(%(companies)s) AND employee.active AND
                     employee.teaching_position
            ),
            experience AS (%(experience)s),
            -- two separate reads of experience, on purpose: PostgreSQL then computes it
            -- once (merged into one read, the CTE is inlined and the count was 3×
                -- slower)
            young_mentees AS (
                SELECT school.id AS company_id, COUNT(*) AS count
                  FROM mentee_employees
                  JOIN res_company school ON school.id = mentee_employees.company_id
                  JOIN experience ON experience.employee_id = mentee_employees.id
                 WHERE experience.months < 12 * school.mentorship_young_specialist_years
                 GROUP BY school.id
            ),
            anonymised_young_mentees AS (
                SELECT school.id AS company_id, COUNT(DISTINCT mentees.partner_id) AS
                    count
                  FROM mentees
                  JOIN res_company school ON school.id = mentees.company_id
                 WHERE mentees.employee_id IS NULL
                   AND mentees.anonymised_months::int < 12 *
                       school.mentorship_young_specialist_years
                 GROUP BY school.id
            ),
            young_teachers AS (
                SELECT school.id AS company_id, COUNT(*) AS count
                  FROM teachers
                  JOIN res_company school ON school.id = teachers.company_id
                  JOIN experience ON experience.employee_id = teachers.id
                 WHERE experience.months < 12 * school.mentorship_young_specialist_years
                 GROUP BY school.id
            ),
            -- satisfaction: the finished questionnaires of the year, satisfied when the
            -- average of the satisfaction ratings reaches the school's threshold
            ratings AS (
                SELECT programme.company_id, answer.mentorship_role AS role,
                    AVG(line.value_scale) AS rating
                  FROM survey_user_input answer
                  JOIN mentorship_programme programme ON programme.id =
                      answer.mentorship_programme_id
                  JOIN survey_user_input_line line ON line.user_input_id = answer.id
                      AND line.skipped IS NOT TRUE
                  JOIN survey_question question ON question.id = line.question_id
                 WHERE programme.company_id = ANY(%(companies)s)
                   AND answer.mentorship_role IN ('mentee_satisfaction',
                       'mentor_satisfaction')
                   AND answer.state = 'done' AND answer.test_entry IS NOT TRUE
                   -- the date an answer counts on: when it was finished
                       -- (survey.user_input's
                   -- _mentorship_period_domain, the monitoring's rule)
                   -- (written as an OR, not a COALESCE, that the planner can
                   -- estimate from the columns' statistics)
                   AND (answer.end_datetime >= %(start)s AND answer.end_datetime <
                        %(after)s
                        OR answer.end_datetime IS NULL AND answer.create_date >=
                           %(start)s AND answer.create_date < %(after)s)
                   AND question.question_type = 'scale' AND
                       question.mentorship_is_satisfaction
                   AND line.value_scale IS NOT NULL
                 GROUP BY answer.id, programme.company_id
            ),
            satisfaction AS (
                SELECT school.id AS company_id,
                       COUNT(*) FILTER (WHERE ratings.role = 'mentee_satisfaction'
                                          AND ratings.rating >=
                                              school.mentorship_satisfaction_threshold)
                           AS mentees_satisfied,
                       COUNT(*) FILTER (WHERE ratings.role = 'mentee_satisfaction') AS
                           mentees_rated,
                       COUNT(*) FILTER (WHERE ratings.role = 'mentor_satisfaction'
                                          AND ratings.rating >=
                                              school.mentorship_satisfaction_threshold)
                           AS mentors_satisfied,
                       COUNT(*) FILTER (WHERE ratings.role = 'mentor_satisfaction') AS
                           mentors_rated
                  FROM ratings
                  JOIN res_company school ON school.id = ratings.company_id
                 GROUP BY school.id
            )
            SELECT school.id AS company_id,
                   COALESCE(children.count, 0) AS children,
                   COALESCE(youth.count, 0) AS youth,
                   COALESCE(young_mentees.count, 0) +
                       COALESCE(anonymised_young_mentees.count, 0) AS young_mentees,
                   COALESCE(young_teachers.count, 0) AS young_teachers,
                   COALESCE(satisfaction.mentees_satisfied, 0) AS mentees_satisfied,
                   COALESCE(satisfaction.mentees_rated, 0) AS mentees_rated,
                   COALESCE(satisfaction.mentors_satisfied, 0) AS mentors_satisfied,
                   COALESCE(satisfaction.mentors_rated, 0) AS mentors_rated
              FROM res_company school
              LEFT JOIN children ON children.company_id = school.id
              LEFT JOIN youth ON youth.company_id = school.id
              LEFT JOIN young_mentees ON young_mentees.company_id = school.id
              LEFT JOIN anonymised_young_mentees ON anonymised_young_mentees.company_id
                  = school.id
              LEFT JOIN young_teachers ON young_teachers.company_id = school.id
              LEFT JOIN satisfaction ON satisfaction.company_id = school.id
             WHERE school.id = ANY(%(companies)s)
            """,
                companies=companies.ids,
                start=start,
                end=end,
                year=end.year,
                year_key=str(end.year),
                after=end + relativedelta(days=1),
                experience=experience,
                mentee_age=sql_age_at_year_end("mentee", end.year),
                mentor_age=sql_age_at_year_end("mentor", end.year),
            )
        )
        return self.env.cr.dictfetchall()
