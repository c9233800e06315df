from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .mentorship_roles import check_history_unlink, check_role

ORDER_TYPES = [
    ("working_group", "Approve the Working Group"),
    ("curators", "Appoint Curators"),
    ("programme", "Approve the Programme, Regulation and Roadmap"),
    ("pairs", "Fix Pairs and Groups"),
    ("closing", "Close the Programme and Reward Mentors"),
    # seed 000 row 5, seed 002 1.10 and 1.11: the school's other orders
    ("bases", "Approve the Mentor and Mentee Bases"),
    ("motivation", "Approve the Mentor Motivation and Reward System"),
    ("accessibility", "Approve the Measures Making Mentorship Accessible"),
    # seed 002 1.1, 1.2, 1.4: the orders of the district's education office
    # (Приказ РайОО); the schools' orders of 1.3 and 1.5–1.8 are the working
    # group, curators and programme ones
    ("district_officers", "Appoint the District's Officers for Mentorship"),
    ("district_working_group", "Approve the Municipal Working Group"),
    ("district_schools", "Approve the List of Schools Implementing the Model"),
    ("other", "Other Order"),
]
DISTRICT_ORDER_TYPES = (
    "district_officers",
    "district_working_group",
    "district_schools",
)
# the orders whose whole content is their text: they need items to be approved
TEXT_ORDER_TYPES = ("motivation", "accessibility", "other")
# the types that get a default preamble and default items
# (the five first keep theirs empty)
DEFAULT_TEXT_TYPES = ("bases", "motivation", "accessibility", *DISTRICT_ORDER_TYPES)

# the orders that name mentees or pupils (pairs, bases, rewarded mentors who may be
# pupils): never published on the school's page
PRIVATE_ORDER_TYPES = ("pairs", "bases", "closing")

# what may still change on an approved order: its discussion, its cancellation and its
# publication on the school's page
WRITABLE_WHEN_APPROVED = {"state", "message_main_attachment_id", "published_on_site"}


class MentorshipOrder(models.Model):
    """An order (приказ) of the school that makes a step of the programme official.

    Who can do what: curators prepare drafts; only the mentorship manager (the
    director) approves or cancels; an approved order is read-only, its chatter open.
    """

    _name = "mentorship.order"
    _description = "Mentorship Order"
    _inherit = [
        "mentorship.thread",
        "mail.activity.mixin",
        "mentorship.notification.mixin",
    ]
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(
        string="Number", readonly=True, copy=False, default="/", tracking=True
    )
    order_type = fields.Selection(
        ORDER_TYPES, string="Type", required=True, tracking=True
    )
    title = fields.Char(
        compute="_compute_title",
        store=True,
        readonly=False,
        required=True,
        precompute=True,
    )
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    programme_id = fields.Many2one(
        "mentorship.programme", check_company=True, tracking=True
    )
    roadmap_id = fields.Many2one("mentorship.roadmap", check_company=True)
    signatory_id = fields.Many2one(
        "res.partner",
        string="Signed by",
        help="The director who signs the order.",
        tracking=True,
    )
    signatory_title = fields.Char(
        string="Signatory's Title",
        compute="_compute_signatory_title",
        store=True,
        readonly=False,
        precompute=True,
    )
    level = fields.Selection(
        [("school", "School"), ("district", "Education Office")],
        compute="_compute_level",
        store=True,
        precompute=True,
        help=(
            "A school's order is signed by its director, a district's by the head of "
            "the education office."
        ),
    )
    preamble = fields.Html(
        compute="_compute_preamble", store=True, readonly=False, precompute=True
    )
    item_ids = fields.One2many(
        "mentorship.order.item", "order_id", string="Items", copy=True
    )
    member_ids = fields.Many2many(
        "mentorship.working.group.member", string="Working Group", check_company=True
    )
    curator_ids = fields.Many2many(
        "res.users", string="Curators", domain="[('share', '=', False)]"
    )
    pair_ids = fields.Many2many(
        "mentorship.pair", string="Pairs and Groups", check_company=True
    )
    # the awards are the one record of the rewards (mentorship.award): the order lists
    # them and its approval grants them; the mentors it rewards are theirs
    award_ids = fields.One2many("mentorship.award", "order_id", string="Awards")
    reward_mentor_ids = fields.Many2many(
        "mentorship.mentor",
        string="Mentors Rewarded",
        compute="_compute_reward_mentor_ids",
        help=(
            "The mentors of the order's awards (a pair's award rewards its mentor too)."
        ),
    )
    base_mentor_ids = fields.Many2many(
        "mentorship.mentor",
        "mentorship_order_base_mentor_rel",
        "order_id",
        "mentor_id",
        string="Mentor Base",
        compute="_compute_base_ids",
        store=True,
        readonly=False,
        check_company=True,
        help="The mentors the order approves as the programme's mentor base (annex 1).",
    )
    base_mentee_ids = fields.Many2many(
        "mentorship.mentee",
        "mentorship_order_base_mentee_rel",
        "order_id",
        "mentee_id",
        string="Mentee Base",
        compute="_compute_base_ids",
        store=True,
        readonly=False,
        check_company=True,
        help="The mentees the order approves as the programme's mentee base (annex 2).",
    )
    school_ids = fields.Many2many(
        "res.company",
        "mentorship_order_school_rel",
        "order_id",
        "company_id",
        string="Schools",
        help=(
            "The schools of the district that introduce the target model of mentorship."
        ),
    )
    reward_text = fields.Char(
        string="Reward", help="The form of the reward, e.g. a certificate of honour."
    )
    acquainted_ids = fields.Many2many(
        "res.partner",
        "mentorship_order_acquainted_rel",
        "order_id",
        "partner_id",
        string="Acquainted",
    )
    state = fields.Selection(
        [("draft", "Draft"), ("approved", "Approved"), ("cancelled", "Cancelled")],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
    )
    published_on_site = fields.Boolean(
        string="Published on the Page",
        tracking=True,
        copy=False,
        help=(
            "The approved order is offered as a PDF on the school's public page of the "
            "programme. An order naming mentees or pupils (pairs, bases, rewards) "
            "cannot be published."
        ),
    )

    @api.depends("order_type")
    def _compute_title(self):
        """The type's name, until the title is written; an «other» order has no
        default: its title is written by hand."""
        titles = dict(self._fields["order_type"]._description_selection(self.env))
        for order in self:
            if not order.title or order.title in titles.values():
                order.title = (
                    titles.get(order.order_type, "")
                    if order.order_type != "other"
                    else ""
                )

    @api.depends("order_type")
    def _compute_level(self):
        for order in self:
            order.level = (
                "district" if order.order_type in DISTRICT_ORDER_TYPES else "school"
            )

    @api.depends("level")
    def _compute_signatory_title(self):
        """A school's director signs its orders, the head of the education office the
        district's (seed 002: «Приказ РайОО»), until the title is written by hand."""
        defaults = {
            "school": self.env._("Director"),
            "district": self.env._("Head of the Education Office"),
        }
        for order in self:
            if not order.signatory_title or order.signatory_title in defaults.values():
                order.signatory_title = defaults.get(order.level or "school")

    @api.depends("order_type")
    def _compute_preamble(self):
        """The new types of orders start from the usual wording (the methodology of
        the Ministry, Р-145); an order whose preamble is written keeps it."""
        for order in self:
            if not order.preamble and order.order_type in DEFAULT_TEXT_TYPES:
                order.preamble = order._get_default_preamble()

    @api.depends("order_type", "programme_id")
    def _compute_base_ids(self):
        """A bases order lists the programme's current base records (still editable
        while it is a draft)."""
        for order in self:
            if order.order_type == "bases" and order.programme_id:
                order.base_mentor_ids = order.programme_id.mentor_ids.filtered(
                    lambda r: not r.is_anonymized
                )
                order.base_mentee_ids = order.programme_id.mentee_ids.filtered(
                    lambda r: not r.is_anonymized
                )
            else:
                order.base_mentor_ids = False
                order.base_mentee_ids = False

    @api.depends("award_ids.mentor_id", "award_ids.pair_id.mentor_id")
    def _compute_reward_mentor_ids(self):
        for order in self:
            order.reward_mentor_ids = (
                order.award_ids.mentor_id | order.award_ids.pair_id.mentor_id
            )

    @api.constrains("title")
    def _check_title(self):
        for order in self:
            if not (order.title or "").strip():
                raise ValidationError(self.env._("Give the order its title."))

    @api.constrains(
        "published_on_site", "state", "order_type", "acquainted_ids", "member_ids"
    )
    def _check_published_on_site(self):
        for order in self.filtered("published_on_site"):
            problem = order._get_publication_problem()
            if problem:
                raise ValidationError(
                    self.env._(
                        "The order %(name)s cannot be published on the school's page: "
                        "%(problem)s",
                        name=order.display_name,
                        problem=problem,
                    )
                )

    @api.depends("name", "date", "title")
    def _compute_display_name(self):
        for order in self:
            number = (
                order.name if order.name and order.name != "/" else self.env._("Draft")
            )
            order.display_name = f"№ {number} — {order.title or ''}"

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        # approving numbers the order and applies it (fixes pairs, appoints curators):
        # an order born approved or cancelled would skip all of it
        if not self.env.su:
            default_state = self.default_get(["state"]).get("state")
            if any(vals.get("state", default_state) != "draft" for vals in vals_list):
                raise UserError(
                    self.env._(
                        "An order is created as a draft: the director approves it, "
                        "which numbers and applies it."
                    )
                )
            if any(vals.get("name", "/") != "/" for vals in vals_list):
                self._raise_number_is_given()
        orders = super().create(vals_list)
        for order, vals in zip(orders, vals_list, strict=False):
            # the form sends an empty list of items: the
            # type's items are proposed then too
            if not vals.get("item_ids") and order.order_type in DEFAULT_TEXT_TYPES:
                order.item_ids = [
                    Command.create({"sequence": 10 * (index + 1), "name": text})
                    for index, text in enumerate(order._get_default_items())
                ]
        return orders

    def write(self, vals):
        if "name" in vals and not self.env.su:
            self._raise_number_is_given()
        if set(vals) - WRITABLE_WHEN_APPROVED:
            self._check_not_locked()
        if "state" in vals:
            self._check_is_manager()
            if vals["state"] != "approved":
                # a cancelled order leaves the school's page with its approval
                vals = {**vals, "published_on_site": False}
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_issued(self):
        check_history_unlink(
            self.filtered(lambda order: order.state != "draft"),
            self.env._(
                "An approved or cancelled order cannot be deleted: it stays in the "
                "register. Cancel an approved order instead."
            ),
        )

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_approve(self):
        self._check_is_manager()
        for order in self:
            if order.state != "draft":
                raise UserError(self.env._("Only a draft order can be approved."))
            order._check_can_approve()
        for order in self:
            order._do_approve()

    def action_cancel(self):
        self._check_is_manager()
        self.write({"state": "cancelled"})

    def action_reset_draft(self):
        self._check_is_manager()
        if any(order.state != "cancelled" for order in self):
            raise UserError(self.env._("Only a cancelled order goes back to draft."))
        self.write({"state": "draft"})

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    def _get_default_preamble(self):
        """The preamble an order of the type starts with, in the user's language."""
        self.ensure_one()
        if self.level == "district":
            return self.env._(
                "In accordance with the order of the Ministry of Education of the "
                "Russian Federation of 25.12.2019 № Р-145 on the methodology (target "
                "model) of mentorship of learners, in order to introduce the target "
                "model of mentorship in the schools of the district"
            )
        return self.env._(
            "In accordance with the order of the Ministry of Education of the Russian "
            "Federation of 25.12.2019 № Р-145 on the methodology (target model) of "
            "mentorship of learners, in order to implement the mentorship programme of "
            "the school"
        )

    def _get_default_items(self):
        """The items an order of the type starts with, in the user's language."""
        self.ensure_one()
        control = self.env._("I reserve the control over the execution of this order.")
        items = {
            "bases": [
                self.env._(
                    "Approve the mentor base of the programme (annex 1) and its mentee "
                    "base (annex 2)."
                ),
                self.env._(
                    "The curators keep the bases up to date throughout the programme."
                ),
            ],
            "motivation": [
                self.env._(
                    "Approve the system of motivation and rewards of the mentors "
                    "(annex)."
                ),
                self.env._(
                    "The curators propose the mentors to be rewarded at the end of "
                    "each stage of the programme."
                ),
            ],
            "accessibility": [
                self.env._(
                    "Approve the measures making the mentorship programmes accessible "
                    "to learners with special educational needs, including learners "
                    "with disabilities, learners with outstanding abilities, learners "
                    "in difficult circumstances, from low-income families, living in "
                    "rural or remote areas, and orphans (annex)."
                ),
                self.env._(
                    "The curators take these measures into account when they form "
                    "pairs and groups."
                ),
            ],
            "district_officers": [
                self.env._(
                    "Appoint the specialists of the education office listed below "
                    "responsible for the cooperation with the regional mentorship "
                    "centre and for the timely submission of the district's "
                    "consolidated information on the target model of mentorship."
                ),
            ],
            "district_working_group": [
                self.env._(
                    "Approve the membership of the municipal working group introducing "
                    "the target model of mentorship (annex)."
                ),
            ],
            "district_schools": [
                self.env._(
                    "Approve the list of schools introducing the target model of "
                    "mentorship (annex)."
                ),
                self.env._(
                    "The heads of the schools approve the working groups, appoint the "
                    "curators and approve the regulations and roadmaps of their "
                    "schools."
                ),
            ],
        }
        return [*items.get(self.order_type, []), control]

    def _get_publication_problem(self):
        """Why the order may not appear on the school's public page, or None. Only
        an approved order is published, and never one naming mentees or pupils:
        the pairs and bases orders list them, the closing order rewards mentors
        who may be pupils, and a pupil among those acquainted with it or in its
        working group is named too."""
        self.ensure_one()
        if self.state != "approved":
            return self.env._("only an approved order is published.")
        if self.order_type in PRIVATE_ORDER_TYPES:
            return self.env._("it names mentees or pupils.")
        partners = [
            ("partner_id", "in", (self.acquainted_ids | self.member_ids.partner_id).ids)
        ]
        mentees = self.env["mentorship.mentee"].sudo().with_context(active_test=False)
        mentors = self.env["mentorship.mentor"].sudo().with_context(active_test=False)
        if mentees.search_count(partners, limit=1):
            return self.env._("it names mentees or pupils.")
        if mentors.search_count(
            [*partners, ("kind_id.is_learner", "=", True)], limit=1
        ):
            return self.env._("it names a pupil or a student.")
        return None

    def _raise_number_is_given(self):
        raise UserError(
            self.env._(
                "The number of an order is given by the register when the director "
                "approves it."
            )
        )

    def _check_not_locked(self):
        locked = self.filtered(lambda o: o.state != "draft")
        if locked and locked[0].state == "cancelled":
            raise UserError(
                self.env._(
                    "The order %(name)s is cancelled: the director resets it to draft "
                    "before it is changed.",
                    name=locked[0].display_name,
                )
            )
        if locked:
            raise UserError(
                self.env._(
                    "The order %(name)s is approved and can no longer be changed. "
                    "Cancel it and issue a new one.",
                    name=locked[0].display_name,
                )
            )

    def _check_is_manager(self):
        check_role(
            self.env,
            "manager",
            self.env._(
                "Only the mentorship manager (the director) approves or cancels orders."
            ),
        )

    def _check_can_approve(self):
        """Refuse, listing every problem, an order whose effects cannot all apply."""
        self.ensure_one()
        problems = self._get_approval_problems()
        if self.order_type in TEXT_ORDER_TYPES and not self.item_ids:
            problems.append(self.env._("The order has no items."))
        if problems:
            raise UserError(
                self.env._(
                    "The order cannot be approved:\n%(problems)s",
                    problems="\n".join(problems),
                )
            )

    def _get_approval_problems(self):
        """What the order's type needs before it is approved (_check_can_approve)."""
        if self.order_type == "pairs":
            return self._get_pairs_problems()
        needs = {
            "curators": (
                not (self.curator_ids and self.programme_id),
                self.env._("Name the programme and its curators."),
            ),
            "programme": (not self.programme_id, self.env._("Name the programme.")),
            "closing": (not self.programme_id, self.env._("Name the programme.")),
            "working_group": (
                not self.member_ids,
                self.env._("List the members of the working group."),
            ),
            "district_working_group": (
                not self.member_ids,
                self.env._("List the members of the working group."),
            ),
            "district_officers": (
                not self.curator_ids,
                self.env._("Name the officers responsible for mentorship."),
            ),
            "district_schools": (
                not self.school_ids,
                self.env._("List the schools."),
            ),
        }
        if self.order_type == "bases":
            problems = []
            if not self.programme_id:
                problems.append(self.env._("Name the programme."))
            if not (self.base_mentor_ids or self.base_mentee_ids):
                problems.append(
                    self.env._("The order lists neither mentors nor mentees.")
                )
            return problems
        missing, problem = needs.get(self.order_type, (False, None))
        return [problem] if missing else []

    def _get_pairs_problems(self):
        """Each pair of a pairs order: forming, consents, eligibility, training; the
        mentors' load."""
        problems = []
        if not self.pair_ids:
            problems.append(self.env._("The order lists no pair."))
        for pair in self.pair_ids:
            if pair.stage_id.state != "forming":
                problems.append(
                    self.env._(
                        "The pair «%(pair)s» is no longer forming.", pair=pair.name
                    )
                )
            problems += [
                f"«{pair.name}»: {problem}" for problem in pair._get_consent_problems()
            ]
            eligibility = (
                not pair.eligibility_override and pair._get_eligibility_problem()
            )
            if eligibility:
                problems.append(f"«{pair.name}»: {eligibility}")
            training = pair.mentor_id._get_training_problem()
            if training:
                problems.append(f"«{pair.name}»: {training}")
        return problems + self._get_capacity_problems()

    def _get_capacity_problems(self):
        """The mentors' load once every listed pair is at work."""
        problems = [
            mentor._get_capacity_problem(pairs=self.pair_ids)
            for mentor in self.pair_ids.mentor_id
        ]
        return [problem for problem in problems if problem]

    def _do_approve(self):
        self.ensure_one()
        vals = {"state": "approved"}
        if self.name == "/":
            vals["name"] = self._next_number()
        # the manager's right to approve is checked: the number is the register's
        self.sudo().write(vals)
        stamped = self.sudo()
        if self.order_type == "pairs":
            first_working = self.env["mentorship.pair.stage"].search(
                [("state", "=", "working")], limit=1
            )
            stamped.pair_ids.write({"stage_id": first_working.id, "order_id": self.id})
            stamped.pair_ids.filtered(lambda p: not p.date_start).date_start = self.date
        elif self.order_type == "curators":
            stamped.programme_id.curator_ids = self.curator_ids
        elif self.order_type == "programme" and self.programme_id.state == "draft":
            stamped.programme_id.state = "approved"
        elif self.order_type in ("working_group", "district_working_group"):
            stamped.member_ids.order_id = self
        elif self.order_type == "closing":
            if self.programme_id.state == "running":
                stamped.programme_id.state = "closed"
        # the approval grants the awards (their state follows the order's)
        self.award_ids._post_granted(self)
        self._notify_order_approved()

    def _notify_order_approved(self):
        """The people the order concerns are told that it is approved: those to be
        acquainted with it, the curators it appoints, the members of the working
        group, the mentors it rewards. The participants of a pairs order are told
        that their pair is formed instead (mentorship.pair, it names the order)."""
        self.ensure_one()
        order = self.sudo()
        partners = order.acquainted_ids
        if order.order_type == "curators":
            partners |= order.curator_ids.partner_id
        elif order.order_type in ("working_group", "district_working_group"):
            partners |= order.member_ids.partner_id
        elif order.order_type == "district_officers":
            partners |= order.curator_ids.partner_id
        if order.award_ids:
            partners |= order.reward_mentor_ids.filtered(
                lambda mentor: mentor._mentorship_may_notify()
            ).partner_id
        order._mentorship_notify(
            "odoo_mentorship.mail_template_order_approved",
            "mentorship_notify_order_approved",
            partners,
        )

    def _next_number(self):
        """The next number of the company's yearly sequence of orders."""
        sequence = self._get_sequence()
        return sequence.next_by_id(sequence_date=self.date)

    def _get_sequence(self):
        Sequence = self.env["ir.sequence"].sudo()
        sequence = Sequence.search(
            [
                ("code", "=", "mentorship.order"),
                ("company_id", "=", self.company_id.id),
            ],
            limit=1,
        )
        if not sequence:
            sequence = Sequence.create(
                {
                    "name": self.env._(
                        "Mentorship orders of %(company)s", company=self.company_id.name
                    ),
                    "code": "mentorship.order",
                    "company_id": self.company_id.id,
                    "implementation": "no_gap",
                    "use_date_range": True,
                    "padding": 1,
                }
            )
        return sequence
