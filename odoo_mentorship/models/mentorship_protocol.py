from odoo import api, fields, models
from odoo.exceptions import UserError

from .mentorship_roles import check_history_unlink, check_role

PROTOCOL_TYPES = [
    ("working_group", "Working Group"),
    ("project_office", "Project Office"),
    ("pedagogical_council", "Pedagogical Council"),
    ("other", "Other Meeting"),
]

# what may still change on approved minutes: their discussion and their archiving
WRITABLE_WHEN_APPROVED = {"state", "active", "message_main_attachment_id"}


class MentorshipProtocol(models.Model):
    """The minutes (протокол) of a meeting of the working group, the project office
    or the pedagogical council: who attended, the agenda, what was heard and decided.

    Who can do what: curators (the secretary) write the draft; only the mentorship
    manager (the director) approves; approved minutes are read-only, their chatter
    open, and are archived rather than deleted. A decision may become a roadmap
    activity or a draft order, and keeps the link to it.
    """

    _name = "mentorship.protocol"
    _description = "Meeting Minutes"
    _inherit = ["mentorship.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(
        string="Number",
        copy=False,
        tracking=True,
        help=(
            "Left empty, the number is given by the register of the meeting's body "
            "when the director approves."
        ),
    )
    protocol_type = fields.Selection(
        PROTOCOL_TYPES,
        string="Meeting of",
        required=True,
        default="working_group",
        tracking=True,
    )
    title = fields.Char(
        string="Subject", help="E.g. «On the forms of mentorship for the school year»."
    )
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    place = fields.Char()
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    programme_id = fields.Many2one(
        "mentorship.programme", check_company=True, tracking=True
    )
    chair_id = fields.Many2one(
        "res.partner",
        string="Chair",
        compute="_compute_people",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
    )
    secretary_id = fields.Many2one(
        "res.partner",
        string="Secretary",
        compute="_compute_people",
        store=True,
        readonly=False,
        precompute=True,
    )
    attendee_ids = fields.Many2many(
        "res.partner",
        "mentorship_protocol_attendee_rel",
        "protocol_id",
        "partner_id",
        string="Present",
        compute="_compute_people",
        store=True,
        readonly=False,
        precompute=True,
    )
    invited = fields.Text(help="Guests as the minutes name them: position and name.")
    item_ids = fields.One2many(
        "mentorship.protocol.item", "protocol_id", string="Agenda", copy=True
    )
    state = fields.Selection(
        [("draft", "Draft"), ("approved", "Approved")],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
    )
    active = fields.Boolean(default=True)

    @api.depends("protocol_type", "company_id", "programme_id")
    def _compute_people(self):
        """The minutes of the working group name its members: the chair, the secretary
        and the members present (the secretary edits who was absent)."""
        Member = self.env["mentorship.working.group.member"]
        for protocol in self:
            members = Member
            if protocol.protocol_type == "working_group" and protocol.state == "draft":
                members = Member.search(
                    [("company_id", "=", protocol.company_id.id)]
                ).filtered(
                    lambda m, p=protocol.programme_id: not (p and m.programme_id)
                    or m.programme_id == p
                )
            protocol.chair_id = (
                protocol.chair_id
                or members.filtered(lambda m: m.role == "chair")[:1].partner_id
            )
            protocol.secretary_id = (
                protocol.secretary_id
                or members.filtered(lambda m: m.role == "secretary")[:1].partner_id
            )
            protocol.attendee_ids = protocol.attendee_ids or members.partner_id

    @api.depends("name", "protocol_type", "date")
    def _compute_display_name(self):
        types = dict(self._fields["protocol_type"]._description_selection(self.env))
        for protocol in self:
            number = protocol.name or self.env._("Draft")
            protocol.display_name = self.env._(
                "Minutes № %(number)s — %(body)s",
                number=number,
                body=types.get(protocol.protocol_type, ""),
            )

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        # approval is the director's: minutes are born drafts
        # (demo data, as superuser, excepted)
        if not self.env.su and any(
            vals.get("state", "draft") != "draft" for vals in vals_list
        ):
            raise UserError(
                self.env._(
                    "Minutes are created as a draft: the director approves them."
                )
            )
        return super().create(vals_list)

    def write(self, vals):
        if set(vals) - WRITABLE_WHEN_APPROVED:
            self._check_not_locked()
        if "state" in vals:
            self._check_is_manager()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_approved(self):
        check_history_unlink(
            self.filtered(lambda protocol: protocol.state != "draft"),
            self.env._(
                "Approved minutes cannot be deleted: they stay in the register. "
                "Archive them instead."
            ),
        )

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_approve(self):
        self._check_is_manager()
        for protocol in self:
            protocol._check_can_approve()
        for protocol in self:
            protocol._do_approve()

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    def _check_is_manager(self):
        check_role(
            self.env,
            "manager",
            self.env._("Only the mentorship manager (the director) approves minutes."),
        )

    def _check_not_locked(self):
        locked = self.filtered(lambda protocol: protocol.state != "draft")
        if locked:
            raise UserError(
                self.env._(
                    "The minutes %(name)s are approved and can no longer be changed.",
                    name=locked[0].display_name,
                )
            )

    def _check_can_approve(self):
        self.ensure_one()
        problems = []
        if self.state != "draft":
            problems.append(self.env._("The minutes are already approved."))
        if not self.item_ids:
            problems.append(self.env._("The agenda is empty."))
        if not (self.chair_id and self.secretary_id):
            problems.append(self.env._("Name the chair and the secretary."))
        if self.item_ids.filtered(lambda item: not item.decision):
            problems.append(self.env._("Every item of the agenda needs its decision."))
        if problems:
            raise UserError(
                self.env._(
                    "The minutes cannot be approved:\n%(problems)s",
                    problems="\n".join(problems),
                )
            )

    def _do_approve(self):
        self.ensure_one()
        vals = {"state": "approved"}
        if not self.name:
            vals["name"] = self._next_number()
        # the manager's right to approve is checked: the number is the register's
        self.sudo().write(vals)

    def _next_number(self):
        """The next number of the yearly register of the
        body's minutes at the school."""
        code = f"mentorship.protocol.{self.protocol_type}"
        Sequence = self.env["ir.sequence"].sudo()
        sequence = Sequence.search(
            [("code", "=", code), ("company_id", "=", self.company_id.id)], limit=1
        )
        if not sequence:
            types = dict(self._fields["protocol_type"]._description_selection(self.env))
            sequence = Sequence.create(
                {
                    "name": self.env._(
                        "Minutes of %(body)s, %(company)s",
                        body=types[self.protocol_type],
                        company=self.company_id.name,
                    ),
                    "code": code,
                    "company_id": self.company_id.id,
                    "implementation": "no_gap",
                    "use_date_range": True,
                    "padding": 1,
                }
            )
        return sequence.next_by_id(sequence_date=self.date)
