from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from .mentorship_roles import check_role

# what the receiving school's record of a mentor lent through the district base keeps of
# the home school's: what the district base shows and the selection. Not kept: the
# personal data (birth date, categories, notes), the employee (of another school) and
# the consent, given to the home school: the receiving school records its own.
DISTRICT_LOAN_FIELDS = (
    "partner_id",
    "kind_id",
    "mentor_type",
    "competence_tag_ids",
    "capacity",
    "questionnaire_done",
    "interview_done",
    "training_done",
    "stage_id",
)


# who reads a mentor's awards and published practices (the ACL of both models)
PORTFOLIO_ACHIEVEMENT_GROUPS = (
    "odoo_mentorship.group_mentorship_participant,"
    "odoo_mentorship.group_mentorship_coordinator"
)


class MentorshipMentor(models.Model):
    """The mentor base (база наставников): one record per person and programme."""

    _name = "mentorship.mentor"
    _inherit = ["mentorship.participant.mixin"]
    _description = "Mentor"
    _order = "stage_id, id desc"

    stage_id = fields.Many2one(
        "mentorship.mentor.stage",
        string="Stage",
        default=lambda self: self._default_stage_id(),
        group_expand="_read_group_expand_full",
        ondelete="restrict",
        tracking=True,
        copy=False,
        index=True,
    )
    contour = fields.Selection(
        [("internal", "Internal"), ("external", "External")],
        required=True,
        default="internal",
        help="Internal: pupils, teachers and parents of the school. "
        "External: graduates, professionals, employers, partner organisations.",
    )
    mentor_type = fields.Selection(
        [("consultant", "Consultant"), ("subject", "Subject Mentor")],
    )
    organisation = fields.Char(
        help="Employer or partner organisation of an external mentor."
    )
    competence_tag_ids = fields.Many2many("mentorship.tag", string="Competencies")
    employee_skill_ids = fields.One2many(
        related="employee_id.employee_skill_ids",
        string="Employee Skills",
        groups="odoo_mentorship.group_mentorship_curator",
    )
    capacity = fields.Integer(
        default=1,
        tracking=True,
        help=(
            "How many mentees at most at once, in every school of the district the "
            "mentor works for: the home school sets it."
        ),
    )
    questionnaire_done = fields.Boolean(string="Questionnaire Filled", tracking=True)
    interview_done = fields.Boolean(string="Interview Passed", tracking=True)
    # the school of mentors: sessions attended (event), a passed certification (survey),
    # or the curator's credit; training_done is the one
    # result the rest of the code reads
    training_done = fields.Boolean(
        string="Training Completed",
        compute="_compute_training_done",
        store=True,
        tracking=True,
        help=(
            "Trained: the sessions of the school of mentors attended and its "
            "certification passed, as the school requires (Settings → Mentorship), or "
            "credited by the curator."
        ),
    )
    training_credited = fields.Boolean(
        tracking=True,
        help=(
            "The curator credits a training completed elsewhere (a course, another "
            "school) or in an earlier cycle of the programme."
        ),
    )
    # the portfolio's lists: the mentor's own and the school's (the district and HR read
    # neither the registrations nor the answers)
    training_registration_ids = fields.One2many(
        "event.registration",
        "mentorship_mentor_id",
        string="Training Sessions",
        groups="odoo_mentorship.group_mentorship_participant",
    )
    training_certification_ids = fields.One2many(
        "survey.user_input",
        "mentorship_mentor_id",
        string="Certifications",
        domain=[
            ("scoring_success", "=", True),
            ("mentorship_certification", "=", True),
        ],
        groups="odoo_mentorship.group_mentorship_participant",
        help="The certifications the mentor passed.",
    )
    training_session_count = fields.Integer(
        compute="_compute_training_status", string="Sessions Attended"
    )
    training_status = fields.Char(compute="_compute_training_status", string="Training")
    completed_pair_ids = fields.One2many(
        "mentorship.pair",
        "mentor_id",
        string="Completed Pairs",
        domain=[("state", "=", "done")],
    )
    # the portfolio's achievements: the awards granted to the mentor or their pairs, the
    # practices they wrote that the school published (read with the user's rights)
    portfolio_award_ids = fields.Many2many(
        "mentorship.award",
        compute="_compute_portfolio_achievements",
        string="Awards",
        groups=PORTFOLIO_ACHIEVEMENT_GROUPS,
    )
    portfolio_practice_ids = fields.Many2many(
        "mentorship.practice",
        compute="_compute_portfolio_achievements",
        string="Practices Published",
        groups=PORTFOLIO_ACHIEVEMENT_GROUPS,
    )
    portfolio = fields.Html()
    consent_ids = fields.One2many(
        "mentorship.consent",
        "mentor_id",
        string="Consents",
        groups="odoo_mentorship.group_mentorship_curator",
    )
    pair_ids = fields.One2many("mentorship.pair", "mentor_id", string="Pairs")
    pair_count = fields.Integer(compute="_compute_pair_count")
    active_mentee_count = fields.Integer(
        compute="_compute_active_mentee_count",
        compute_sudo=True,
        string="Current Mentees",
        help=(
            "Mentees in pairs still under way, in every school of the district the "
            "mentor works for."
        ),
    )
    # The district's mentor base (seed 002, 2.2): the coordinator publishes a mentor of
    # a school; another school requests them (mentorship.mentor.loan) and, once the home
    # school accepts, gets its own record of the person, linked to the home school's
    # record, in its own programme: its pairs are its own, the capacity is the person's.
    district_published = fields.Boolean(
        string="In the District Base",
        readonly=True,
        copy=False,
        tracking=True,
        help=(
            "Published by the district's coordinator: the curators of the other "
            "schools see the mentor in the district's mentor base (name, kind, "
            "competencies, free places) and may request them."
        ),
    )
    origin_mentor_id = fields.Many2one(
        "mentorship.mentor",
        string="Home Record",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="restrict",
        help=(
            "The record of the mentor's home school, which lent the mentor to this "
            "school through the district's mentor base."
        ),
    )
    home_company_id = fields.Many2one(
        "res.company", related="origin_mentor_id.company_id", string="Home School"
    )
    loan_mentor_ids = fields.One2many(
        "mentorship.mentor", "origin_mentor_id", string="Lent to Other Schools"
    )

    _sql_constraints = [
        (
            "partner_programme_uniq",
            "unique(partner_id, programme_id)",
            "This person is already in the mentor base of this programme.",
        ),
    ]

    def _default_stage_id(self):
        return self.env["mentorship.mentor.stage"].search([], limit=1)

    @api.depends_context("uid")
    def _compute_portfolio_achievements(self):
        awards = self.env["mentorship.award"].search(
            [
                ("state", "=", "granted"),
                "|",
                ("mentor_id", "in", self.ids),
                ("pair_id.mentor_id", "in", self.ids),
            ],
            order="year desc, id desc",
        )
        practices = self.env["mentorship.practice"].search(
            [("state", "=", "published"), ("mentor_ids", "in", self.ids)],
            order="date_published desc, id desc",
        )
        for mentor in self:
            mentor.portfolio_award_ids = awards.filtered(
                lambda award, m=mentor: m in (award.mentor_id | award.pair_id.mentor_id)
            )
            mentor.portfolio_practice_ids = practices.filtered(
                lambda practice, m=mentor: m in practice.mentor_ids
            )

    @api.depends(
        "pair_ids.mentee_ids",
        "pair_ids.stage_id",
        "loan_mentor_ids.pair_ids.mentee_ids",
        "loan_mentor_ids.pair_ids.stage_id",
        "origin_mentor_id.pair_ids.mentee_ids",
        "origin_mentor_id.pair_ids.stage_id",
        "origin_mentor_id.loan_mentor_ids.pair_ids.mentee_ids",
        "origin_mentor_id.loan_mentor_ids.pair_ids.stage_id",
    )
    def _compute_active_mentee_count(self):
        # as superuser: the other schools' pairs count, they are not shown
        families = {mentor: mentor._district_family() for mentor in self}
        # the pairs of every family in one read, not one per mentor
        everyone = self.sudo().browse().union(*families.values())
        everyone.pair_ids.mapped("stage_id.state")
        for mentor in self:
            mentor.active_mentee_count = len(
                families[mentor].pair_ids._filtered_open().mentee_ids
            )

    @api.depends("pair_ids")
    def _compute_pair_count(self):
        for mentor in self:
            mentor.pair_count = len(mentor.pair_ids)

    # ------------------------------------------------------------
    # THE SCHOOL OF MENTORS
    # ------------------------------------------------------------

    @api.depends(
        "training_credited",
        "training_registration_ids.state",
        "training_registration_ids.active",
        "training_registration_ids.event_id.event_type_id.mentorship_training",
        "training_certification_ids.scoring_success",
        "company_id.mentorship_training_sessions",
        "company_id.mentorship_training_survey_id",
    )
    def _compute_training_done(self):
        for mentor in self:
            mentor.training_done = (
                mentor.training_credited or not mentor._get_training_missing()
            )

    @api.depends(
        "training_done", "training_registration_ids.state", "training_certification_ids"
    )
    def _compute_training_status(self):
        for mentor in self:
            mentor.training_session_count = len(mentor._get_training_attended())
            if mentor.training_done:
                mentor.training_status = (
                    self.env._("Credited by the curator")
                    if mentor.training_credited and mentor._get_training_missing()
                    else self.env._("Training completed")
                )
            else:
                mentor.training_status = "; ".join(mentor._get_training_missing())

    def _get_training_attended(self):
        """The sessions of the school of mentors the mentor attended."""
        self.ensure_one()
        return self.sudo().training_registration_ids.filtered(
            lambda registration: registration.state == "done"
            and registration.event_id.mentorship_training
        )

    def _get_training_passed(self, survey):
        """The answers of the mentor that passed `survey` (a certification)."""
        self.ensure_one()
        return self.sudo().training_certification_ids.filtered(
            lambda answer: answer.survey_id == survey and answer.scoring_success
        )

    def _get_training_missing(self):
        """What the mentor still lacks for the school's training requirements, as
        sentences: empty once trained by attendance (and certification)."""
        self.ensure_one()
        company = self.sudo().company_id
        required = company.mentorship_training_sessions
        attended = len(self._get_training_attended())
        missing = []
        if attended < required:
            missing.append(
                self.env._(
                    "%(attended)s of %(required)s sessions of the school of mentors "
                    "attended",
                    attended=attended,
                    required=required,
                )
            )
        survey = company.mentorship_training_survey_id
        if survey and not self._get_training_passed(survey):
            missing.append(
                self.env._(
                    "the certification «%(survey)s» not passed", survey=survey.title
                )
            )
        return missing

    def _get_training_problem(self):
        """The one rule of «only trained mentors can be paired», for the pair
        constraint, the pairs order and the matching: why the mentor may not be
        paired yet, or None."""
        self.ensure_one()
        mentor = self.sudo()
        if (
            not mentor.company_id.mentorship_only_trained_mentors
            or mentor.training_done
        ):
            return None
        return self.env._(
            "%(mentor)s has not completed the school of mentors (%(missing)s): the "
            "school pairs only trained mentors.",
            mentor=mentor.partner_id.name,
            missing="; ".join(mentor._get_training_missing())
            or self.env._("not credited"),
        )

    def _check_trained(self):
        for mentor in self:
            problem = mentor._get_training_problem()
            if problem:
                raise ValidationError(problem)

    @api.constrains("capacity")
    def _check_capacity(self):
        for mentor in self:
            if mentor.capacity < 1:
                raise ValidationError(
                    self.env._("The capacity of a mentor must be at least one mentee.")
                )
            mentor._check_not_over_capacity()

    def _check_not_over_capacity(self):
        for mentor in self:
            problem = mentor._get_capacity_problem()
            if problem:
                raise ValidationError(problem)

    def _district_home(self):
        """The record of the mentor's home school (this one, unless lent by another)."""
        self.ensure_one()
        return self.origin_mentor_id or self

    def _district_family(self):
        """The records of one person across the schools of the district: the home
        school's and those of the schools it lent the mentor to (as superuser: the
        other schools' records and pairs count, they are not shown)."""
        self.ensure_one()
        home = self.sudo()._district_home()
        return home | home.with_context(active_test=False).loan_mentor_ids

    def _get_capacity_problem(self, pairs=None, extra_mentees=0):
        """The one capacity rule, for the pair constraint, the pairs order and the
        match wizard: the mentees of the mentor's open pairs, with those of `pairs`
        (pairs about to work) and `extra_mentees` more, fit the capacity. The capacity
        is the person's: the pairs of every school the mentor is lent to count, against
        the capacity the home school sets. Returns why not, or None."""
        self.ensure_one()
        family = self._district_family()
        open_pairs = family.pair_ids._filtered_open()
        if pairs:
            open_pairs |= pairs.sudo().filtered(lambda pair: pair.mentor_id in family)
        load = len(open_pairs.mentee_ids) + extra_mentees
        capacity = family[:1].capacity
        if load <= capacity:
            return None
        if len(family) > 1:
            return self.env._(
                "%(mentor)s can take %(capacity)s mentee(s) at once, not %(load)s: the "
                "mentor's pairs in the other schools of the district count too.",
                mentor=self.partner_id.name,
                capacity=capacity,
                load=load,
            )
        return self.env._(
            "%(mentor)s can take %(capacity)s mentee(s) at once, not %(load)s.",
            mentor=self.partner_id.name,
            capacity=capacity,
            load=load,
        )

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        if any(vals.get("district_published") for vals in vals_list):
            self._check_is_coordinator()
        return super().create(vals_list)

    def write(self, vals):
        if "district_published" in vals:
            self._check_is_coordinator()
        if "capacity" in vals and not self.env.su:
            lent = self.filtered(
                lambda mentor: mentor.origin_mentor_id
                and mentor.capacity != vals["capacity"]
            )
            if lent:
                raise UserError(
                    self.env._(
                        "%(mentor)s is lent by %(school)s: the home school sets the "
                        "capacity.",
                        mentor=lent[0].partner_id.name,
                        school=lent[0].home_company_id.name,
                    )
                )
        result = super().write(vals)
        if "capacity" in vals:
            # the records of the schools the mentor is lent to
            # show the home school's capacity
            lent = self.sudo().loan_mentor_ids.filtered(
                lambda mentor: mentor.capacity != vals["capacity"]
            )
            if lent:
                lent.write({"capacity": vals["capacity"]})
        return result

    # ------------------------------------------------------------
    # THE DISTRICT'S MENTOR BASE
    # ------------------------------------------------------------

    def _check_is_coordinator(self):
        check_role(
            self.env,
            "coordinator",
            self.env._(
                "Only the district's coordinator publishes mentors to the district's "
                "mentor base."
            ),
        )

    def _get_district_publish_problem(self):
        """Why the mentor cannot be offered to the other
        schools of the district, or None."""
        self.ensure_one()
        mentor = self.sudo()
        name = mentor.partner_id.name
        if mentor.origin_mentor_id:
            return self.env._(
                "%(name)s is lent by %(school)s: only the home school's record is "
                "published.",
                name=name,
                school=mentor.home_company_id.name,
            )
        if not mentor.active or mentor.is_anonymized:
            return self.env._("%(name)s is archived.", name=name)
        if mentor.programme_id.state == "closed":
            return self.env._("The programme of %(name)s is closed.", name=name)
        if mentor.is_minor:
            return self.env._(
                "%(name)s is a minor: only adult mentors are offered to the other "
                "schools.",
                name=name,
            )
        if not mentor.has_valid_consent:
            return mentor._get_consent_problem()
        return None

    def action_district_publish(self):
        """The coordinator offers these mentors to the other schools of the district."""
        self._check_is_coordinator()
        self.check_access("read")
        for mentor in self:
            problem = mentor._get_district_publish_problem()
            if problem:
                raise UserError(problem)
        self.sudo().filtered(
            lambda mentor: not mentor.district_published
        ).district_published = True

    def action_district_unpublish(self):
        """The coordinator takes these mentors out of the district base (the schools
        they are lent to keep them)."""
        self._check_is_coordinator()
        self.check_access("read")
        self.sudo().filtered("district_published").district_published = False

    def _district_loan_values(self, programme):
        """The values of the receiving school's record of this
        (home) mentor, in `programme`."""
        self.ensure_one()
        values = self._convert_to_write(
            {name: self[name] for name in DISTRICT_LOAN_FIELDS}
        )
        return {
            **values,
            "programme_id": programme.id,
            "origin_mentor_id": self.id,
            "contour": "external",
            "organisation": self.company_id.name,
        }

    def action_open_pairs(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Pairs of %(name)s", name=self.display_name),
            "res_model": "mentorship.pair",
            "view_mode": "kanban,list,form",
            "domain": [("mentor_id", "=", self.id)],
            "context": {
                "default_programme_id": self.programme_id.id,
                "default_mentor_id": self.id,
            },
        }

    def _get_pair_participants_sql(self, pairs):
        """The mentors of the `pairs` (SQL of pair ids)."""
        return SQL(
            "SELECT pair.mentor_id FROM mentorship_pair pair WHERE pair.id IN (%s)",
            pairs,
        )
