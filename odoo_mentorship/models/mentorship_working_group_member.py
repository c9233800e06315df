from odoo import api, fields, models
from odoo.exceptions import ValidationError


class MentorshipWorkingGroupMember(models.Model):
    """A member of the working group (рабочая группа) that introduces the model."""

    _name = "mentorship.working.group.member"
    _description = "Working Group Member"
    _order = "company_id, role_sequence, id"
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    programme_id = fields.Many2one("mentorship.programme", check_company=True)
    user_id = fields.Many2one(
        "res.users", string="User", domain="[('share', '=', False)]"
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Member",
        required=True,
        compute="_compute_partner_id",
        store=True,
        readonly=False,
        precompute=True,
    )
    role = fields.Selection(
        [
            ("chair", "Chair"),
            ("deputy", "Deputy Chair"),
            ("member", "Member"),
            ("secretary", "Secretary"),
        ],
        required=True,
        default="member",
    )
    role_sequence = fields.Integer(compute="_compute_role_sequence", store=True)
    position = fields.Char()
    organisation = fields.Char()
    date_start = fields.Date(string="From")
    date_end = fields.Date(string="To")
    order_id = fields.Many2one(
        "mentorship.order", string="Approved by Order", readonly=True, copy=False
    )
    active = fields.Boolean(default=True)

    @api.depends("user_id")
    def _compute_partner_id(self):
        for member in self.filtered("user_id"):
            member.partner_id = member.user_id.partner_id

    @api.depends("role")
    def _compute_role_sequence(self):
        order = {"chair": 1, "deputy": 2, "secretary": 3, "member": 4}
        for member in self:
            member.role_sequence = order.get(member.role, 9)

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for member in self:
            if (
                member.date_start
                and member.date_end
                and member.date_end < member.date_start
            ):
                raise ValidationError(
                    self.env._(
                        "The membership of %(name)s cannot end before it starts.",
                        name=member.partner_id.name,
                    )
                )
