from datetime import timedelta

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv import expression
from odoo.tools import SQL

from .mentorship_jobs import run_each
from .mentorship_locks import lock_rows
from .mentorship_roles import check_role, has_role

OPEN_STATES = ("forming", "working")
MEETING_NUDGE = "odoo_mentorship.mail_activity_type_meeting_nudge"
FEEDBACK_NUDGE = "odoo_mentorship.mail_activity_type_feedback_nudge"
PAIR_FORMED_MAIL = "odoo_mentorship.mail_template_pair_formed"
PAIR_IDLE_MAIL = "odoo_mentorship.mail_template_pair_idle"
CONSENT_MISSING_MAIL = "odoo_mentorship.mail_template_consent_missing"


class MentorshipPair(models.Model):
    """A mentoring pair or group (наставническая пара/группа): one mentor, one or
    more mentees, moving through the pipeline forming → meetings → completed."""

    _name = "mentorship.pair"
    _description = "Mentoring Pair or Group"
    _inherit = [
        "mentorship.thread",
        "mentorship.activity.mixin",
        "mentorship.notification.mixin",
    ]
    _order = "stage_sequence, id desc"
    _check_company_auto = True
    _rec_names_search = ["name"]
    # Participants read their own pairs (internal participants through their record
    # rules, portal users through the portal rule) and talk about them in the chatter.
    _mail_post_access = "read"

    name = fields.Char(
        compute="_compute_name", store=True, readonly=False, precompute=True
    )
    # the pair's company is the programme's: no company check on the programme itself
    # (it would look for programmes of the new pair's empty company)
    programme_id = fields.Many2one(
        "mentorship.programme",
        required=True,
        index=True,
        tracking=True,
        ondelete="restrict",
        domain="[('state', '!=', 'closed')]",
        default=lambda self: self.env["mentorship.programme"]._get_default_programme(),
    )
    company_id = fields.Many2one(
        related="programme_id.company_id", store=True, index=True, precompute=True
    )
    curator_id = fields.Many2one(
        "res.users",
        string="Curator",
        compute="_compute_curator_id",
        store=True,
        readonly=False,
        tracking=True,
        domain="[('share', '=', False)]",
    )
    mentor_id = fields.Many2one(
        "mentorship.mentor",
        required=True,
        index=True,
        tracking=True,
        ondelete="restrict",
        check_company=True,
        domain="[('programme_id', '=', programme_id)]",
    )
    mentee_ids = fields.Many2many(
        "mentorship.mentee",
        "mentorship_pair_mentee_rel",
        "pair_id",
        "mentee_id",
        string="Mentees",
        required=True,
        check_company=True,
        domain="[('programme_id', '=', programme_id)]",
    )
    is_group = fields.Boolean(compute="_compute_is_group", store=True, string="Group")
    # who takes part: the rules of the participants read through it (one home for
    # "my pairs"); searched in plain subqueries that the planner costs right even
    # before the tables are analysed (see docs/benchmarks.md)
    member_partner_ids = fields.Many2many(
        "res.partner",
        compute="_compute_member_partner_ids",
        search="_search_member_partner_ids",
        string="Members",
        help="The mentor and the mentees (active) of the pair.",
    )
    form_id = fields.Many2one(
        "mentorship.form", string="Form", required=True, tracking=True
    )
    variant_id = fields.Many2one(
        "mentorship.form.variant",
        string="Variant",
        tracking=True,
        domain="[('form_id', '=', form_id)]",
    )
    stage_id = fields.Many2one(
        "mentorship.pair.stage",
        string="Stage",
        default=lambda self: self._default_stage_id(),
        group_expand="_read_group_expand_full",
        ondelete="restrict",
        tracking=True,
        copy=False,
        index=True,
    )
    stage_sequence = fields.Integer(related="stage_id.sequence", store=True)
    state = fields.Selection(related="stage_id.state", store=True, string="Status")
    date_start = fields.Date(string="Start", tracking=True)
    date_end = fields.Date(string="End", tracking=True)
    plan_line_ids = fields.One2many(
        "mentorship.plan.line", "pair_id", string="Individual Plan"
    )
    plan_progress = fields.Float(
        compute="_compute_plan_progress", string="Plan Progress (%)"
    )
    meeting_ids = fields.One2many("mentorship.meeting", "pair_id", string="Meetings")
    meeting_count = fields.Integer(compute="_compute_meeting_stats", store=True)
    last_meeting_date = fields.Date(compute="_compute_meeting_stats", store=True)
    average_rating = fields.Float(
        compute="_compute_meeting_stats", store=True, aggregator="avg", digits=(3, 2)
    )
    consent_ok = fields.Boolean(
        compute="_compute_consent_ok",
        store=True,
        string="Consents Complete",
        help="Every participant has a valid consent.",
    )
    # the nudges' rule read live (it depends on today): the dashboards and a
    # search filter
    # how often the pair meets at least: its programme's rhythm, or its school's period
    # (stored: the cards and the nudges read it with the pair)
    meeting_rhythm_days = fields.Integer(
        compute="_compute_meeting_rhythm_days",
        store=True,
        compute_sudo=True,
        string="Meeting Rhythm (days)",
    )
    is_behind_rhythm = fields.Boolean(
        compute="_compute_is_behind_rhythm",
        search="_search_is_behind_rhythm",
        string="Behind Their Rhythm",
        help=(
            "A pair in progress that has not met for its programme's meeting rhythm "
            "(or the school's nudge period) or longer."
        ),
    )
    # it tells the mentors' teaching experience (HR data):
    # for curators, not participants
    eligibility_warning = fields.Char(
        compute="_compute_eligibility_warning",
        groups="odoo_mentorship.group_mentorship_curator",
        help="Why the mentor may not be experienced enough for these mentees.",
    )
    eligibility_override = fields.Boolean(
        string="Mentor Approved by Curator",
        tracking=True,
        copy=False,
        readonly=True,
        help="The curator has approved the mentor despite the experience warning.",
    )
    dissolution_reason = fields.Selection(
        [("consent_withdrawn", "Consent withdrawn"), ("other", "Other")],
        readonly=True,
        copy=False,
        tracking=True,
        help="Why the pair was dissolved.",
    )
    order_id = fields.Many2one(
        "mentorship.order",
        string="Fixed by Order",
        readonly=True,
        copy=False,
        tracking=True,
        index="btree_not_null",
    )
    # the curators' notes on the pair (they may name a representative's request)
    note = fields.Html(groups="odoo_mentorship.group_mentorship_curator")
    can_log_meeting = fields.Boolean(
        compute="_compute_can_log_meeting",
        help="The current user is the mentor of the pair or a curator.",
    )
    color = fields.Integer()
    active = fields.Boolean(default=True, tracking=True)
    # The activity widget of the cards. Whoever reads a pair reads all its activities
    # (_mail_post_access is "read"), so these are computed as superuser: the values
    # are the same, without mail.activity's access query for every column of cards.
    activity_state = fields.Selection(compute_sudo=True)
    activity_exception_decoration = fields.Selection(compute_sudo=True)
    activity_exception_icon = fields.Char(compute_sudo=True)

    # ------------------------------------------------------------
    # DEFAULTS AND COMPUTES
    # ------------------------------------------------------------

    def _default_stage_id(self):
        return self.env["mentorship.pair.stage"].search(
            [("state", "=", "forming")], limit=1
        )

    @api.depends("mentor_id.partner_id.name", "mentee_ids.partner_id.name")
    def _compute_name(self):
        for pair in self:
            mentees = ", ".join(pair.mentee_ids.partner_id.mapped("name"))
            pair.name = f"{pair.mentor_id.partner_id.name or ''} — {mentees}"

    @api.depends("programme_id")
    def _compute_curator_id(self):
        for pair in self:
            curators = pair.programme_id.curator_ids
            if not pair.curator_id or pair.curator_id not in curators:
                # the curator who forms the pair, if they are one of the programme's
                pair.curator_id = (
                    self.env.user
                    if self.env.user in curators
                    else pair.programme_id._get_lead_curator()
                )

    @api.depends("mentor_id.partner_id")
    @api.depends_context("uid")
    def _compute_can_log_meeting(self):
        is_curator = has_role(self.env, "curator")
        for pair in self:
            pair.can_log_meeting = (
                is_curator or pair._participant_role(self.env.user) == "mentor"
            )

    @api.depends("mentee_ids")
    def _compute_is_group(self):
        for pair in self:
            pair.is_group = len(pair.mentee_ids) > 1

    @api.depends("plan_line_ids.status")
    def _compute_plan_progress(self):
        for pair in self:
            lines = pair.plan_line_ids.filtered(lambda line: line.status != "cancelled")
            done = lines.filtered(lambda line: line.status == "done")
            pair.plan_progress = 100.0 * len(done) / len(lines) if lines else 0.0

    @api.depends(
        "meeting_ids.date_start", "meeting_ids.average_rating", "meeting_ids.active"
    )
    def _compute_meeting_stats(self):
        stats = {
            pair: (count, last, rating)
            for pair, count, last, rating in self.env["mentorship.meeting"]._read_group(
                [("pair_id", "in", self.ids)],
                ["pair_id"],
                ["__count", "date_start:max", "average_rating:avg"],
            )
        }
        for pair in self:
            count, last, rating = stats.get(pair, (0, False, 0.0))
            pair.meeting_count = count
            pair.last_meeting_date = (
                last and fields.Datetime.context_timestamp(pair, last).date()
            )
            pair.average_rating = rating or 0.0

    # Stored for the kanban badge: it follows the participants' stored consent rule
    # (has_valid_consent, which depends on everything the rule reads) and the members.
    @api.depends("mentor_id.has_valid_consent", "mentee_ids.has_valid_consent")
    def _compute_consent_ok(self):
        for pair in self:
            participants = [*pair.mentor_id, *pair.mentee_ids]
            pair.consent_ok = bool(participants) and all(
                participant.has_valid_consent for participant in participants
            )

    @api.depends("company_id.mentorship_nudge_days", "programme_id.meeting_rhythm_days")
    def _compute_meeting_rhythm_days(self):
        for pair in self:
            pair.meeting_rhythm_days = max(
                pair.programme_id.meeting_rhythm_days
                or pair.company_id.mentorship_nudge_days,
                1,
            )

    @api.depends("state", "last_meeting_date", "date_start", "meeting_rhythm_days")
    @api.depends_context("tz")
    def _compute_is_behind_rhythm(self):
        today = fields.Date.context_today(self)
        for pair in self:
            pair.is_behind_rhythm = (
                pair.state == "working"
                and (today - pair._mentorship_idle_since(today)).days
                >= pair._meeting_rhythm_days()
            )

    def _meeting_rhythm_days(self):
        """How often the pair meets at least: its
        programme's rhythm, or its school's."""
        self.ensure_one()
        return max(self.meeting_rhythm_days, 1)

    @api.depends("mentor_id.partner_id", "mentee_ids.partner_id", "mentee_ids.active")
    def _compute_member_partner_ids(self):
        for pair in self:
            pair.member_partner_ids = (
                pair.mentor_id.partner_id
                | pair.mentee_ids.filtered("active").partner_id
            )

    @api.model
    def _member_search_args(self, operator, value):
        """(positive, partner ids) of a search on the members of pairs."""
        if operator not in ("in", "=", "not in", "!="):
            raise UserError(self.env._("Unsupported search on the pair's members."))
        partner_ids = [value] if isinstance(value, int) else list(value or [])
        return operator in ("in", "="), [pid for pid in partner_ids if pid]

    @api.model
    def _get_member_pairs_sql(self, partner_ids):
        """The ids of the pairs whose mentor or an active mentee is one of
        `partner_ids`, as a plain subquery. The participants' rules read through
        it: without statistics the planner costs a correlated EXISTS inside the
        rules' OR as if it ran once per row, crosses the JIT thresholds and
        compiles for hundreds of milliseconds a page that takes a few."""
        self.env["mentorship.pair"].flush_model(["mentor_id", "mentee_ids"])
        self.env["mentorship.mentor"].flush_model(["partner_id"])
        self.env["mentorship.mentee"].flush_model(["partner_id", "active"])
        return SQL(
            """
            SELECT pair.id FROM mentorship_pair pair
              JOIN mentorship_mentor mentor ON mentor.id = pair.mentor_id
             WHERE mentor.partner_id = ANY(%(partners)s)
             UNION
            SELECT rel.pair_id FROM mentorship_pair_mentee_rel rel
              JOIN mentorship_mentee mentee ON mentee.id = rel.mentee_id
             WHERE mentee.partner_id = ANY(%(partners)s) AND mentee.active
            """,
            partners=partner_ids,
        )

    def _search_member_partner_ids(self, operator, value):
        positive, partner_ids = self._member_search_args(operator, value)
        members = self._get_member_pairs_sql(partner_ids)
        return [("id", "in" if positive else "not in", SQL("(%s)", members))]

    def _search_is_behind_rhythm(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            return NotImplemented
        today = fields.Date.context_today(self)
        # the same rule as _compute_is_behind_rhythm, rhythm by rhythm
        rhythms = [
            days
            for [days] in self.sudo()
            .with_context(active_test=False)
            ._read_group([("state", "=", "working")], ["meeting_rhythm_days"])
        ]
        behind = expression.OR(
            [[("id", "=", False)]]
            + [
                [
                    ("meeting_rhythm_days", "=", days),
                    *self._idle_since_domain(today - timedelta(days=max(days, 1))),
                ]
                for days in rhythms
            ]
        )
        behind = expression.AND([[("state", "=", "working")], behind])
        if (operator == "=") == value:
            return behind
        return [("id", "not in", self.with_context(active_test=False)._search(behind))]

    @api.model
    def _idle_since_domain(self, limit):
        """Pairs whose last meeting (or start, or
        creation) is on ``limit`` or before."""
        return [
            "|",
            ("last_meeting_date", "<=", limit),
            "&",
            ("last_meeting_date", "=", False),
            "|",
            ("date_start", "<=", limit),
            "&",
            ("date_start", "=", False),
            ("create_date", "<", limit + timedelta(days=1)),
        ]

    def _mentorship_idle_since(self, today):
        """The day the pair last met, or started (or was
        created): the nudges count from it."""
        self.ensure_one()
        return (
            self.last_meeting_date
            or self.date_start
            or fields.Date.to_date(self.create_date)
            or today
        )

    def _get_consent_problems(self):
        self.ensure_one()
        participants = [*self.mentor_id, *self.mentee_ids]
        problems = [participant._get_consent_problem() for participant in participants]
        return [problem for problem in problems if problem]

    @api.depends(
        "form_id", "mentor_id.employee_id", "mentee_ids.employee_id", "company_id"
    )
    def _compute_eligibility_warning(self):
        # the work records and contracts of every mentor and mentee in one read each,
        # not one per person (the pair form computes this on every read)
        employees = (self.mentor_id.employee_id | self.mentee_ids.employee_id).sudo()
        employees.mapped("teaching_position")
        employees.experience_ids.mapped("date_start")
        employees.contract_ids.mapped("state")
        for pair in self:
            pair.eligibility_warning = pair._get_eligibility_problem() or False

    def _get_eligibility_problem(self):
        """In forms that compare teaching experience (teacher–teacher), the mentor needs
        more of it than every mentee and at least the company's minimum."""
        self.ensure_one()
        mentor_employee = self.mentor_id.employee_id.sudo()
        if not self.form_id.check_teaching_experience or not mentor_employee:
            return None
        if not mentor_employee._get_experience_periods(teaching_only=True):
            # HR has not recorded the mentor's experience yet: nothing to judge by
            return None
        today = fields.Date.context_today(self)
        mentor_years, mentor_months, _days = mentor_employee._get_teaching_experience(
            today
        )
        mentor_total = mentor_years * 12 + mentor_months
        minimum = self.company_id.mentorship_min_mentor_years
        if mentor_years < minimum:
            return self.env._(
                "%(mentor)s has %(experience)s of teaching experience, less than the "
                "minimum of %(minimum)s years.",
                mentor=self.mentor_id.partner_id.name,
                experience=mentor_employee._format_experience(
                    (mentor_years, mentor_months, 0)
                ),
                minimum=minimum,
            )
        for mentee in self.mentee_ids.filtered("employee_id"):
            years, months, _days = mentee.employee_id.sudo()._get_teaching_experience(
                today
            )
            if years * 12 + months >= mentor_total:
                return self.env._(
                    "%(mentor)s has less teaching experience than the mentee "
                    "%(mentee)s.",
                    mentor=self.mentor_id.partner_id.name,
                    mentee=mentee.partner_id.name,
                )
        return None

    @api.model
    def _cron_refresh_consent_ok(self):
        """A minor who comes of age no longer needs the legal representative's consent:
        recompute the participants and the pairs still missing a consent, as no write
        has triggered it."""

        def recompute(field_name):
            def run(record):
                self.env.add_to_compute(record._fields[field_name], record)
                record.flush_recordset([field_name])

            return run

        for model in ("mentorship.mentee", "mentorship.mentor"):
            participants = (
                self.env[model]
                .sudo()
                .with_context(active_test=False)
                .search(
                    [("has_valid_consent", "=", False), ("birth_date", "!=", False)]
                )
            )
            run_each(
                participants,
                "Consents of pupils who came of age",
                recompute("has_valid_consent"),
            )
        pairs = (
            self.sudo()
            .with_context(active_test=False)
            .search([("consent_ok", "=", False)])
        )
        run_each(pairs, "Consents of pupils who came of age", recompute("consent_ok"))

    def _filtered_open(self):
        return self.filtered(
            lambda pair: pair.active and pair.stage_id.state in OPEN_STATES
        )

    def _check_still_open(self):
        """The meetings, feedback and plan of a completed or dissolved pair are its
        history: only a curator changes them (the callers let curators through)."""
        closed = self - self._filtered_open()
        if closed:
            raise UserError(
                self.env._(
                    "The pair «%(pair)s» is no longer open: only a curator changes its "
                    "meetings, feedback and plan.",
                    pair=closed[0].name,
                )
            )

    def _participant_role(self, user):
        """'mentor', 'mentee' or None: the part `user` plays in the pair."""
        self.ensure_one()
        if self.mentor_id.partner_id == user.partner_id:
            return "mentor"
        if user.partner_id in self.mentee_ids.partner_id:
            return "mentee"
        return None

    def _check_mentor(self, user, message):
        """Refuse with `message` unless `user` is the mentor of the pair, and refuse
        if the pair is no longer open."""
        pair = self.sudo()
        if not pair or pair._participant_role(user) != "mentor":
            raise AccessError(message)
        pair._check_still_open()

    # ------------------------------------------------------------
    # CONSTRAINTS
    # ------------------------------------------------------------

    @api.constrains("mentor_id", "mentee_ids")
    def _check_mentor_not_mentee(self):
        for pair in self:
            if pair.mentor_id.partner_id in pair.mentee_ids.partner_id:
                raise ValidationError(
                    self.env._(
                        "%(name)s cannot be the mentor and a mentee of the same pair.",
                        name=pair.mentor_id.partner_id.name,
                    )
                )

    @api.constrains("programme_id", "mentor_id", "mentee_ids")
    def _check_same_programme(self):
        for pair in self:
            participants = [*pair.mentor_id, *pair.mentee_ids]
            others = [p for p in participants if p.programme_id != pair.programme_id]
            if others:
                raise ValidationError(
                    self.env._(
                        "%(name)s belongs to another programme than the pair.",
                        name=others[0].partner_id.name,
                    )
                )

    @api.constrains("form_id", "variant_id", "mentor_id", "mentee_ids")
    def _check_kinds_fit_form(self):
        for pair in self:
            form = pair.form_id
            if pair.variant_id and pair.variant_id.form_id != form:
                raise ValidationError(
                    self.env._(
                        "The variant «%(variant)s» does not belong to the form "
                        "«%(form)s».",
                        variant=pair.variant_id.name,
                        form=form.name,
                    )
                )
            if (
                form.mentor_kind_ids
                and pair.mentor_id.kind_id not in form.mentor_kind_ids
            ):
                raise ValidationError(
                    self.env._(
                        "In the form «%(form)s» the mentor cannot be a %(kind)s "
                        "(%(name)s).",
                        form=form.name,
                        kind=pair.mentor_id.kind_id.name,
                        name=pair.mentor_id.partner_id.name,
                    )
                )
            for mentee in pair.mentee_ids:
                if form.mentee_kind_ids and mentee.kind_id not in form.mentee_kind_ids:
                    raise ValidationError(
                        self.env._(
                            "In the form «%(form)s» a mentee cannot be a %(kind)s "
                            "(%(name)s).",
                            form=form.name,
                            kind=mentee.kind_id.name,
                            name=mentee.partner_id.name,
                        )
                    )

    # The rules that count the pairs of a person lock that person's row first (see
    # mentorship_locks): the constraints are the one place every path goes through
    # (the pair form, the match wizard, HR's proposal, the pairs order, the meetings
    # that move pairs), and a pair that is not under way adds nobody's load.

    @api.constrains("mentor_id")
    def _check_mentor_trained(self):
        """A school that pairs only trained mentors (Settings → Mentorship) refuses an
        untrained one in a pair under way; the pairs already formed stay as they are."""
        self._filtered_open().mentor_id._check_trained()

    @api.constrains("mentor_id", "mentee_ids", "stage_id", "active")
    def _check_mentor_capacity(self):
        # a mentor lent to other schools: their pairs there count
        # too, the home record is locked
        mentors = self._filtered_open().mentor_id
        lock_rows(mentors | mentors.sudo().origin_mentor_id)
        self.mentor_id._check_not_over_capacity()

    @api.constrains("mentee_ids", "stage_id", "active")
    def _check_mentee_one_pair_under_way(self):
        """A mentee is in one pair under way (forming or working) at a time, as the
        matching engine and HR's proposal assume. A pair in forming the mentee sent
        back as not a good fit does not count: the mentee waits for another mentor (the
        match wizard takes the mentee out of it when it forms the new pair)."""
        mentees = self._filtered_open().mentee_ids
        if not mentees:
            return
        lock_rows(mentees)
        pairs = self.sudo().search(
            [("mentee_ids", "in", mentees.ids), ("state", "in", OPEN_STATES)]
        )
        sent_back = self.env["mentorship.matching"]._sent_back_pairs(mentees)
        for mentee in mentees:
            under_way = pairs.filtered(
                lambda p, m=mentee: m in p.mentee_ids and (p.id, m.id) not in sent_back
            )
            if len(under_way) > 1:
                other = (under_way - self)[:1] or under_way[1:2]
                raise ValidationError(
                    self.env._(
                        "%(mentee)s is already in a pair under way: %(pair)s. Dissolve "
                        "or complete it first.",
                        mentee=mentee.partner_id.name,
                        pair=other.name,
                    )
                )

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for pair in self:
            if pair.date_start and pair.date_end and pair.date_end < pair.date_start:
                raise ValidationError(
                    self.env._(
                        "The pair «%(name)s» cannot end before it starts.",
                        name=pair.name,
                    )
                )
            pair.meeting_ids._check_inside_pair_period()

    @api.constrains("stage_id")
    def _check_ready_to_leave_forming(self):
        for pair in self:
            if pair.stage_id.state in ("working", "done"):
                problems = pair._get_consent_problems()
                eligibility = (
                    not pair.eligibility_override and pair._get_eligibility_problem()
                )
                if eligibility:
                    raise ValidationError(
                        self.env._(
                            "The pair «%(name)s» cannot leave forming until the "
                            "curator approves the mentor: %(problem)s",
                            name=pair.name,
                            problem=eligibility,
                        )
                    )
                if problems:
                    raise ValidationError(
                        self.env._(
                            "The pair «%(name)s» cannot leave forming without valid "
                            "consents:\n%(problems)s",
                            name=pair.name,
                            problems="\n".join(problems),
                        )
                    )

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        pairs = super().create(vals_list)
        pairs._on_stage_changed()
        pairs._notify_consent_missing()
        return pairs

    def write(self, vals):
        if vals.get("stage_id") and not self.env.su:
            self.check_access("write")  # who may move pairs at all comes first
            self._check_stage_move(
                self.env["mentorship.pair.stage"].browse(vals["stage_id"])
            )
        if {"mentor_id", "mentee_ids", "form_id"} & set(
            vals
        ) and "eligibility_override" not in vals:
            # the curator approved other people: the approval does not carry over
            vals = {**vals, "eligibility_override": False}
        forming = (
            self.filtered(lambda pair: pair.state == "forming")
            if "stage_id" in vals
            else self.browse()
        )
        members = {}
        if {"mentor_id", "mentee_ids"} & set(vals):
            members = {pair: pair._mentorship_participants() for pair in self}
        result = super().write(vals)
        if "stage_id" in vals:
            self._on_stage_changed()
        forming.filtered(lambda pair: pair.state == "working")._notify_pair_formed()
        for pair, before in members.items():
            pair._notify_consent_missing(
                [p for p in pair._mentorship_participants() if p not in before]
            )
        return result

    def _check_stage_move(self, target):
        """What a move by hand needs (the kanban, the status bar). Meetings and orders
        move pairs on their own (as superuser); by hand, a pair goes back freely, and
        forward one stage at a time, into joint work with an individual plan, into
        completion after the final meeting. Consents are the constraint's."""
        stages = self.env["mentorship.pair.stage"].search([])
        for pair in self.filtered(lambda p: p.stage_id != target):
            current = pair.stage_id
            if target.sequence <= current.sequence or target.state == "dissolved":
                continue
            between = stages.filtered(
                lambda s, c=current: c.sequence < s.sequence < target.sequence
                and s.state != "dissolved"
            )
            if between:
                raise UserError(
                    self.env._(
                        "The pair «%(pair)s» moves forward one stage at a time: log "
                        "the meetings of «%(stages)s» first, they move the pair on "
                        "their own.",
                        pair=pair.name,
                        stages="», «".join(between.mapped("name")),
                    )
                )
            order_problem = target.state != "forming" and pair._get_order_problem()
            if order_problem:
                raise UserError(order_problem)
            if target.meeting_type == "work" and not pair.plan_line_ids:
                raise UserError(
                    self.env._(
                        "The pair «%(pair)s» starts joint work with an individual "
                        "plan: add its first tasks.",
                        pair=pair.name,
                    )
                )
            if target.state == "done" and "final" not in pair.meeting_ids.mapped(
                "meeting_type"
            ):
                raise UserError(
                    self.env._(
                        "The pair «%(pair)s» is completed after its final meeting: log "
                        "it first.",
                        pair=pair.name,
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_with_meetings(self):
        if self.meeting_ids:
            raise UserError(
                self.env._(
                    "A pair with meetings keeps the history of its participants: "
                    "archive it instead of deleting it."
                )
            )

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    def _get_order_problem(self):
        """Why the pair cannot start working yet, or None: with the school's setting, a
        pair leaves forming only through the approved order that fixes it (seed 004: the
        order fixes the pairs with their members' written consent; seed 000, row 20)."""
        self.ensure_one()
        if self.state != "forming" or not self.company_id.mentorship_pairs_need_order:
            return None
        return self.env._(
            "The pair «%(pair)s» is not fixed by an approved order yet: list it in a "
            "pairs order and have the director approve it; the pair starts working, "
            "and its meetings are logged, after that.",
            pair=self.name,
        )

    def _on_stage_changed(self):
        """Keep the mentee base in step: mentees of a working pair are "in a pair"."""
        paired_stage = self.env["mentorship.mentee.stage"].search(
            [("is_paired", "=", True)], limit=1
        )
        if not paired_stage:
            return
        for pair in self.filtered(lambda p: p.stage_id.state == "working"):
            pair.mentee_ids.filtered(
                lambda m: m.stage_id.sequence < paired_stage.sequence
            ).write({"stage_id": paired_stage.id})
        self.filtered(
            lambda p: p.stage_id.state == "working"
        )._request_entry_diagnostics()
        # a pair brought to work by its first meeting starts on the day of that meeting
        for pair in self.filtered(
            lambda p: p.stage_id.state == "working" and not p.date_start
        ):
            if pair.meeting_ids:
                first = min(pair.meeting_ids.mapped("date_start"))
                pair.date_start = fields.Datetime.context_timestamp(pair, first).date()

    def _request_entry_diagnostics(self):
        """The entry diagnostics are expected before a pair works: the curator gets a
        to-do for the mentees who have not answered them."""
        self._request_diagnostics(
            "entry",
            lambda _: _("Entry diagnostics missing"),
            lambda _, names: _(
                "Ask %(names)s to answer the entry diagnostics.", names=names
            ),
            lambda pair: pair.curator_id,
        )

    def _request_exit_diagnostics(self):
        """At the final meeting the mentees answer the exit diagnostics: the mentor
        (or the curator) gets a to-do for those who have not."""
        self._request_diagnostics(
            "exit",
            lambda _: _("Exit diagnostics missing"),
            lambda _, names: _(
                "Ask %(names)s to answer the exit diagnostics.", names=names
            ),
            lambda pair: pair.mentor_id.user_id or pair.curator_id,
        )

    def _request_diagnostics(self, role, summary, note, responsible):
        """One to-do per pair for its mentees without a finished answer of `role`,
        written in the language of whom it is for (`summary` and `note` take the
        translating function)."""
        answered = (
            self.env["survey.user_input"]
            .sudo()
            .search(
                [
                    ("mentorship_mentee_id", "in", self.mentee_ids.ids),
                    ("mentorship_role", "=", role),
                    ("state", "=", "done"),
                ]
            )
            .mentorship_mentee_id
        )
        for pair in self.sudo():
            missing = pair.mentee_ids - answered
            user = responsible(pair)
            if missing and user:
                _ = pair._in_lang_of(user).env._
                pair._schedule_todo_once(
                    user,
                    summary(_),
                    note(_, ", ".join(missing.partner_id.mapped("name"))),
                )

    def _mentorship_participants(self):
        """The mentor and the mentees of the pair, in a list (two models)."""
        self.ensure_one()
        return [*self.mentor_id, *self.mentee_ids]

    def _notify_pair_formed(self):
        """The pairs leave forming (an order, a meeting, a move by hand): their mentor
        and mentees are told, and the legal representative of a minor about their
        child only, never about the others of a group."""
        for pair in self.sudo():
            for participant in pair._mentorship_participants():
                if not participant._mentorship_may_notify():
                    continue
                role = (
                    "mentor" if participant._name == "mentorship.mentor" else "mentee"
                )
                person = participant.partner_id
                pair._mentorship_notify(
                    PAIR_FORMED_MAIL,
                    "mentorship_notify_pair_formed",
                    person,
                    mentorship_role=role,
                    mentorship_url=pair._mentorship_url(
                        person, f"/my/mentorship/pairs/{pair.id}"
                    ),
                )
                if participant.is_minor:
                    representative = participant.legal_representative_id
                    pair._mentorship_notify(
                        PAIR_FORMED_MAIL,
                        "mentorship_notify_pair_formed",
                        representative,
                        mentorship_role=role,
                        mentorship_person=person.name,
                        mentorship_url=pair._mentorship_url(
                            representative, participant.PORTAL_CONSENT_URL
                        ),
                    )

    def _notify_consent_missing(self, participants=None):
        """A pair is formed with people whose consent is missing (or awaits the signed
        paper): the one who gives it, the legal representative of a minor, is asked
        for it, about their own child only. A withdrawn consent is not asked again."""
        for pair in self.sudo():
            for participant in (
                pair._mentorship_participants()
                if participants is None
                else participants
            ):
                participant = participant.sudo()
                state = participant._portal_consent_state()
                giver = participant._consent_giver()
                if not participant.active or participant.is_anonymized or not giver:
                    continue
                if state not in ("missing", "awaiting_paper"):
                    continue
                pair._mentorship_notify(
                    CONSENT_MISSING_MAIL,
                    "mentorship_notify_consent_missing",
                    giver,
                    mentorship_person=participant.partner_id.name
                    if giver != participant.partner_id
                    else False,
                    mentorship_awaiting_paper=state == "awaiting_paper",
                    mentorship_url=pair._mentorship_url(
                        giver, participant.PORTAL_CONSENT_URL
                    ),
                )

    def _notify_pair_idle(self, since):
        """The mentor is told that the pair has not met since `since`."""
        self.ensure_one()
        mentor = self.mentor_id
        if mentor._mentorship_may_notify():
            self._mentorship_notify(
                PAIR_IDLE_MAIL,
                "mentorship_notify_pair_idle",
                mentor.partner_id,
                mentorship_since=since,
                mentorship_url=self._mentorship_url(
                    mentor.partner_id, f"/my/mentorship/pairs/{self.id}"
                ),
            )

    def _advance_to_meeting_stage(self, meeting_type):
        """Move the pairs that are behind to the stage of a meeting of this type."""
        target = self.env["mentorship.pair.stage"].search(
            [("meeting_type", "=", meeting_type)], limit=1
        )
        if not target:
            return
        behind = self.filtered(
            lambda pair: pair.stage_id.state in OPEN_STATES
            and pair.stage_id.sequence < target.sequence
        )
        if behind:
            behind.stage_id = target

    def _send_back_to_forming(self, mentee):
        """The mentee answered "not a good fit" after the trial meeting."""
        forming = self.env["mentorship.pair.stage"].search(
            [("state", "=", "forming")], limit=1
        )
        for pair in self:
            pair.stage_id = forming

            def message(_):
                return _(
                    "%(mentee)s answered after the trial meeting that the pair is not "
                    "a good fit. The pair is back in forming.",
                    mentee=mentee.partner_id.name,
                )

            pair.message_post(body=message(self.env._))
            curator = pair._mentorship_curator() or self.env.user
            _ = pair._in_lang_of(curator).env._
            pair.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=_("Re-form the pair: not a good fit"),
                note=message(_),
                user_id=curator.id,
            )

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_open_meetings(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Meetings"),
            "res_model": "mentorship.meeting",
            "view_mode": "list,calendar,form",
            "domain": [("pair_id", "=", self.id)],
            "context": {"default_pair_id": self.id},
        }

    def action_open_plan(self):
        """The individual plan of the pair, to keep up to date (its mentor, its mentees
        for the status of their tasks, the curators)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Individual Plan: %(pair)s", pair=self.name),
            "res_model": "mentorship.plan.line",
            "view_mode": "list",
            "views": [
                (
                    self.env.ref("odoo_mentorship.mentorship_plan_line_view_list").id,
                    "list",
                )
            ],
            "domain": [("pair_id", "=", self.id)],
            "context": {"default_pair_id": self.id},
        }

    def action_log_meeting(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Log a Meeting"),
            "res_model": "mentorship.meeting",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_pair_id": self.id,
                "default_meeting_type": self._next_meeting_type(),
            },
        }

    def _next_meeting_type(self):
        """The meeting the pair is expected to hold next: the meeting of its stage when
        the pair was moved there by hand before holding it, the joint work's meetings
        while it lasts, else the meeting of the following stage."""
        self.ensure_one()
        own = self.stage_id.meeting_type
        if own == "work" or (
            own and own not in self.meeting_ids.mapped("meeting_type")
        ):
            return own
        later = self.env["mentorship.pair.stage"].search(
            [("sequence", ">", self.stage_id.sequence), ("meeting_type", "!=", False)],
            limit=1,
        )
        return later.meeting_type or "work"

    def action_override_eligibility(self):
        """The curator approves the mentor despite the experience warning."""
        check_role(
            self.env,
            "curator",
            self.env._(
                "Only a curator approves a mentor despite the experience warning."
            ),
        )
        for pair in self.filtered("eligibility_warning"):
            pair.eligibility_override = True
            pair.message_post(
                body=self.env._(
                    "%(user)s approved the mentor despite the warning: %(warning)s",
                    user=self.env.user.name,
                    warning=pair.eligibility_warning,
                )
            )

    def action_dissolve(self):
        self._dissolve("other")

    def _dissolve(self, reason):
        """The pairs leave the pipeline; their open to-dos
        and reminders go with them."""
        if not self:
            return
        dissolved = self.env["mentorship.pair.stage"].search(
            [("state", "=", "dissolved")], limit=1
        )
        self.write({"stage_id": dissolved.id, "dissolution_reason": reason})
        self.sudo().activity_ids.unlink()

    def _release_participant(self, participant):
        """A participant leaves these open pairs (consent withdrawn): a group whose
        other mentees stay goes on without this mentee; any other pair is dissolved.
        Return (the pairs dissolved, the groups left)."""
        groups = self.filtered(
            lambda p: participant._name == "mentorship.mentee"
            and len(p.mentee_ids - participant) > 0
        )
        for group in groups:
            group.mentee_ids = [Command.unlink(participant.id)]
            group.message_post(
                body=self.env._(
                    "%(name)s has left the group: the consent was withdrawn.",
                    name=participant.partner_id.name,
                ),
                subtype_xmlid="mail.mt_note",
            )
        (self - groups)._dissolve("consent_withdrawn")
        return self - groups, groups

    # ------------------------------------------------------------
    # NUDGES: meetings go unlogged unless someone is reminded.
    #
    # ============================  =========================================
    # Situation (working pair)      Activity
    # ============================  =========================================
    # no meeting for N days         "Log a meeting" for the mentor (their user,
    #                               or the curator when the mentor has none)
    # no meeting for 2 × N days     the same for the curator
    # a mentee's feedback missing   "Give feedback" for the mentee's user, or
    # M days after the meeting      for the curator when the mentee has none
    # ============================  =========================================
    #
    # N and M are set on the company (Settings → Mentorship). The job is idempotent:
    # an open activity of the same type for the same user is never duplicated, and the
    # nudges of a pair that has met again (or whose feedback came) are marked done.
    # ------------------------------------------------------------

    @api.model
    def _cron_mentorship_nudges(self):
        pairs = self.sudo().search([("state", "=", "working")])
        run_each(pairs, "Mentorship nudges", lambda pair: pair._mentorship_nudge())

    def _mentorship_nudge(self):
        self._mentorship_nudge_idle()
        self._mentorship_nudge_feedback()

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    def _mentorship_nudge_idle(self):
        today = fields.Date.context_today(self)
        for pair in self:
            days = pair._meeting_rhythm_days()
            since = pair._mentorship_idle_since(today)
            idle = (today - since).days
            if idle < days:
                pair.activity_feedback(
                    [MEETING_NUDGE], feedback=self.env._("The pair has met again.")
                )
                continue
            curator = pair._mentorship_curator()
            targets = [pair._mentorship_participant_user(pair.mentor_id) or curator]
            if idle >= 2 * days:
                targets.append(curator)
            for index, user in enumerate(targets):
                _ = pair._in_lang_of(user).env._
                note = _(
                    "The pair «%(pair)s» has not met for %(days)s days (since "
                    "%(date)s). Agree on the next meeting and log it.",
                    pair=pair.name,
                    days=idle,
                    date=since,
                )
                nudge = pair._mentorship_schedule_nudge(
                    MEETING_NUDGE,
                    user,
                    _("Log a meeting: no meeting for a while"),
                    note,
                )
                if nudge and not index:
                    # the mentor's e-mail goes with the first nudge, once
                    pair._notify_pair_idle(since)

    def _mentorship_nudge_feedback(self):
        now = fields.Datetime.now()
        for pair in self:
            limit = now - timedelta(
                days=max(pair.company_id.mentorship_feedback_nudge_days, 1)
            )
            missing_by_user = {}
            for meeting in pair.meeting_ids.filtered(
                lambda m, limit=limit: m.feedback_missing and m.date_start <= limit
            ):
                for mentee in meeting.attendee_ids - meeting.feedback_ids.mentee_id:
                    user = (
                        pair._mentorship_participant_user(mentee)
                        or pair._mentorship_curator()
                    )
                    missing_by_user.setdefault(user, []).append((mentee, meeting))
            if not missing_by_user:
                pair.activity_feedback(
                    [FEEDBACK_NUDGE], feedback=self.env._("The feedback has come.")
                )
                continue
            for user, missing in missing_by_user.items():
                _ = pair._in_lang_of(user).env._
                lines = [
                    _(
                        "%(mentee)s: the meeting of %(date)s",
                        mentee=mentee.partner_id.name,
                        date=fields.Datetime.context_timestamp(
                            pair, meeting.date_start
                        ).date(),
                    )
                    for mentee, meeting in missing
                ]
                note = _(
                    "Feedback on these meetings is missing: %(lines)s",
                    lines="; ".join(lines),
                )
                # a mentee's own to-do comes with the reminder by e-mail below: not
                # also with Odoo's "assigned to you" mail (one mail, not two)
                own = any(
                    pair._mentorship_participant_user(mentee) == user
                    for mentee, _meeting in missing
                )
                nudging = (
                    pair.with_context(mail_activity_quick_update=True) if own else pair
                )
                if nudging._mentorship_schedule_nudge(
                    FEEDBACK_NUDGE, user, _("Give feedback on the meeting"), note
                ):
                    # the mentees are reminded by e-mail with the new nudge, once
                    for mentee, meeting in missing:
                        meeting._notify_feedback_awaited(mentee, reminder=True)

    # ------------------------------------------------------------
    # TOOLS
    # ------------------------------------------------------------

    def _mentorship_curator(self):
        self.ensure_one()
        return self.curator_id or self.programme_id._get_lead_curator()

    def _mentorship_participant_user(self, participant):
        """The internal user of a mentor or mentee who can see the pair in
        the backend, or an empty recordset (portal users are reminded on
        the portal, not by to-dos)."""
        user = participant.user_id
        if (
            user
            and not user.share
            and user.has_group("odoo_mentorship.group_mentorship_participant")
        ):
            return user
        return self.env["res.users"]

    def _mentorship_schedule_nudge(self, act_type_xmlid, user, summary, note):
        """Schedule the nudge unless an open one of this type exists for this user."""
        self.ensure_one()
        if not user:
            return self.env["mail.activity"]
        lock_rows(self)  # the nudge is given once, also to a job run twice at once
        if self.activity_search([act_type_xmlid], user_id=user.id):
            return self.env["mail.activity"]
        return self.activity_schedule(
            act_type_xmlid, summary=summary, note=note, user_id=user.id
        )
