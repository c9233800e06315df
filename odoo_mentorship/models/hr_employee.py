from collections import Counter

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools import SQL

from .hr_employee_experience import DAYS_PER_MONTH, count_experience
from .mentorship_jobs import run_each
from .mentorship_pair import OPEN_STATES

# the HR to-do of the adaptation period, done when a mentor is proposed
FIND_MENTOR_ACTIVITY = "odoo_mentorship.mail_activity_type_find_mentor"


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    experience_ids = fields.One2many(
        "hr.employee.experience",
        "employee_id",
        string="Work Record",
        groups="hr.group_hr_user",
    )
    teaching_position = fields.Boolean(
        default=True,
        groups="hr.group_hr_user",
        help=(
            "The current job at this school is a teaching position: its contracts "
            "count as teaching experience."
        ),
    )
    # Experience grows every day without any write. These fields are therefore not
    # stored: they are computed from the work record and the contracts here each time
    # they are read, and searched in SQL (see _search_is_young_specialist). A
    # stored value would be wrong the day after it was written unless a
    # nightly job rewrote every employee.
    school_start_date = fields.Date(
        compute="_compute_experience",
        groups="hr.group_hr_user",
        help=(
            "When the employee started at this school: the first contract, as Odoo's "
            "HR keeps it."
        ),
    )
    teaching_experience_months = fields.Integer(
        compute="_compute_experience",
        groups="hr.group_hr_user",
        help="Teaching experience in full months.",
    )
    teaching_experience_display = fields.Char(
        string="Teaching Experience",
        compute="_compute_experience",
        groups="hr.group_hr_user",
    )
    total_experience_display = fields.Char(
        string="Total Experience",
        compute="_compute_experience",
        groups="hr.group_hr_user",
    )
    school_experience_display = fields.Char(
        string="At This School",
        compute="_compute_experience",
        groups="hr.group_hr_user",
    )
    is_young_specialist = fields.Boolean(
        string="Young Specialist",
        compute="_compute_experience",
        search="_search_is_young_specialist",
        groups="hr.group_hr_user",
    )
    is_new_at_school = fields.Boolean(
        string="New at School",
        compute="_compute_experience",
        search="_search_is_new_at_school",
        groups="hr.group_hr_user",
    )
    # the employee's records in the mentorship bases: what lets a curator read the
    # work records of a participant, and no other employee's (record rule)
    mentorship_mentee_ids = fields.One2many(
        "mentorship.mentee",
        "employee_id",
        groups="odoo_mentorship.group_mentorship_curator",
    )
    mentorship_mentor_ids = fields.One2many(
        "mentorship.mentor",
        "employee_id",
        groups="odoo_mentorship.group_mentorship_curator",
    )
    # on the employee form of HR officers and curators; other employees read the
    # directory's records (hr.employee.public) without them
    mentorship_mentor_count = fields.Integer(
        compute="_compute_mentorship_pair_counts",
        groups="hr.group_hr_user,odoo_mentorship.group_mentorship_curator",
    )
    mentorship_mentee_count = fields.Integer(
        compute="_compute_mentorship_pair_counts",
        groups="hr.group_hr_user,odoo_mentorship.group_mentorship_curator",
    )
    # the mentoring of the employee as HR follows it (Employees app): computed as
    # superuser from the pairs, as HR officers read only the teacher–teacher ones
    mentorship_has_mentor = fields.Boolean(
        string="Has a Mentor",
        compute="_compute_mentorship_status",
        search="_search_mentorship_has_mentor",
        groups="hr.group_hr_user",
        help="A mentee in a pair being formed or under way.",
    )
    mentorship_needs_mentor = fields.Boolean(
        string="Without a Mentor",
        compute="_compute_mentorship_status",
        search="_search_mentorship_needs_mentor",
        groups="hr.group_hr_user",
        help="A young specialist, or a teacher new at the school, without a mentor.",
    )
    mentorship_status = fields.Char(
        string="Mentoring",
        compute="_compute_mentorship_status",
        groups="hr.group_hr_user",
        help="The employee's mentor and the stage of the pair.",
    )
    mentorship_mentor_load = fields.Char(
        string="As a Mentor",
        compute="_compute_mentorship_status",
        groups="hr.group_hr_user",
        help=(
            "Mentees in pairs under way, against the capacity, in the running "
            "programmes."
        ),
    )
    mentorship_reminder_date = fields.Date(
        string="Reminded Without a Mentor",
        copy=False,
        readonly=True,
        groups="hr.group_hr_user",
        help="When HR got the to-do to find this employee a mentor (once per person).",
    )

    # ------------------------------------------------------------
    # EXPERIENCE
    # ------------------------------------------------------------

    @api.model
    @api.model
    def get_views(self, views, options=None):
        """A user without HR rights is shown the public employee views (Odoo's own
        rule), but Odoo's Employees action names its private search and kanban views
        by id: their HR-only fields are unknown to the public model and the page
        crashes ("Unknown field private_car_plate"). Such a user gets the public
        model's default views instead."""
        if not self.browse().has_access("read"):
            given = (
                self.env["ir.ui.view"]
                .sudo()
                .browse(view_id for view_id, _type in views if view_id)
            )
            private_views = set(
                given.filtered(lambda view: view.model == self._name).ids
            )
            views = [
                (False if view_id in private_views else view_id, view_type)
                for view_id, view_type in views
            ]
        return super().get_views(views, options)

    def _format_experience(self, experience):
        years, months, _days = experience
        return self.env._("%(years)s y. %(months)s mo.", years=years, months=months)

    def _get_school_start_date(self):
        """The start date here, where Odoo's HR keeps it: the first contract with
        hr_contract, the creation of the employee without it (hr.employee.base)."""
        self.ensure_one()
        value = self.sudo()[self._get_new_hire_field()]
        return fields.Date.to_date(value) if value else False

    def _get_school_periods(self):
        """The periods of work here: the employee's contracts (not cancelled), so that
        a contract that ended stops counting and an earlier stay here still counts."""
        self.ensure_one()
        contracts = self.sudo().contract_ids.filtered(
            lambda contract: contract.state != "cancel"
        )
        return [(contract.date_start, contract.date_end) for contract in contracts]

    def _get_experience_periods(self, teaching_only):
        self.ensure_one()
        lines = self.sudo().experience_ids
        if teaching_only:
            lines = lines.filtered("is_teaching")
        periods = [(line.date_start, line.date_end) for line in lines]
        if self.sudo().teaching_position or not teaching_only:
            periods += self._get_school_periods()
        return periods

    def _get_teaching_experience(self, today=None):
        today = today or fields.Date.context_today(self)
        return count_experience(self._get_experience_periods(teaching_only=True), today)

    @api.depends(
        "experience_ids.date_start",
        "experience_ids.date_end",
        "experience_ids.is_teaching",
        "teaching_position",
        "first_contract_date",
        "contract_ids.state",
        "contract_ids.date_start",
        "contract_ids.date_end",
    )
    def _compute_experience(self):
        for employee, figures in self._get_experience_figures().items():
            employee.update(figures)

    def _get_experience_figures(self):
        """The experience figures of each employee as of today, computed afresh."""
        today = fields.Date.context_today(self)
        thresholds = {}
        result = {}
        for employee in self:
            company = employee.company_id or self.env.company
            if company not in thresholds:
                thresholds[company] = company._get_mentorship_thresholds()
            young_years, adaptation_months = thresholds[company]
            teaching_periods = employee._get_experience_periods(teaching_only=True)
            teaching = count_experience(teaching_periods, today)
            total = count_experience(
                employee._get_experience_periods(teaching_only=False), today
            )
            start_here = employee._get_school_start_date()
            here = count_experience(employee._get_school_periods(), today)
            result[employee] = {
                "school_start_date": start_here,
                "teaching_experience_months": teaching[0] * 12 + teaching[1],
                "teaching_experience_display": self._format_experience(teaching),
                "total_experience_display": self._format_experience(total),
                "school_experience_display": self._format_experience(here),
                "is_young_specialist": bool(teaching_periods)
                and teaching[0] < young_years,
                "is_new_at_school": bool(
                    start_here
                    and start_here > today - relativedelta(months=adaptation_months)
                ),
            }
        return result

    @api.model
    def _get_teaching_months_query(self, employee_ids_query, on_date):
        """SQL giving (employee_id, months) for the employees that have teaching periods
        (teaching lines of the work record, and their contracts here when they hold a
        teaching position): the full months of teaching experience on the date, as
        count_experience counts them, over a whole school or district in one query.

        The periods are merged (`range_agg` over inclusive date ranges merges
        overlapping and adjacent ones). For each merged period, the months and remaining
        days are those of relativedelta(end + 1 day, start): the calendar months between
        the two, less one when adding them to the start (clipped to the month's end, as
        relativedelta and PostgreSQL both do) passes the end. Days then carry into
        months by 30. Employees whose teaching periods have not started get 0 months.
        """
        return SQL(
            """
            WITH people AS (%(ids)s),
            periods AS (
                SELECT line.employee_id, line.date_start, LEAST(COALESCE(line.date_end,
                    %(day)s), %(day)s) AS date_end
                  FROM hr_employee_experience line
                 WHERE line.is_teaching AND line.employee_id IN (SELECT id FROM people)
                UNION ALL
                SELECT contract.employee_id, contract.date_start,
                       LEAST(COALESCE(contract.date_end, %(day)s), %(day)s)
                  FROM hr_contract contract
                  JOIN hr_employee employee ON employee.id = contract.employee_id
                 WHERE employee.teaching_position AND contract.active AND
                     contract.state != 'cancel'
                   AND contract.employee_id IN (SELECT id FROM people)
            ),
            merged AS (
                SELECT employee_id, range_agg(daterange(date_start, date_end, '[]'))
                           FILTER (WHERE date_start <= %(day)s AND date_start <=
                               date_end) AS spans
                  FROM periods
                 GROUP BY employee_id
            ),
            spans AS (
                SELECT merged.employee_id, lower(span) AS day_from, upper(span) AS
                    day_after,
                       -- date_part (a float), not EXTRACT (a numeric): 2× faster
                       ((date_part('year', upper(span)) - date_part('year',
                           lower(span))) * 12
                        + date_part('month', upper(span)) - date_part('month',
                            lower(span)))::int AS calendar_months
                  FROM merged
                  LEFT JOIN LATERAL unnest(merged.spans) AS span ON TRUE
            ),
            counted AS (
                SELECT employee_id, day_from, day_after,
                       calendar_months - CASE
                           WHEN (day_from + calendar_months * INTERVAL '1 month')::date
                               > day_after THEN 1
                           ELSE 0 END AS months
                  FROM spans
            )
            SELECT employee_id,
                   COALESCE(SUM(months) + SUM(day_after - (day_from +
                       months * INTERVAL '1 month')::date)
                            / %(per_month)s, 0)::int AS months
              FROM counted
             GROUP BY employee_id
            """,
            ids=employee_ids_query,
            day=on_date,
            per_month=DAYS_PER_MONTH,
        )

    def _search_by_computed_flag(self, query, operator, value):
        """A domain on the ids that `query` (SQL over every employee) selects, computed
        afresh as of today in the database, whatever the number of employees."""
        if operator not in ("=", "!="):
            return NotImplemented
        self.env["hr.employee"].flush_model()
        self.env["hr.employee.experience"].flush_model()
        self.env["hr.contract"].flush_model()
        self.env["res.company"].flush_model()
        positive = (operator == "=") == bool(value)
        return [("id", "in" if positive else "not in", SQL("(%s)", query))]

    def _visible_companies_sql(self, alias):
        """`alias`.company_id among the companies the user has selected (or none):
        the only employees a user's search can return (the multi-company rule), so
        that a filter costs one school's employees, not the district's. A search as
        superuser outside a user's request (a cron) sees every company."""
        if self.env.su and not self.env.context.get("allowed_company_ids"):
            return SQL("TRUE")
        return SQL(
            "(%(company)s IS NULL OR %(company)s = ANY(%(ids)s))",
            company=SQL.identifier(alias, "company_id"),
            ids=self.env.companies.ids,
        )

    def _search_is_young_specialist(self, operator, value):
        today = fields.Date.context_today(self)
        experience = self._get_teaching_months_query(
            SQL(
                "SELECT id FROM hr_employee WHERE %s",
                self._visible_companies_sql("hr_employee"),
            ),
            today,
        )
        return self._search_by_computed_flag(
            SQL(
                """
            WITH experience AS (%(experience)s)
            SELECT experience.employee_id
              FROM experience
              JOIN hr_employee employee ON employee.id = experience.employee_id
              JOIN res_company company ON company.id = COALESCE(employee.company_id,
                  %(company)s)
             WHERE experience.months / 12 < company.mentorship_young_specialist_years
            """,
                experience=experience,
                company=self.env.company.id,
            ),
            operator,
            value,
        )

    def _search_is_new_at_school(self, operator, value):
        today = fields.Date.context_today(self)
        return self._search_by_computed_flag(
            SQL(
                """
            SELECT employee.id
              FROM hr_employee employee
              JOIN res_company company ON company.id = COALESCE(employee.company_id,
                  %(company)s)
             WHERE employee.%(start)s::date > %(today)s::date - make_interval(months =>
                 company.mentorship_adaptation_months) AND %(visible)s
            """,
                visible=self._visible_companies_sql("employee"),
                start=SQL.identifier(self._get_new_hire_field()),
                today=today,
                company=self.env.company.id,
            ),
            operator,
            value,
        )

    # ------------------------------------------------------------
    # MENTORSHIP
    # ------------------------------------------------------------

    def _compute_mentorship_pair_counts(self):
        Pair = self.env["mentorship.pair"].sudo()
        ids = self._origin.ids
        as_mentor = Counter(
            pair.mentor_id.employee_id.id
            for pair in Pair.search([("mentor_id.employee_id", "in", ids)])
        )
        as_mentee = Counter(
            employee_id
            for pair in Pair.search([("mentee_ids.employee_id", "in", ids)])
            for employee_id in pair.mentee_ids.employee_id.ids
        )
        for employee in self:
            employee.mentorship_mentor_count = as_mentor[employee._origin.id]
            employee.mentorship_mentee_count = as_mentee[employee._origin.id]

    @api.depends_context("lang")
    def _compute_mentorship_status(self):
        Pair = self.env["mentorship.pair"].sudo()
        ids = self._origin.ids
        open_pairs = Pair.search(
            [("mentee_ids.employee_id", "in", ids), ("state", "in", OPEN_STATES)]
        )
        pairs_of = {}
        for pair in open_pairs:
            for employee_id in pair.mentee_ids.employee_id.ids:
                pairs_of.setdefault(employee_id, []).append(pair)
        mentors = (
            self.env["mentorship.mentor"]
            .sudo()
            .search(
                [
                    ("employee_id", "in", ids),
                    ("programme_id.state", "=", "running"),
                ]
            )
        )
        mentors_of = {}
        for mentor in mentors:
            mentors_of.setdefault(mentor.employee_id.id, []).append(mentor)
        for employee in self:
            pairs = pairs_of.get(employee._origin.id, [])
            hr_data = employee.sudo()
            employee.mentorship_has_mentor = bool(pairs)
            employee.mentorship_needs_mentor = not pairs and (
                hr_data.is_young_specialist
                or (hr_data.is_new_at_school and hr_data.teaching_position)
            )
            employee.mentorship_status = "; ".join(
                self.env._(
                    "Mentor: %(mentor)s, stage: %(stage)s",
                    mentor=pair.mentor_id.partner_id.name,
                    stage=pair.stage_id.name,
                )
                for pair in pairs
            ) or self.env._("No mentor")
            employee.mentorship_mentor_load = "; ".join(
                self.env._(
                    "%(count)s mentee(s) of %(capacity)s",
                    count=mentor.active_mentee_count,
                    capacity=mentor.capacity,
                )
                for mentor in mentors_of.get(employee._origin.id, [])
            )

    @api.model
    def _get_mentored_employees_query(self):
        """SQL selecting the employees who are mentees in a
        pair being formed or under way."""
        query = (
            self.env["mentorship.mentee"]
            .sudo()
            ._search(
                [
                    ("employee_id", "!=", False),
                    ("pair_ids.state", "in", OPEN_STATES),
                ]
            )
        )
        return query.subselect(SQL.identifier(query.table, "employee_id"))

    def _search_mentorship_has_mentor(self, operator, value):
        if operator not in ("=", "!="):
            return NotImplemented
        positive = (operator == "=") == bool(value)
        return [
            ("id", "in" if positive else "not in", self._get_mentored_employees_query())
        ]

    @api.model
    def _get_needs_mentor_domain(self):
        """Young specialists and teachers new at the school, without a mentor."""
        return [
            ("mentorship_has_mentor", "=", False),
            "|",
            ("is_young_specialist", "=", True),
            "&",
            ("is_new_at_school", "=", True),
            ("teaching_position", "=", True),
        ]

    def _search_mentorship_needs_mentor(self, operator, value):
        if operator not in ("=", "!="):
            return NotImplemented
        positive = (operator == "=") == bool(value)
        ids_query = self.sudo()._search(self._get_needs_mentor_domain())
        return [("id", "in" if positive else "not in", ids_query.subselect())]

    def action_mentorship_find_mentor(self):
        self.ensure_one()
        return self.env["mentorship.employee.match"]._action_open_for(self)

    @api.model
    def _cron_mentorship_remind_without_mentor(self):
        """Adaptation period: HR gets a to-do, once per person, for each young
        specialist or new teacher left without a mentor for more than the
        company's number of days since starting at the school. The to-do goes to
        the HR responsible of the employee's contract, or else to every HR
        officer of the employee's school."""
        today = fields.Date.context_today(self)
        employees = self.sudo().search(
            [
                ("mentorship_needs_mentor", "=", True),
                ("mentorship_reminder_date", "=", False),
            ]
        )
        officers = {}
        run_each(
            employees,
            "Young specialists without a mentor",
            lambda employee: employee._mentorship_remind_without_mentor(
                today, officers
            ),
        )

    def _mentorship_remind_without_mentor(self, today, officers):
        company = self.company_id
        start = self._get_school_start_date() or self.create_date.date()
        if (today - start).days <= company.mentorship_no_mentor_days:
            return
        users = self._get_mentorship_hr_users(officers)
        for user in users:
            # in the language of whom it is for (as mentorship.activity.mixin does)
            record = self.with_context(lang=user.lang or self.env.lang)
            record.activity_schedule(
                FIND_MENTOR_ACTIVITY,
                summary=record.env._("Find a mentor for %(name)s", name=self.name),
                note=record.env._(
                    "%(name)s, a young specialist or a teacher new at the school, has "
                    "had no mentor for more than %(days)s days. Use «Find a Mentor» on "
                    "the employee.",
                    name=self.name,
                    days=company.mentorship_no_mentor_days,
                ),
                user_id=user.id,
            )
        if users:
            self.mentorship_reminder_date = today

    def _get_mentorship_hr_users(self, cache):
        """Whom HR to-dos about this employee go to: the HR responsible of the
        contract if set, else the HR officers of the employee's school
        (`cache`: company -> users)."""
        self.ensure_one()
        responsible = self.sudo().contract_id.hr_responsible_id
        if (
            responsible
            and responsible.active
            and responsible.has_group("hr.group_hr_user")
        ):
            return responsible
        company = self.company_id
        if company not in cache:
            cache[company] = (
                self.env["res.users"]
                .sudo()
                .search(
                    [
                        ("groups_id", "in", self.env.ref("hr.group_hr_user").id),
                        ("share", "=", False),
                        ("company_ids", "in", company.id),
                    ]
                )
            )
        return cache[company]

    def _action_open_pairs(self, domain):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Pairs of %(name)s", name=self.name),
            "res_model": "mentorship.pair",
            "view_mode": "kanban,list,form",
            "domain": domain,
        }

    def action_open_mentorship_pairs_as_mentor(self):
        return self._action_open_pairs([("mentor_id.employee_id", "=", self.id)])

    def action_open_mentorship_pairs_as_mentee(self):
        return self._action_open_pairs([("mentee_ids.employee_id", "=", self.id)])

    def action_mentorship_enrol_mentee(self):
        return self._action_enrol("mentee")

    def action_mentorship_enrol_mentor(self):
        return self._action_enrol("mentor")

    def _action_enrol(self, base):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Add to the Mentee Base")
            if base == "mentee"
            else self.env._("Add to the Mentor Base"),
            "res_model": "mentorship.enrol.employee",
            "view_mode": "form",
            "target": "new",
            "context": {"default_employee_ids": self.ids, "default_base": base},
        }
