from collections import Counter

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools.misc import formatLang

from ..models.mentorship_roles import check_role


class MentorshipMatchWizard(models.TransientModel):
    """Suggest Mentors (Подобрать наставников).

    Pool mode: for the selected mentees, or the whole waiting base of the programme,
    one optimal assignment that respects the mentors' free places. Top mode: the
    five best mentors of each selected mentee. Both show draft suggestions with
    their score and its explanation; the curator accepts, edits or discards them,
    and the accepted ones become pairs in forming.
    """

    _name = "mentorship.match.wizard"
    _description = "Suggest Mentors"

    programme_id = fields.Many2one(
        "mentorship.programme",
        required=True,
        domain="[('state', 'in', ('approved', 'running'))]",
        default=lambda self: self._default_programme_id(),
    )
    mode = fields.Selection(
        [
            ("pool", "Optimal Assignment of the Pool"),
            ("top", "Top 5 Mentors per Mentee"),
        ],
        required=True,
        default="pool",
    )
    mentee_ids = fields.Many2many(
        "mentorship.mentee",
        string="Mentees",
        domain="[('programme_id', '=', programme_id)]",
        help="Leave empty for the whole waiting base of the programme.",
    )
    state = fields.Selection(
        [("draft", "Draft"), ("suggested", "Suggested")], default="draft", required=True
    )
    line_ids = fields.One2many(
        "mentorship.match.wizard.line", "wizard_id", string="Suggestions"
    )
    unmatched_ids = fields.One2many(
        "mentorship.match.wizard.unmatched", "wizard_id", string="Unmatched"
    )
    summary = fields.Char(compute="_compute_summary")
    left_out = fields.Text(string="Mentors Not Suggested", readonly=True)

    # ------------------------------------------------------------
    # DEFAULTS AND COMPUTES
    # ------------------------------------------------------------

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        context = self.env.context
        if context.get("active_model") == "mentorship.mentee" and context.get(
            "active_ids"
        ):
            mentees = self.env["mentorship.mentee"].browse(context["active_ids"])
            values["mentee_ids"] = [(6, 0, mentees.ids)]
            if len(mentees.programme_id) == 1:
                values["programme_id"] = mentees.programme_id.id
        elif context.get("active_model") == "mentorship.programme" and context.get(
            "active_id"
        ):
            values["programme_id"] = context["active_id"]
        return values

    def _default_programme_id(self):
        return self.env["mentorship.programme"].search(
            [("state", "=", "running"), ("company_id", "=", self.env.company.id)],
            limit=1,
        )

    @api.depends("line_ids.accepted", "line_ids.score", "unmatched_ids", "mode")
    def _compute_summary(self):
        for wizard in self:
            accepted = wizard.line_ids.filtered("accepted")
            mentees = len(wizard.line_ids.mentee_id | wizard.unmatched_ids.mentee_id)
            if wizard.mode == "top":
                wizard.summary = self.env._(
                    "Up to 5 mentors for each of %(count)s mentee(s); tick the one to "
                    "pair.",
                    count=mentees,
                )
                continue
            average = sum(accepted.mapped("score")) / len(accepted) if accepted else 0.0
            wizard.summary = self.env._(
                "%(matched)s of %(total)s mentee(s) matched, average score %(score)s.",
                matched=len(accepted),
                total=mentees,
                score=formatLang(self.env, average, digits=1),
            )

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_suggest(self):
        self.ensure_one()
        self._check_can_suggest()
        self._do_suggest()
        return self._action_reopen()

    def action_create_pairs(self):
        self.ensure_one()
        lines = self.line_ids.filtered("accepted")
        self._check_can_create_pairs(lines)
        pairs = self._do_create_pairs(lines)
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Suggested Pairs"),
            "res_model": "mentorship.pair",
            "view_mode": "list,kanban,form",
            "domain": [("id", "in", pairs.ids)],
            "context": {"default_programme_id": self.programme_id.id},
        }

    @api.model
    def _action_open_top(self, mentees):
        """The top 5 mentors of these mentees, ready to read
        (button of the mentee form)."""
        wizard = self.create(
            {
                "programme_id": mentees.programme_id[:1].id,
                "mode": "top",
                "mentee_ids": [(6, 0, mentees.ids)],
            }
        )
        return wizard.action_suggest()

    def _action_reopen(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Suggest Mentors"),
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    def _check_is_curator(self):
        check_role(
            self.env,
            "curator",
            self.env._("Only a curator suggests mentors and forms pairs."),
        )

    def _check_can_suggest(self):
        self._check_is_curator()
        self.programme_id.check_access("read")
        others = self.mentee_ids.filtered(
            lambda mentee: mentee.programme_id != self.programme_id
        )
        if others:
            raise UserError(
                self.env._(
                    "%(name)s is not in the programme «%(programme)s»: suggest mentors "
                    "within one programme.",
                    name=others[0].partner_id.name,
                    programme=self.programme_id.name,
                )
            )

    def _do_suggest(self):
        Matching = self.env["mentorship.matching"]
        mentees = self.mentee_ids or Matching._waiting_mentees(self.programme_id)
        mentors, left_out = Matching._split_ready_mentors(self.programme_id.mentor_ids)
        problem = Matching._build_problem(self.programme_id, mentees, mentors)
        line_values, unmatched_values = [], []
        if self.mode == "pool":
            assignment, unmatched = problem.assign()
            for i, j in sorted(assignment.items()):
                line_values.append(self._line_values(problem, i, j, accepted=True))
            for i, reason in sorted(unmatched.items()):
                unmatched_values.append(
                    {"mentee_id": problem.mentees[i].id, "reason": reason}
                )
        else:
            for i in range(problem.n):
                best = problem.top(i)
                for rank, j in enumerate(best, start=1):
                    line_values.append(
                        self._line_values(problem, i, j, accepted=False, rank=rank)
                    )
                if not best:
                    unmatched_values.append(
                        {
                            "mentee_id": problem.mentees[i].id,
                            "reason": problem._unmatched_reason(i),
                        }
                    )
        self.line_ids.unlink()
        self.unmatched_ids.unlink()
        self.write(
            {
                "state": "suggested",
                "left_out": "\n".join(
                    left_out[mentor]
                    for mentor in sorted(
                        left_out, key=lambda m: m.partner_id.name or ""
                    )
                ),
                "line_ids": [(0, 0, values) for values in line_values],
                "unmatched_ids": [(0, 0, values) for values in unmatched_values],
            }
        )

    def _line_values(self, problem, i, j, accepted, rank=0):
        return {
            "mentee_id": problem.mentees[i].id,
            "mentor_id": problem.mentors[j].id,
            "rank": rank,
            "score": float(problem.score[i, j]),
            "explanation": problem.explain(i, j),
            "exclusion": False,
            "form_id": int(problem.pair_form[i, j]) or False,
            "accepted": accepted,
        }

    def _check_can_create_pairs(self, lines):
        self._check_is_curator()
        if not lines:
            raise UserError(
                self.env._("Accept at least one suggestion to create pairs.")
            )
        twice = [
            mentee for mentee, count in Counter(lines.mentee_id).items() if count > 1
        ]
        if twice:
            raise UserError(
                self.env._(
                    "%(name)s is accepted with several mentors: keep one.",
                    name=twice[0].partner_id.name,
                )
            )
        for line in lines:
            if not line.mentor_id or not line.form_id:
                raise UserError(
                    self.env._(
                        "Choose a mentor and a form for %(name)s, or discard the "
                        "suggestion.",
                        name=line.mentee_id.partner_id.name,
                    )
                )
            if line.exclusion:
                raise UserError(
                    self.env._(
                        "%(mentee)s cannot be paired with %(mentor)s: %(reason)s",
                        mentee=line.mentee_id.partner_id.name,
                        mentor=line.mentor_id.partner_id.name,
                        reason=line.exclusion,
                    )
                )
        for mentor, count in Counter(lines.mentor_id).items():
            problem = mentor._get_capacity_problem(extra_mentees=count)
            if problem:
                raise UserError(problem)

    def _do_create_pairs(self, lines):
        # a mentee who sent a pair back as not a good fit leaves it for the new mentor
        sent_back = self.env["mentorship.matching"]._sent_back_pairs(lines.mentee_id)
        Pair = self.env["mentorship.pair"]
        for pair_id, mentee_ids in self._group_by_pair(sent_back).items():
            pair = Pair.browse(pair_id)
            if set(pair.mentee_ids.ids) <= mentee_ids:
                pair.action_dissolve()
            else:
                pair.mentee_ids = [(3, mentee_id) for mentee_id in mentee_ids]
        return Pair.create(
            [
                {
                    "programme_id": self.programme_id.id,
                    "mentor_id": line.mentor_id.id,
                    "mentee_ids": [(6, 0, line.mentee_id.ids)],
                    "form_id": line.form_id.id,
                }
                for line in lines
            ]
        )

    @staticmethod
    def _group_by_pair(pair_mentees):
        grouped = {}
        for pair_id, mentee_id in pair_mentees:
            grouped.setdefault(pair_id, set()).add(mentee_id)
        return grouped


class MentorshipMatchWizardLine(models.TransientModel):
    """A suggested pair: the score, its explanation and the curator's decision."""

    _name = "mentorship.match.wizard.line"
    _description = "Mentor Suggestion"
    _order = "wizard_id, mentee_id, rank, id"

    wizard_id = fields.Many2one(
        "mentorship.match.wizard", required=True, ondelete="cascade", index=True
    )
    programme_id = fields.Many2one(related="wizard_id.programme_id")
    mentee_id = fields.Many2one("mentorship.mentee", required=True, ondelete="cascade")
    mentor_id = fields.Many2one(
        "mentorship.mentor",
        ondelete="cascade",
        domain="[('programme_id', '=', programme_id)]",
    )
    rank = fields.Integer()
    score = fields.Float(
        compute="_compute_match", store=True, readonly=False, digits=(5, 2)
    )
    explanation = fields.Text(compute="_compute_match", store=True, readonly=False)
    exclusion = fields.Char(
        compute="_compute_match",
        store=True,
        readonly=False,
        help="Why this mentor cannot be chosen.",
    )
    form_id = fields.Many2one(
        "mentorship.form",
        compute="_compute_match",
        store=True,
        readonly=False,
        domain="[('id', 'in', programme_form_ids)]",
    )
    programme_form_ids = fields.Many2many(related="wizard_id.programme_id.form_ids")
    accepted = fields.Boolean()

    @api.depends("mentor_id", "mentee_id")
    def _compute_match(self):
        """Scores a mentor the curator picked by hand, with the same engine."""
        for wizard, lines in self.grouped("wizard_id").items():
            lines_with_mentor = lines.filtered("mentor_id")
            (lines - lines_with_mentor).update(
                {
                    "score": 0.0,
                    "explanation": False,
                    "exclusion": False,
                    "form_id": False,
                }
            )
            if not lines_with_mentor:
                continue
            problem = self.env["mentorship.matching"]._build_problem(
                wizard.programme_id,
                lines_with_mentor.mentee_id,
                lines_with_mentor.mentor_id,
            )
            for line in lines_with_mentor:
                i = problem.index_of_mentee[line.mentee_id.id]
                j = problem.index_of_mentor[line.mentor_id.id]
                line.update(
                    {
                        "score": float(problem.score[i, j]),
                        "explanation": problem.explain(i, j),
                        "exclusion": problem.exclusion_reason(i, j) or False,
                        "form_id": int(problem.pair_form[i, j]) or False,
                    }
                )


class MentorshipMatchWizardUnmatched(models.TransientModel):
    """A mentee the suggestion could not match, and why."""

    _name = "mentorship.match.wizard.unmatched"
    _description = "Unmatched Mentee"
    _order = "wizard_id, mentee_id"

    wizard_id = fields.Many2one(
        "mentorship.match.wizard", required=True, ondelete="cascade", index=True
    )
    mentee_id = fields.Many2one("mentorship.mentee", required=True, ondelete="cascade")
    reason = fields.Char(required=True)
