from contextlib import closing

from odoo import Command, api, fields, models
from odoo.exceptions import UserError

from ..matching import ADMISSIBLE
from ..models.hr_employee import FIND_MENTOR_ACTIVITY
from ..models.mentorship_pair import OPEN_STATES
from ..models.mentorship_roles import check_role

TEACHER_FORM = "odoo_mentorship.form_teacher_teacher"
YOUNG_VARIANT = "odoo_mentorship.variant_teacher_teacher_experienced_young"


class MentorshipEmployeeMatch(models.TransientModel):
    """Find a Mentor (Подобрать наставника) for an employee, from the Employees app.

    HR officers (Employees / Officer, no mentorship group) link young specialists
    and new teachers to mentors: the eligible mentors of the running teacher–teacher
    programme of the employee's school are ranked by the matching engine, those of
    the employee's department first. Choosing one creates (or reuses) the employee's
    mentee record and a pair in forming, with a to-do for the programme's curator to
    confirm it. HR officers read neither pupils nor feedback nor diagnostics: the
    records are written here as superuser, after the checks.

    Eligible: an employee in the mentor base with a valid consent and a free place,
    not the employee's direct manager nor a past pair that failed (the engine's
    exclusions), and with more teaching experience than the employee, at least the
    school's minimum (the pair's eligibility rule).
    """

    _name = "mentorship.employee.match"
    _description = "Find a Mentor for an Employee"

    employee_id = fields.Many2one(
        "hr.employee", required=True, readonly=True, ondelete="cascade"
    )
    programme_id = fields.Many2one(
        "mentorship.programme", readonly=True, ondelete="cascade"
    )
    line_ids = fields.One2many(
        "mentorship.employee.match.line", "wizard_id", string="Eligible Mentors"
    )
    message = fields.Char(readonly=True)

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    @api.model
    def _action_open_for(self, employee):
        """The eligible mentors of `employee`, ready to choose
        (button of the employee form)."""
        self._check_can_propose(employee)
        wizard = self.create({"employee_id": employee.id})
        wizard._do_suggest()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Find a Mentor for %(name)s", name=employee.name),
            "res_model": self._name,
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
            "context": {"dialog_size": "extra-large"},
        }

    def _action_choose(self, mentor):
        self.ensure_one()
        self._check_can_propose(self.employee_id)
        pair = self._do_propose(mentor)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "%(mentor)s is proposed as the mentor of %(mentee)s; the curator "
                    "%(curator)s confirms the pair.",
                    mentor=mentor.partner_id.name,
                    mentee=self.employee_id.name,
                    curator=pair.curator_id.name or "—",
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    @api.model
    def _check_can_propose(self, employee):
        check_role(
            self.env,
            "hr_officer",
            self.env._("Only HR officers find a mentor from the Employees app."),
        )
        # an employee of the user's schools: the employee's own record rules say so
        employee.check_access("write")

    @api.model
    def _get_programme(self, employee):
        """The running teacher–teacher programme of the employee's school: the one the
        employee is already a mentee of, or else the most recent."""
        programmes = (
            self.env["mentorship.programme"]
            .sudo()
            .search(
                [
                    ("state", "=", "running"),
                    ("company_id", "=", employee.company_id.id),
                    ("form_ids", "in", self.env.ref(TEACHER_FORM).id),
                ],
                order="date_start desc, id desc",
            )
        )
        current = programmes.filtered(
            lambda programme: employee in programme.mentee_ids.employee_id
        )
        return current[:1] or programmes[:1]

    def _get_mentee(self):
        """The employee's record in the mentee base of the
        programme (archived ones too)."""
        return (
            self.env["mentorship.mentee"]
            .sudo()
            .with_context(active_test=False)
            .search(
                [
                    ("programme_id", "=", self.programme_id.id),
                    "|",
                    ("employee_id", "=", self.employee_id.id),
                    ("partner_id", "=", self.employee_id.sudo().work_contact_id.id),
                ],
                limit=1,
            )
        )

    def _prepare_mentee_vals(self):
        enrol = (
            self.env["mentorship.enrol.employee"]
            .sudo()
            .new(
                {
                    "employee_ids": [Command.set(self.employee_id.ids)],
                    "programme_id": self.programme_id.id,
                    "base": "mentee",
                }
            )
        )
        return enrol._prepare_base_vals_list()[0]

    def _do_suggest(self):
        self.ensure_one()
        employee = self.employee_id
        programme = self._get_programme(employee)
        self.programme_id = programme
        if not programme:
            self.message = self.env._(
                "%(school)s runs no teacher–teacher programme: ask the curator to "
                "start one.",
                school=employee.company_id.name,
            )
            return
        mentee = self._get_mentee()
        pairs = mentee.pair_ids.filtered(lambda pair: pair.state in OPEN_STATES)
        if pairs:
            self.message = self.env._(
                "%(name)s already has a mentor: %(mentor)s (%(stage)s).",
                name=employee.name,
                mentor=pairs[0].mentor_id.partner_id.name,
                stage=pairs[0].stage_id.name,
            )
            return
        candidates = self._get_candidates(mentee)
        self.line_ids = [
            Command.create({**values, "rank": rank})
            for rank, values in enumerate(candidates, start=1)
        ]
        if not candidates:
            self.message = self.env._(
                "No eligible mentor in «%(programme)s»: more teaching experience, a "
                "valid consent and a free place are needed. Ask the curator to add "
                "mentors to the base.",
                programme=programme.name,
            )

    def _get_candidates(self, mentee):
        """[{mentor_id, score, explanation, same_department}] of the eligible mentors,
        best first. The engine needs a mentee record: for an employee not in the base
        yet, one is made in a savepoint rolled back at once (called before anything is
        written: the rollback also drops the pending pre-commit hooks)."""
        if mentee:
            return self._rank_mentors(mentee)
        with closing(self.env.cr.savepoint()):
            return self._rank_mentors(
                self.env["mentorship.mentee"].sudo().create(self._prepare_mentee_vals())
            )

    def _rank_mentors(self, mentee):
        env = self.env(su=True)
        programme = self.programme_id.with_env(env)
        mentors, _left_out = env["mentorship.matching"]._split_ready_mentors(
            programme.mentor_ids.filtered("employee_id")
        )
        problem = env["mentorship.matching"]._build_problem(programme, mentee, mentors)
        Pair = env["mentorship.pair"]
        candidates = []
        for j, mentor in enumerate(problem.mentors):
            # the engine's exclusions of the mentor (the mentee's missing consent is the
            # curator's to collect before the pair leaves
            # forming: not an exclusion here)
            if problem.exclusion[0, j] != ADMISSIBLE or not problem.pair_form[0, j]:
                continue
            form = env["mentorship.form"].browse(int(problem.pair_form[0, j]))
            draft = Pair.new(
                {
                    "programme_id": programme.id,
                    "mentor_id": mentor.id,
                    "mentee_ids": [Command.set(mentee.ids)],
                    "form_id": form.id,
                }
            )
            if draft._get_eligibility_problem():
                continue
            same_department = bool(problem.mentee_department[0]) and (
                problem.mentee_department[0] == problem.mentor_department[j]
            )
            candidates.append(
                {
                    "mentor_id": mentor.id,
                    "score": float(problem.score[0, j]),
                    "explanation": problem.explain(0, j),
                    "same_department": same_department,
                }
            )
        candidates.sort(
            key=lambda c: (not c["same_department"], -c["score"], c["mentor_id"])
        )
        return candidates

    def _do_propose(self, mentor):
        """The pair in forming for the curator, with the mentee record if needed. The
        programme and the mentor are found again here, not taken from the wizard."""
        self.ensure_one()
        programme = self._get_programme(self.employee_id)
        if not programme or programme != self.programme_id:
            raise UserError(
                self.env._(
                    "The programmes have changed since the search: find a mentor again."
                )
            )
        mentee = self._get_mentee()
        if mentee and mentee.pair_ids.filtered(lambda pair: pair.state in OPEN_STATES):
            raise UserError(
                self.env._("%(name)s already has a mentor.", name=self.employee_id.name)
            )
        eligible = {values["mentor_id"] for values in self._get_candidates(mentee)}
        if mentor.id not in eligible:
            raise UserError(
                self.env._(
                    "%(mentor)s can no longer mentor %(name)s (no free place, or not "
                    "eligible any more): find a mentor again.",
                    mentor=mentor.sudo().partner_id.name,
                    name=self.employee_id.name,
                )
            )
        Mentee = self.env["mentorship.mentee"].sudo()
        if not mentee:
            mentee = Mentee.create(self._prepare_mentee_vals())
        elif not mentee.active:
            mentee.active = True
        young = self.employee_id.sudo().is_young_specialist
        variant = (
            self.env.ref(YOUNG_VARIANT, raise_if_not_found=False) if young else None
        )
        pair = (
            self.env["mentorship.pair"]
            .sudo()
            .create(
                {
                    "programme_id": self.programme_id.id,
                    "mentor_id": mentor.id,
                    "mentee_ids": [Command.set(mentee.ids)],
                    "form_id": self.env.ref(TEACHER_FORM).id,
                    "variant_id": variant.id if variant else False,
                }
            )
        )
        pair.message_post(
            body=self.env._(
                "Proposed by %(user)s (HR) from the Employees app: to be confirmed by "
                "the curator.",
                user=self.env.user.name,
            ),
            author_id=self.env.user.partner_id.id,
        )
        # HR's to-do of the adaptation period is done
        self.employee_id.sudo().activity_feedback(
            [FIND_MENTOR_ACTIVITY],
            feedback=self.env._(
                "Mentor proposed: %(mentor)s.", mentor=mentor.partner_id.name
            ),
        )
        curator = pair._mentorship_curator()
        if curator:
            record = pair._in_lang_of(curator)
            record._schedule_todo_once(
                curator,
                record.env._("Confirm the pair proposed by HR"),
                record.env._(
                    "%(user)s (HR) proposed %(mentor)s as the mentor of %(mentee)s. "
                    "Check the consents and plan the introduction meeting, or dissolve "
                    "the pair.",
                    user=self.env.user.name,
                    mentor=mentor.partner_id.name,
                    mentee=mentee.partner_id.name,
                ),
            )
        return pair


class MentorshipEmployeeMatchLine(models.TransientModel):
    """An eligible mentor for the employee: the engine's score and its explanation."""

    _name = "mentorship.employee.match.line"
    _description = "Eligible Mentor"
    _order = "wizard_id, rank, id"

    wizard_id = fields.Many2one(
        "mentorship.employee.match", required=True, ondelete="cascade", index=True
    )
    rank = fields.Integer()
    mentor_id = fields.Many2one(
        "mentorship.mentor", required=True, readonly=True, ondelete="cascade"
    )
    score = fields.Float(readonly=True, digits=(5, 2))
    explanation = fields.Text(readonly=True)
    same_department = fields.Boolean(readonly=True)
    free_places = fields.Integer(compute="_compute_mentor_figures")
    teaching_experience = fields.Char(compute="_compute_mentor_figures")

    @api.depends("mentor_id")
    def _compute_mentor_figures(self):
        for line in self:
            mentor = line.mentor_id.sudo()
            line.free_places = mentor.capacity - mentor.active_mentee_count
            line.teaching_experience = mentor.employee_id.teaching_experience_display

    def action_choose(self):
        self.ensure_one()
        return self.wizard_id._action_choose(self.mentor_id)
