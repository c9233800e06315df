from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from .mentorship_roles import check_role, has_role

PRACTICE_STATES = [
    ("draft", "Draft"),
    ("reviewed", "Reviewed"),
    ("published", "Published"),
]
# what the municipal coordinator changes on a practice of a
# school: the recommendation only
COORDINATOR_FIELDS = {"district_recommended"}


class MentorshipPractice(models.Model):
    """A practice of the bank of practices (банк практик, «методическая копилка»):
    a case of mentorship written by its mentor, reviewed and published by the curators.

    Who can do what:

    ============================  ======================================================
    the author (a mentor)          creates the practice, edits it while it is a draft
    the mentees of its pair        read it
    participants of the school     read the published practices
    curators                       edit, review, publish, return to draft their school's
    the municipal coordinator      reads the published practices of its schools and
                                   recommends them to the district (the bank of
                                   effective programmes), nothing else
    curators of every school       read the published practices the district recommends
    ============================  ======================================================

    Nothing about its authors reaches the school's public page unless the school says so
    (``show_authors``): then only adult mentors are named, never a pupil or a mentee.
    """

    _name = "mentorship.practice"
    _description = "Mentorship Practice"
    _inherit = ["mentorship.thread"]
    _order = "date_published desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Title", required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    programme_id = fields.Many2one(
        "mentorship.programme",
        check_company=True,
        default=lambda self: self._default_programme(),
    )
    form_id = fields.Many2one(
        "mentorship.form", string="Form of Mentorship", tracking=True, index=True
    )
    tag_ids = fields.Many2many("mentorship.tag", string="Topics")
    mentor_ids = fields.Many2many(
        "mentorship.mentor",
        string="Authors",
        check_company=True,
        default=lambda self: self._default_mentors(),
        help=(
            "The mentors who wrote the practice. Their names appear on the school's "
            "page only if the school shows the authors, and only for those who consent "
            "to the publication of their name."
        ),
    )
    pair_id = fields.Many2one(
        "mentorship.pair",
        string="Pair or Group",
        check_company=True,
        index="btree_not_null",
        help=(
            "The pair whose work the practice describes; its mentees read it, they are "
            "never named on the page."
        ),
    )
    description = fields.Html()
    attachment_ids = fields.Many2many("ir.attachment", string="Attachments")
    state = fields.Selection(
        PRACTICE_STATES,
        string="Status",
        default="draft",
        required=True,
        tracking=True,
        copy=False,
        index=True,
    )
    date_published = fields.Date(string="Published On", readonly=True, copy=False)
    district_recommended = fields.Boolean(
        string="Recommended by the District",
        tracking=True,
        copy=False,
        help=(
            "The municipal coordinator recommends the published practice to every "
            "school: it enters the district's bank of effective programmes."
        ),
    )
    show_authors = fields.Boolean(
        string="Show the Authors on the Page",
        tracking=True,
        help=(
            "The school's public page names the adult mentors who wrote the practice; "
            "pupils and mentees are never named."
        ),
    )
    public_author_names = fields.Char(
        string="Authors on the Page",
        compute="_compute_public_author_names",
        help="What the school's public page shows as the authors.",
    )
    can_edit = fields.Boolean(
        compute="_compute_can_edit",
        help="Whether the user may edit the practice's content.",
    )
    color = fields.Integer()
    active = fields.Boolean(default=True)

    # ------------------------------------------------------------
    # DEFAULTS AND COMPUTES
    # ------------------------------------------------------------

    @api.model
    def _default_mentors(self):
        """A mentor writing a practice is its author (the mentor
        records of the current school)."""
        return self.env["mentorship.mentor"].search(
            [
                ("partner_id", "=", self.env.user.partner_id.id),
                ("company_id", "=", self.env.company.id),
            ]
        )

    @api.model
    def _default_programme(self):
        return self.env["mentorship.programme"]._get_default_programme()

    @api.depends("state")
    @api.depends_context("uid")
    def _compute_can_edit(self):
        # the record rules decide; this only keeps the form
        # read-only where they would refuse
        is_curator = has_role(self.env, "curator")
        for practice in self:
            practice.can_edit = is_curator or (
                practice.state == "draft" and not has_role(self.env, "coordinator")
            )

    @api.depends("show_authors", "mentor_ids")
    def _compute_public_author_names(self):
        for practice in self:
            practice.public_author_names = ", ".join(
                practice._get_public_author_names()
            )

    def _get_public_author_names(self):
        """The names the public page may show: none unless the school shows the authors;
        then the mentors who consent to the publication of their name (the one rule,
        _mentorship_may_publish: for a pupil, the legal representative's consent). A
        mentee is never named."""
        self.ensure_one()
        if not self.show_authors:
            return []
        mentors = self.sudo().mentor_ids.filtered(
            lambda mentor: mentor._mentorship_may_publish()
        )
        return mentors.mapped("partner_id.name")

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            if any(vals.get("state", "draft") != "draft" for vals in vals_list):
                raise UserError(
                    self.env._(
                        "A practice is created as a draft: the curators review and "
                        "publish it."
                    )
                )
            if any(vals.get("district_recommended") for vals in vals_list):
                raise UserError(
                    self.env._(
                        "Only a published practice can be recommended by the district."
                    )
                )
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            self._check_can_write(vals)
        if vals.get("state") == "published":
            vals = {**vals, "date_published": fields.Date.context_today(self)}
        return super().write(vals)

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_review(self):
        self._move_state("draft", "reviewed")

    def action_publish(self):
        self._move_state("reviewed", "published")

    def action_reset_draft(self):
        self._check_is_curator()
        # back to draft, the practice leaves the district's bank: it is
        # recommended again once published
        self.write({"state": "draft", "district_recommended": False})

    def action_recommend(self):
        self.district_recommended = True

    def action_withdraw_recommendation(self):
        self.district_recommended = False

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    def _check_is_curator(self):
        check_role(
            self.env,
            "curator",
            self.env._(
                "Only a curator reviews, publishes or returns a practice to draft."
            ),
        )

    def _move_state(self, from_state, to_state):
        self._check_is_curator()
        for practice in self:
            if practice.state != from_state:
                raise UserError(
                    self.env._(
                        "The practice «%(name)s» is not in the right status for this "
                        "action.",
                        name=practice.name,
                    )
                )
        self.write({"state": to_state})

    def _check_can_write(self, vals):
        """The guards the record rules cannot express: who moves the status and who
        recommends a practice to the district."""
        if "state" in vals:
            self._check_is_curator()
        if "district_recommended" in vals:
            # a curator returning a practice to draft
            # withdraws the recommendation with it
            withdrawn_by_reset = (
                not vals["district_recommended"] and vals.get("state") == "draft"
            )
            if not withdrawn_by_reset:
                check_role(
                    self.env,
                    "coordinator",
                    self.env._(
                        "Only the municipal coordinator recommends a practice to the "
                        "district."
                    ),
                )
                if vals["district_recommended"] and any(
                    practice.state != "published" for practice in self
                ):
                    raise UserError(
                        self.env._(
                            "Only a published practice can be recommended by the "
                            "district."
                        )
                    )
        if (
            not has_role(self.env, "curator")
            and has_role(self.env, "coordinator")
            and set(vals) - COORDINATOR_FIELDS
        ):
            raise AccessError(
                self.env._(
                    "The municipal coordinator only recommends a practice: the school "
                    "edits it."
                )
            )
