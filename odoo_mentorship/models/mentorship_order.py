from odoo import api, fields, models
from odoo.exceptions import UserError

from .mentorship_roles import check_history_unlink, check_role

ORDER_TYPES = [
    ("working_group", "Approve the Working Group"),
    ("curators", "Appoint Curators"),
    ("programme", "Approve the Programme, Regulation and Roadmap"),
    ("pairs", "Fix Pairs and Groups"),
    ("closing", "Close the Programme and Reward Mentors"),
]

# what may still change on an approved order: its discussion and its cancellation
WRITABLE_WHEN_APPROVED = {"state", "message_main_attachment_id"}


class MentorshipOrder(models.Model):
    """An order (приказ) of the school that makes a step of the programme official.

    Who can do what: curators prepare drafts; only the mentorship manager (the
    director) approves or cancels; an approved order is read-only, its chatter open.
    """

    _name = "mentorship.order"
    _description = "Mentorship Order"
    _inherit = ["mentorship.thread", "mail.activity.mixin", "mentorship.notification.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Number", readonly=True, copy=False, default="/", tracking=True)
    order_type = fields.Selection(ORDER_TYPES, string="Type", required=True, tracking=True)
    title = fields.Char(compute="_compute_title", store=True, readonly=False, required=True, precompute=True)
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    programme_id = fields.Many2one("mentorship.programme", check_company=True, tracking=True)
    roadmap_id = fields.Many2one("mentorship.roadmap", check_company=True)
    signatory_id = fields.Many2one(
        "res.partner", string="Signed by", help="The director who signs the order.", tracking=True
    )
    signatory_title = fields.Char(string="Signatory's Title", default=lambda self: self.env._("Director"))
    preamble = fields.Html()
    item_ids = fields.One2many("mentorship.order.item", "order_id", string="Items", copy=True)
    member_ids = fields.Many2many("mentorship.working.group.member", string="Working Group", check_company=True)
    curator_ids = fields.Many2many("res.users", string="Curators", domain="[('share', '=', False)]")
    pair_ids = fields.Many2many("mentorship.pair", string="Pairs and Groups", check_company=True)
    reward_mentor_ids = fields.Many2many("mentorship.mentor", string="Mentors Rewarded", check_company=True)
    reward_text = fields.Char(string="Reward", help="E.g. a certificate of honour «Наставник года».")
    acquainted_ids = fields.Many2many(
        "res.partner", "mentorship_order_acquainted_rel", "order_id", "partner_id", string="Acquainted"
    )
    state = fields.Selection(
        [("draft", "Draft"), ("approved", "Approved"), ("cancelled", "Cancelled")],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
    )

    @api.depends("order_type")
    def _compute_title(self):
        titles = dict(self._fields["order_type"]._description_selection(self.env))
        for order in self:
            if not order.title or order.title in titles.values():
                order.title = titles.get(order.order_type, "")

    @api.depends("name", "date", "title")
    def _compute_display_name(self):
        for order in self:
            number = order.name if order.name and order.name != "/" else self.env._("Draft")
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
                    self.env._("An order is created as a draft: the director approves it, which numbers and applies it.")
                )
            if any(vals.get("name", "/") != "/" for vals in vals_list):
                self._raise_number_is_given()
        return super().create(vals_list)

    def write(self, vals):
        if "name" in vals and not self.env.su:
            self._raise_number_is_given()
        if set(vals) - WRITABLE_WHEN_APPROVED:
            self._check_not_locked()
        if "state" in vals:
            self._check_is_manager()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_issued(self):
        check_history_unlink(
            self.filtered(lambda order: order.state != "draft"),
            self.env._(
                "An approved or cancelled order cannot be deleted: it stays in the register. "
                "Cancel an approved order instead."
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

    def _raise_number_is_given(self):
        raise UserError(self.env._("The number of an order is given by the register when the director approves it."))

    def _check_not_locked(self):
        locked = self.filtered(lambda o: o.state != "draft")
        if locked and locked[0].state == "cancelled":
            raise UserError(
                self.env._(
                    "The order %(name)s is cancelled: the director resets it to draft before it is changed.",
                    name=locked[0].display_name,
                )
            )
        if locked:
            raise UserError(
                self.env._(
                    "The order %(name)s is approved and can no longer be changed. Cancel it and issue a new one.",
                    name=locked[0].display_name,
                )
            )

    def _check_is_manager(self):
        check_role(
            self.env, "manager", self.env._("Only the mentorship manager (the director) approves or cancels orders.")
        )

    def _check_can_approve(self):
        """Refuse, listing every problem, an order whose effects cannot all apply."""
        self.ensure_one()
        problems = []
        if self.order_type == "pairs":
            if not self.pair_ids:
                problems.append(self.env._("The order lists no pair."))
            for pair in self.pair_ids:
                if pair.stage_id.state != "forming":
                    problems.append(
                        self.env._("The pair «%(pair)s» is no longer forming.", pair=pair.name)
                    )
                problems += [f"«{pair.name}»: {problem}" for problem in pair._get_consent_problems()]
                eligibility = not pair.eligibility_override and pair._get_eligibility_problem()
                if eligibility:
                    problems.append(f"«{pair.name}»: {eligibility}")
            problems += self._get_capacity_problems()
        elif self.order_type == "curators" and not (self.curator_ids and self.programme_id):
            problems.append(self.env._("Name the programme and its curators."))
        elif self.order_type in ("programme", "closing") and not self.programme_id:
            problems.append(self.env._("Name the programme."))
        elif self.order_type == "working_group" and not self.member_ids:
            problems.append(self.env._("List the members of the working group."))
        if problems:
            raise UserError(
                self.env._(
                    "The order cannot be approved:\n%(problems)s", problems="\n".join(problems)
                )
            )

    def _get_capacity_problems(self):
        """The mentors' load once every listed pair is at work."""
        problems = [mentor._get_capacity_problem(pairs=self.pair_ids) for mentor in self.pair_ids.mentor_id]
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
            first_working = self.env["mentorship.pair.stage"].search([("state", "=", "working")], limit=1)
            stamped.pair_ids.write({"stage_id": first_working.id, "order_id": self.id})
            stamped.pair_ids.filtered(lambda p: not p.date_start).date_start = self.date
        elif self.order_type == "curators":
            stamped.programme_id.curator_ids = self.curator_ids
        elif self.order_type == "programme" and self.programme_id.state == "draft":
            stamped.programme_id.state = "approved"
        elif self.order_type == "working_group":
            stamped.member_ids.order_id = self
        elif self.order_type == "closing":
            if self.programme_id.state == "running":
                stamped.programme_id.state = "closed"
            for mentor in self.reward_mentor_ids:
                mentor.message_post(
                    body=self.env._(
                        "Rewarded by order %(order)s: %(reward)s",
                        order=self.display_name,
                        reward=self.reward_text or self.title,
                    )
                )
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
        elif order.order_type == "working_group":
            partners |= order.member_ids.partner_id
        elif order.order_type == "closing":
            partners |= order.reward_mentor_ids.filtered(lambda mentor: mentor._mentorship_may_notify()).partner_id
        order._mentorship_notify(
            "odoo_mentorship.mail_template_order_approved", "mentorship_notify_order_approved", partners
        )

    def _next_number(self):
        """The next number of the company's yearly sequence of orders."""
        sequence = self._get_sequence()
        return sequence.next_by_id(sequence_date=self.date)

    def _get_sequence(self):
        Sequence = self.env["ir.sequence"].sudo()
        sequence = Sequence.search(
            [("code", "=", "mentorship.order"), ("company_id", "=", self.company_id.id)], limit=1
        )
        if not sequence:
            sequence = Sequence.create({
                "name": self.env._("Mentorship orders of %(company)s", company=self.company_id.name),
                "code": "mentorship.order",
                "company_id": self.company_id.id,
                "implementation": "no_gap",
                "use_date_range": True,
                "padding": 1,
            })
        return sequence
