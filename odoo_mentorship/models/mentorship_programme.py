from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .mentorship_roles import check_role


class MentorshipProgramme(models.Model):
    """A mentorship programme of one school (company) for an academic period.

    Its state follows the school's paperwork: a draft is prepared by the curators,
    approved by the director, then runs for the academic year and is closed.
    """

    _name = "mentorship.programme"
    _description = "Mentorship Programme"
    _inherit = ["mentorship.thread", "mail.activity.mixin"]
    _order = "date_start desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    date_start = fields.Date(string="Start", required=True, tracking=True)
    date_end = fields.Date(string="End", required=True, tracking=True)
    curator_ids = fields.Many2many(
        "res.users",
        string="Curators",
        domain="[('share', '=', False), ('company_ids', 'in', company_id)]",
        default=lambda self: self.env.user,
    )
    form_ids = fields.Many2many("mentorship.form", string="Forms Offered")
    meeting_rhythm_days = fields.Integer(
        string="Meeting Rhythm (days)",
        help=(
            "The pairs of the programme meet at least this often: a pair without a "
            "meeting for longer is behind its rhythm and its mentor is reminded. 0: "
            "the school's setting."
        ),
    )
    goals = fields.Html(translate=False)
    expected_results = fields.Html(translate=False)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("approved", "Approved"),
            ("running", "Running"),
            ("closed", "Closed"),
        ],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
    )
    survey_ids = fields.Many2many(
        "survey.survey",
        string="Questionnaires",
        domain="[('survey_type', '=', 'mentorship')]",
        help=(
            "The questionnaires of this programme; for a role without one, the shared "
            "questionnaire is used."
        ),
    )
    monitoring_ids = fields.One2many(
        "mentorship.monitoring", "programme_id", string="Monitoring"
    )
    active = fields.Boolean(default=True)
    color = fields.Integer()
    mentee_ids = fields.One2many(
        "mentorship.mentee", "programme_id", string="Mentee Base"
    )
    mentor_ids = fields.One2many(
        "mentorship.mentor", "programme_id", string="Mentor Base"
    )
    pair_ids = fields.One2many(
        "mentorship.pair", "programme_id", string="Pairs and Groups"
    )
    previous_programme_id = fields.Many2one(
        "mentorship.programme",
        string="Previous Cycle",
        readonly=True,
        copy=False,
        index="btree_not_null",
        check_company=True,
        help="The programme of the previous year this one continues.",
    )
    next_programme_ids = fields.One2many(
        "mentorship.programme", "previous_programme_id", string="Next Cycle"
    )
    mentee_count = fields.Integer(compute="_compute_counts")
    mentor_count = fields.Integer(compute="_compute_counts")
    pair_count = fields.Integer(compute="_compute_counts")
    meeting_count = fields.Integer(compute="_compute_counts")

    def _compute_counts(self):
        counters = {
            "mentee_count": "mentorship.mentee",
            "mentor_count": "mentorship.mentor",
            "pair_count": "mentorship.pair",
            "meeting_count": "mentorship.meeting",
        }
        for field_name, model_name in counters.items():
            counts = dict(
                self.env[model_name]._read_group(
                    [("programme_id", "in", self.ids)], ["programme_id"], ["__count"]
                )
            )
            for programme in self:
                programme[field_name] = counts.get(programme, 0)

    def _get_lead_curator(self):
        """The curator who is told about the programme's records when nobody in
        particular is (a pair formed by HR or a job, a withdrawal, an answer): the first
        curator who is not the director, the director when there is no other (none
        without a programme)."""
        curators = self[:1].curator_ids
        return (
            curators.filtered(
                lambda u: not u.has_group("odoo_mentorship.group_mentorship_manager")
            )
            or curators
        )[:1]

    @api.model
    def _get_default_programme(self):
        """The programme a curator works in by default (new pairs, new base records):
        the running programme of the current school that the user curates, when there
        is exactly one."""
        running = self.search(
            [
                ("state", "=", "running"),
                ("company_id", "=", self.env.company.id),
                ("curator_ids", "in", self.env.uid),
            ],
            limit=2,
        )
        return running if len(running) == 1 else self.browse()

    def _get_survey(self, role):
        """The questionnaire that plays this role in the programme."""
        self.ensure_one()
        own = self.survey_ids.filtered(lambda s: s.mentorship_role == role)
        if own:
            return own[:1]
        return self.env["survey.survey"].search(
            [("survey_type", "=", "mentorship"), ("mentorship_role", "=", role)],
            order="id",
            limit=1,
        )

    # ------------------------------------------------------------
    # CONSTRAINTS
    # ------------------------------------------------------------

    _sql_constraints = [
        (
            "meeting_rhythm_days_positive",
            "CHECK(meeting_rhythm_days >= 0)",
            (
                "The meeting rhythm of a programme is a number of days (0: the "
                "school's setting)."
            ),
        ),
    ]

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for programme in self:
            if programme.date_end < programme.date_start:
                raise ValidationError(
                    self.env._(
                        "The programme «%(name)s» cannot end before it starts.",
                        name=programme.name,
                    )
                )

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        default_state = self.default_get(["state"]).get("state")
        if any(vals.get("state", default_state) != "draft" for vals in vals_list):
            self._check_is_manager()
        return super().create(vals_list)

    def write(self, vals):
        if "state" in vals:
            self._check_is_manager()
        return super().write(vals)

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_approve(self):
        self._check_state_move("draft")
        self.state = "approved"

    def action_run(self):
        self._check_state_move("approved")
        self.state = "running"

    def action_close(self):
        self._check_state_move("running")
        self.state = "closed"

    def action_reset_draft(self):
        self._check_state_move("approved")
        self.state = "draft"

    def _check_is_manager(self):
        check_role(
            self.env,
            "manager",
            self.env._(
                "Only the mentorship manager changes the state of a programme: "
                "curators prepare drafts."
            ),
        )

    def _check_state_move(self, from_state):
        self._check_is_manager()
        for programme in self:
            if programme.state != from_state:
                raise UserError(
                    self.env._(
                        "The programme «%(name)s» is not in the right state for this "
                        "action.",
                        name=programme.name,
                    )
                )

    def _action_open(self, model_name, title, view_mode="kanban,list,form"):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": title,
            "res_model": model_name,
            "view_mode": view_mode,
            "domain": [("programme_id", "=", self.id)],
            "context": {"default_programme_id": self.id},
        }

    def action_open_mentees(self):
        return self._action_open("mentorship.mentee", self.env._("Mentee Base"))

    def action_open_mentors(self):
        return self._action_open("mentorship.mentor", self.env._("Mentor Base"))

    def action_open_pairs(self):
        return self._action_open("mentorship.pair", self.env._("Pairs and Groups"))

    def action_open_meetings(self):
        return self._action_open(
            "mentorship.meeting", self.env._("Meetings"), view_mode="list,calendar,form"
        )

    def action_open_monitoring(self):
        return self._action_open(
            "mentorship.monitoring", self.env._("Monitoring"), view_mode="list,form"
        )

    def action_next_cycle(self):
        """The wizard creating next year's programme from this one."""
        self.ensure_one()
        check_role(
            self.env,
            "curator",
            self.env._(
                "Only a curator or the director prepares the next cycle of a programme."
            ),
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Next Cycle"),
            "res_model": "mentorship.programme.next.cycle",
            "view_mode": "form",
            "target": "new",
            "context": {"default_programme_id": self.id},
        }

    def action_send_survey(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Send a Questionnaire"),
            "res_model": "mentorship.survey.send",
            "view_mode": "form",
            "target": "new",
            "context": {"default_programme_id": self.id},
        }
