from odoo import api, fields, models
from odoo.exceptions import ValidationError


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
        default=1, tracking=True, help="How many mentees at most at once."
    )
    questionnaire_done = fields.Boolean(string="Questionnaire Filled", tracking=True)
    interview_done = fields.Boolean(string="Interview Passed", tracking=True)
    training_done = fields.Boolean(string="Training Completed", tracking=True)
    portfolio = fields.Html()
    consent_ids = fields.One2many(
        "mentorship.consent",
        "mentor_id",
        string="Consents",
        groups="odoo_mentorship.group_mentorship_curator",
    )
    pair_ids = fields.One2many("mentorship.pair", "mentor_id", string="Pairs")
    pair_count = fields.Integer(compute="_compute_load")
    active_mentee_count = fields.Integer(
        compute="_compute_load",
        string="Current Mentees",
        help="Mentees in pairs still under way.",
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

    @api.depends("pair_ids.mentee_ids", "pair_ids.stage_id")
    def _compute_load(self):
        for mentor in self:
            mentor.pair_count = len(mentor.pair_ids)
            mentor.active_mentee_count = len(
                mentor.pair_ids._filtered_open().mentee_ids
            )

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

    def _get_capacity_problem(self, pairs=None, extra_mentees=0):
        """The one capacity rule, for the pair constraint, the pairs order and the
        match wizard: the mentees of the mentor's open pairs, with those of `pairs`
        (pairs about to work) and `extra_mentees` more, fit the capacity. Returns why
        not, or None."""
        self.ensure_one()
        open_pairs = self.pair_ids._filtered_open()
        if pairs:
            open_pairs |= pairs.filtered(lambda pair: pair.mentor_id == self)
        load = len(open_pairs.mentee_ids) + extra_mentees
        if load <= self.capacity:
            return None
        return self.env._(
            "%(mentor)s can take %(capacity)s mentee(s) at once, not %(load)s.",
            mentor=self.partner_id.name,
            capacity=self.capacity,
            load=load,
        )

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
