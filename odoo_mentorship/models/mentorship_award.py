from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .mentorship_roles import check_history_unlink

RANKS = [
    ("winner", "Winner"),
    ("prize", "Prize-Winner"),
    ("participant", "Participant"),
]
AWARD_STATES = [
    ("proposed", "Proposed"),
    ("granted", "Granted"),
    ("cancelled", "Cancelled"),
]
# the orders that grant awards: the closing one («…and reward the mentors») and any
# other («О поощрении», «Об итогах конкурса»)
AWARD_ORDER_TYPES = ("closing", "other")
# what the order fixes: changed only while the order that grants the award is a draft
FIXED_BY_ORDER = {
    "nomination_id",
    "year",
    "rank",
    "mentor_id",
    "mentee_id",
    "pair_id",
    "order_id",
    "company_id",
}


class MentorshipAward(models.Model):
    """A reward given in a nomination to a mentor, a mentee or a pair: the one record
    of it, from the proposal to the honour board.

    The curators propose awards on an order that grants them (the closing order or
    another one); the director's approval of the order grants them, and what the
    order fixes (who, which nomination, which year, which rank) is locked with it.
    The photo, the citation and the publication stay the curators'. An award is on
    the honour board when it is granted, published, and every person it names may be
    published (_mentorship_may_publish of the bases: the consent to the publication
    of the name and photo, 152-ФЗ art. 10.1). That last condition is read each time
    the board is shown: a withdrawal takes the award off the board at once.

    Who can do what: curators and the director, their school's awards; participants
    read the awards of their own pairs and their own; the coordinator reads the
    district's.
    """

    _name = "mentorship.award"
    _description = "Mentorship Award"
    _inherit = ["mentorship.thread", "image.mixin"]
    _order = "year desc, nomination_id, rank, id desc"
    _check_company_auto = True

    nomination_id = fields.Many2one(
        "mentorship.nomination",
        required=True,
        ondelete="restrict",
        tracking=True,
        check_company=True,
        index=True,
    )
    nomination_kind = fields.Selection(related="nomination_id.kind")
    is_contest = fields.Boolean(related="nomination_id.is_contest")
    rank = fields.Selection(
        RANKS,
        default="winner",
        required=True,
        tracking=True,
        help="In a contest: winner, prize-winner or participant.",
    )
    year = fields.Integer(
        required=True,
        default=lambda self: fields.Date.context_today(self).year,
        tracking=True,
    )
    company_id = fields.Many2one(
        "res.company",
        string="School",
        required=True,
        default=lambda self: self.env.company,
        index=True,
    )
    mentor_id = fields.Many2one(
        "mentorship.mentor",
        index="btree_not_null",
        ondelete="restrict",
        check_company=True,
        tracking=True,
    )
    mentee_id = fields.Many2one(
        "mentorship.mentee",
        index="btree_not_null",
        ondelete="restrict",
        check_company=True,
        tracking=True,
    )
    pair_id = fields.Many2one(
        "mentorship.pair",
        string="Pair or Group",
        index="btree_not_null",
        ondelete="restrict",
        check_company=True,
        tracking=True,
    )
    programme_id = fields.Many2one(
        "mentorship.programme",
        compute="_compute_programme_id",
        store=True,
        index=True,
        precompute=True,
    )
    awardee_name = fields.Char(compute="_compute_awardee_name", string="Awarded")
    citation = fields.Text(
        help="What the award is for, as the certificate and the honour board say it."
    )
    order_id = fields.Many2one(
        "mentorship.order",
        string="Granted by Order",
        check_company=True,
        index="btree_not_null",
        ondelete="set null",
        tracking=True,
        domain=[("order_type", "in", AWARD_ORDER_TYPES)],
        help=(
            "The order (closing the programme, or another one) whose approval by the "
            "director grants the award."
        ),
    )
    # read through the award (as related fields are): a participant who prints their
    # certificate does not read the orders themselves
    order_name = fields.Char(related="order_id.name", string="Order Number")
    order_date = fields.Date(related="order_id.date", string="Order Date")
    state = fields.Selection(
        AWARD_STATES,
        compute="_compute_state",
        store=True,
        index=True,
        string="Status",
        help=(
            "Proposed until the order granting it is approved; cancelled with the "
            "order."
        ),
    )
    photo = fields.Image(
        compute="_compute_photo",
        help="The photo of the award, or else the person's (a pair has its own only).",
    )
    published = fields.Boolean(
        copy=False,
        tracking=True,
        help=(
            "Shown on the honour board and on the school's public page, as long as the "
            "people it names consent to the publication of their name and photo."
        ),
    )
    publication_problem = fields.Char(compute="_compute_publication_problem")
    on_board = fields.Boolean(
        compute="_compute_publication_problem",
        search="_search_on_board",
        string="On the Honour Board",
    )
    color = fields.Integer()
    active = fields.Boolean(default=True)

    # ------------------------------------------------------------
    # COMPUTES
    # ------------------------------------------------------------

    @api.depends(
        "mentor_id.programme_id", "mentee_id.programme_id", "pair_id.programme_id"
    )
    def _compute_programme_id(self):
        for award in self:
            award.programme_id = (
                award.mentor_id or award.mentee_id or award.pair_id
            ).programme_id

    @api.depends(
        "mentor_id.partner_id",
        "mentee_id.partner_id",
        "pair_id.mentor_id",
        "pair_id.mentee_ids",
    )
    def _compute_awardee_name(self):
        for award in self:
            award.awardee_name = ", ".join(award._awarded_partners().mapped("name"))

    @api.depends("order_id.state")
    def _compute_state(self):
        states = {"approved": "granted", "cancelled": "cancelled"}
        for award in self:
            award.state = states.get(award.order_id.state, "proposed")

    @api.depends("image_512", "mentor_id.partner_id", "mentee_id.partner_id")
    def _compute_photo(self):
        for award in self:
            # a pair shows its own photo only: the mentor's
            # face alone would not be the pair
            person = award.sudo().mentor_id or award.sudo().mentee_id
            award.photo = award.image_512 or person.partner_id.image_512

    @api.depends(
        "published",
        "state",
        *(
            f"{people}.{field}"
            for people in (
                "mentor_id",
                "mentee_id",
                "pair_id.mentor_id",
                "pair_id.mentee_ids",
            )
            for field in (
                "has_valid_consent",
                "consent_id.publication_allowed",
                "is_anonymized",
            )
        ),
    )
    def _compute_publication_problem(self):
        for award in self:
            problem = award._get_publication_problem()
            award.publication_problem = problem or False
            award.on_board = award.published and not problem

    def _search_on_board(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            return NotImplemented
        # the consents to publication are read now, not stored: the published awards
        # of the schools the user reads are filtered in Python (a board is small)
        shown = self.search(
            [("published", "=", True), ("state", "=", "granted")]
        ).filtered("on_board")
        return [("id", "in" if (operator == "=") == value else "not in", shown.ids)]

    @api.depends("nomination_id", "year", "mentor_id", "mentee_id", "pair_id")
    def _compute_display_name(self):
        for award in self:
            award.display_name = self.env._(
                "«%(nomination)s» %(year)s — %(name)s",
                nomination=award.nomination_id.name or "",
                year=award.year or "",
                name=award.awardee_name or "",
            )

    # ------------------------------------------------------------
    # CONSTRAINTS
    # ------------------------------------------------------------

    @api.constrains("nomination_id", "mentor_id", "mentee_id", "pair_id")
    def _check_awardee(self):
        for award in self:
            name = award.nomination_id.name
            if award.nomination_id.kind == "pair":
                if not award.pair_id or award.mentor_id or award.mentee_id:
                    raise ValidationError(
                        self.env._(
                            "The nomination «%(name)s» rewards a pair or group: choose "
                            "the pair.",
                            name=name,
                        )
                    )
            elif bool(award.mentor_id) == bool(award.mentee_id) or award.pair_id:
                raise ValidationError(
                    self.env._(
                        "The nomination «%(name)s» rewards a person: choose one mentor "
                        "or one mentee.",
                        name=name,
                    )
                )

    @api.constrains("order_id")
    def _check_order_type(self):
        for award in self.filtered("order_id"):
            if award.order_id.order_type not in AWARD_ORDER_TYPES:
                raise ValidationError(
                    self.env._(
                        "The order %(order)s does not grant awards: choose the order "
                        "closing the programme, or an order of the type «Other Order».",
                        order=award.order_id.display_name,
                    )
                )

    @api.constrains("published", "mentor_id", "mentee_id", "pair_id")
    def _check_published(self):
        for award in self.filtered("published"):
            problem = award._get_publication_problem()
            if problem:
                raise ValidationError(
                    self.env._(
                        "The award %(award)s cannot be published on the honour board. "
                        "%(problem)s",
                        award=award.display_name,
                        problem=problem,
                    )
                )

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        orders = self.env["mentorship.order"].browse(
            [vals["order_id"] for vals in vals_list if vals.get("order_id")]
        )
        self._check_orders_are_drafts(orders)
        return super().create(vals_list)

    def write(self, vals):
        if FIXED_BY_ORDER & set(vals):
            self._check_orders_are_drafts(self.order_id)
            if vals.get("order_id"):
                self._check_orders_are_drafts(
                    self.env["mentorship.order"].browse(vals["order_id"])
                )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_granted(self):
        check_history_unlink(
            self.filtered(lambda award: award.state == "granted"),
            self.env._(
                "A granted award stays in the school's history: archive it instead."
            ),
        )

    def _check_orders_are_drafts(self, orders):
        locked = orders.sudo().filtered(lambda order: order.state != "draft")
        if locked:
            raise UserError(
                self.env._(
                    "The order %(order)s is no longer a draft: the awards it grants "
                    "are fixed with it (the photo, the citation and the publication "
                    "can still change).",
                    order=locked[0].display_name,
                )
            )

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_publish(self):
        self.published = True

    def action_unpublish(self):
        self.published = False

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    def _awarded_people(self):
        """The base records (mentors and mentees) the award names, in a list."""
        self.ensure_one()
        people = [
            self.mentor_id or self.pair_id.mentor_id,
            self.mentee_id,
            *self.pair_id.mentee_ids,
        ]
        return [person for person in people if person]

    def _awarded_partners(self):
        partners = self.env["res.partner"]
        for person in self._awarded_people():
            partners |= person.partner_id
        return partners

    def _get_publication_problem(self):
        """Why the award is not on the honour board (or
        cannot be put there), or None."""
        self.ensure_one()
        award = self.sudo()
        if award.state == "cancelled":
            return self.env._("The order that granted the award is cancelled.")
        if award.state != "granted":
            return self.env._(
                "The award is not granted yet: the director approves the order that "
                "grants it."
            )
        for person in award._awarded_people():
            problem = person._get_publication_problem()
            if problem:
                return problem
        return None

    def _get_reward_label(self):
        """«Наставник года» 2025, with the rank in a
        contest: what the awarded are told."""
        self.ensure_one()
        label = f"«{self.nomination_id.name}» {self.year}"
        if self.is_contest:
            ranks = dict(self._fields["rank"]._description_selection(self.env))
            label += f" ({ranks[self.rank]})"
        return label

    def _post_granted(self, order):
        """Tell the records of the awarded (the pair's for a
        pair) that the order grants it."""
        for award in self:
            records = award.pair_id or award.mentor_id or award.mentee_id
            records.message_post(
                body=self.env._(
                    "Rewarded by order %(order)s: %(reward)s",
                    order=order.display_name,
                    reward=award._get_reward_label(),
                )
            )

    @api.model
    def _get_board_awards(self, company):
        """The awards of `company` shown on its public honour board: granted,
        published, and naming only people who consent to the publication (read now)."""
        awards = self.sudo().search(
            [
                ("company_id", "=", company.id),
                ("published", "=", True),
                ("state", "=", "granted"),
            ]
        )
        return awards.filtered(lambda award: not award._get_publication_problem())


class MentorshipParticipantMixin(models.AbstractModel):
    _inherit = "mentorship.participant.mixin"

    def _anonymise_person(self):
        """The awards of an anonymised person leave the board and lose their photo
        and citation (the name goes with the contact)."""
        if self._name == "mentorship.mentee":
            domain = [
                "|",
                ("mentee_id", "in", self.ids),
                ("pair_id.mentee_ids", "in", self.ids),
            ]
        else:
            domain = [
                "|",
                ("mentor_id", "in", self.ids),
                ("pair_id.mentor_id", "in", self.ids),
            ]
        awards = self.env["mentorship.award"].sudo().search(domain)
        awards.write({"published": False, "image_1920": False, "citation": False})
        return super()._anonymise_person()
