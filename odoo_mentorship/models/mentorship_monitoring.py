from datetime import datetime, time, timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from .mentorship_roles import check_history_unlink, check_role
from .survey_survey import SURVEY_ROLES

DIMENSIONS = [
    ("engagement", "Engagement"),
    ("activity", "Activeness"),
    ("self_esteem", "Self-Esteem"),
    ("anxiety", "Anxiety"),
    ("results", "Results"),
]


def satisfaction_counts(answers, threshold):
    """(satisfied, rated) among finished answers: satisfied when the average of the
    satisfaction ratings reaches the threshold."""
    scores = answers.filtered(lambda a: a.state == "done")._get_mentorship_scores()
    rated = [
        values["satisfaction"]
        for values in scores.values()
        if values["satisfaction"] is not None
    ]
    return sum(1 for rating in rated if rating >= threshold), len(rated)


class MentorshipMonitoring(models.Model):
    """The two-stage monitoring of a programme for a period (seed 001): stage 1, the
    quality of the programme from the questionnaires; stage 2, the growth of each
    participant from the entry and exit diagnostics. Computed from the answers,
    recomputable until the curator confirms it, then frozen."""

    _name = "mentorship.monitoring"
    _description = "Mentorship Monitoring"
    _inherit = ["mentorship.thread"]
    _order = "date_to desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    programme_id = fields.Many2one(
        "mentorship.programme", required=True, check_company=True, index=True
    )
    company_id = fields.Many2one(
        related="programme_id.company_id", store=True, index=True, precompute=True
    )
    date_from = fields.Date(string="From", required=True)
    date_to = fields.Date(string="To", required=True)
    satisfaction_threshold = fields.Float(
        compute="_compute_satisfaction_threshold",
        store=True,
        readonly=False,
        precompute=True,
        help=(
            "A participant is satisfied when the average of the satisfaction ratings "
            "reaches it (1–5); the school's threshold, the one the indicators use, "
            "unless changed here."
        ),
    )
    state = fields.Selection(
        [("draft", "Draft"), ("confirmed", "Confirmed")],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
    )
    computed_at = fields.Datetime(readonly=True, copy=False)
    response_rate = fields.Float(string="Response Rate (%)", readonly=True, copy=False)
    mentee_satisfaction_rate = fields.Float(
        string="Mentees Satisfied (%)", readonly=True, copy=False
    )
    mentor_satisfaction_rate = fields.Float(
        string="Mentors Satisfied (%)", readonly=True, copy=False
    )
    survey_line_ids = fields.One2many(
        "mentorship.monitoring.survey.line", "monitoring_id", readonly=True, copy=False
    )
    question_line_ids = fields.One2many(
        "mentorship.monitoring.question.line",
        "monitoring_id",
        readonly=True,
        copy=False,
    )
    growth_line_ids = fields.One2many(
        "mentorship.monitoring.growth.line", "monitoring_id", readonly=True, copy=False
    )
    strengths = fields.Html()
    weaknesses = fields.Html()
    proposals = fields.Html()

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for monitoring in self:
            if monitoring.date_to < monitoring.date_from:
                raise UserError(
                    self.env._("The monitoring period cannot end before it starts.")
                )

    def write(self, vals):
        if set(vals) - {"state", "message_main_attachment_id"}:
            self._check_not_frozen()
        reopens = "state" in vals and vals["state"] != "confirmed"
        if reopens and any(m.state == "confirmed" for m in self):
            check_role(
                self.env,
                "manager",
                self.env._(
                    "Only the mentorship manager reopens a confirmed monitoring."
                ),
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_confirmed(self):
        check_history_unlink(
            self.filtered(lambda m: m.state == "confirmed"),
            self.env._(
                "A confirmed monitoring cannot be deleted: the manager sets it back to "
                "draft to correct it."
            ),
        )

    def _check_not_frozen(self):
        if any(monitoring.state == "confirmed" for monitoring in self):
            raise UserError(
                self.env._(
                    "A confirmed monitoring is frozen: set it back to draft to change "
                    "it."
                )
            )

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_compute(self):
        for monitoring in self:
            if monitoring.state == "confirmed":
                raise UserError(
                    self.env._(
                        "A confirmed monitoring is frozen: set it back to draft to "
                        "recompute it."
                    )
                )
            monitoring._do_compute()

    def action_confirm(self):
        self.filtered(lambda m: not m.computed_at).action_compute()
        self.write({"state": "confirmed"})

    def action_reset_draft(self):
        self.write({"state": "draft"})

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    @api.depends("programme_id")
    def _compute_satisfaction_threshold(self):
        for monitoring in self:
            monitoring.satisfaction_threshold = (
                monitoring.programme_id.company_id.mentorship_satisfaction_threshold
                or 4.0
            )

    def _get_answers(self):
        """The mentorship answers of the programme that belong to the period: finished
        in it, or sent in it and not finished (the indicators' rule)."""
        self.ensure_one()
        return (
            self.env["survey.user_input"]
            .sudo()
            .search(
                [
                    ("mentorship_programme_id", "=", self.programme_id.id),
                    ("test_entry", "=", False),
                    *self.env["survey.user_input"]._mentorship_period_domain(
                        datetime.combine(self.date_from, time.min),
                        datetime.combine(self.date_to + timedelta(days=1), time.min),
                    ),
                ]
            )
        )

    def _do_compute(self):
        self.ensure_one()
        answers = self._get_answers()
        done = answers.filtered(lambda a: a.state == "done")
        self.survey_line_ids.unlink()
        self.question_line_ids.unlink()
        self.growth_line_ids.unlink()

        survey_lines = []
        for role, _label in SURVEY_ROLES:
            invited = answers.filtered(lambda a, r=role: a.mentorship_role == r)
            if invited:
                answered = invited.filtered(lambda a: a.state == "done")
                survey_lines.append(
                    {
                        "monitoring_id": self.id,
                        "role": role,
                        "survey_id": invited[0].survey_id.id,
                        "invited_count": len(invited),
                        "answered_count": len(answered),
                        "response_rate": 100.0 * len(answered) / len(invited),
                    }
                )
        self.env["mentorship.monitoring.survey.line"].create(survey_lines)

        question_lines = []
        lines = done.user_input_line_ids.filtered(
            lambda line: not line.skipped
            and line.question_id.question_type in ("scale", "numerical_box")
        )
        by_question = {}
        for line in lines:
            value = (
                line.value_scale
                if line.answer_type == "scale"
                else line.value_numerical_box
            )
            by_question.setdefault(line.question_id, []).append(value)
        for question, values in by_question.items():
            satisfied = sum(1 for v in values if v >= self.satisfaction_threshold)
            question_lines.append(
                {
                    "monitoring_id": self.id,
                    "survey_id": question.survey_id.id,
                    "question_id": question.id,
                    "answer_count": len(values),
                    "average": sum(values) / len(values),
                    "satisfied_rate": 100.0 * satisfied / len(values)
                    if question.mentorship_is_satisfaction
                    else 0.0,
                }
            )
        self.env["mentorship.monitoring.question.line"].create(question_lines)

        self.env["mentorship.monitoring.growth.line"].create(
            self._get_growth_values(done)
        )

        rates = {}
        for role in ("mentee_satisfaction", "mentor_satisfaction"):
            satisfied, rated = satisfaction_counts(
                done.filtered(lambda a, r=role: a.mentorship_role == r),
                self.satisfaction_threshold,
            )
            rates[role] = 100.0 * satisfied / rated if rated else 0.0
        return super().write(
            {
                "computed_at": fields.Datetime.now(),
                "response_rate": 100.0 * len(done) / len(answers) if answers else 0.0,
                "mentee_satisfaction_rate": rates["mentee_satisfaction"],
                "mentor_satisfaction_rate": rates["mentor_satisfaction"],
            }
        )

    def _get_growth_values(self, done):
        """Entry vs exit per participant and dimension,
        from their latest diagnostics."""
        latest = {}
        for answer in done.filtered(
            lambda a: a.mentorship_role in ("entry", "exit")
        ).sorted("create_date"):
            participant = (
                answer.mentorship_mentee_id
                or answer.mentorship_mentor_id
                or answer.partner_id
            )
            latest[(participant, answer.mentorship_role)] = answer
        scores = (
            self.env["survey.user_input"]
            .concat(*latest.values())
            ._get_mentorship_scores()
        )
        values = []
        for (participant, role), entry in latest.items():
            exit_answer = latest.get((participant, "exit"))
            if role != "entry" or not exit_answer:
                continue
            entry_scores = scores[entry]["dimensions"]
            exit_scores = scores[exit_answer]["dimensions"]
            for dimension in sorted(set(entry_scores) & set(exit_scores)):
                values.append(
                    {
                        "monitoring_id": self.id,
                        "partner_id": entry.partner_id.id or participant.partner_id.id,
                        "mentee_id": entry.mentorship_mentee_id.id,
                        "mentor_id": entry.mentorship_mentor_id.id,
                        "dimension": dimension,
                        "entry_score": entry_scores[dimension],
                        "exit_score": exit_scores[dimension],
                    }
                )
        return values
