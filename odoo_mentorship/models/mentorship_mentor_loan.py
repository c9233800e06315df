from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from .mentorship_roles import has_role


class MentorshipMentorLoan(models.Model):
    """A school's request for a mentor of the district's mentor base (seed 002, 2.2).

    ==========================  =================================================
    Who                         What
    ==========================  =================================================
    curator of the school that  requests a published mentor of another school for
    requests (receiving)        one of its programmes; cancels the request
    curator of the mentor's     accepts or refuses it
    school (home), coordinator
    ==========================  =================================================

    Accepted, the receiving school gets its own record of the person in its
    programme, linked to the home school's (``origin_mentor_id``): the pairs formed
    with it are the receiving school's, seen by it alone, and the mentor's capacity
    counts the pairs of both schools. Each school reads the requests it made or
    received; the coordinator reads those of its schools.
    """

    _name = "mentorship.mentor.loan"
    _inherit = ["mentorship.thread", "mentorship.activity.mixin"]
    _description = "Request for a Mentor of the District Base"
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    # the home school's record: read as superuser (another school's record)
    mentor_id = fields.Many2one(
        "mentorship.mentor",
        string="Mentor",
        required=True,
        readonly=True,
        index=True,
        ondelete="restrict",
        tracking=True,
    )
    mentor_name = fields.Char(
        related="mentor_id.partner_id.name", string="Mentor's Name"
    )
    home_company_id = fields.Many2one(
        "res.company",
        related="mentor_id.company_id",
        store=True,
        index=True,
        string="Mentor's School",
    )
    programme_id = fields.Many2one(
        "mentorship.programme",
        string="For the Programme",
        required=True,
        tracking=True,
        check_company=True,
        domain="[('state', '!=', 'closed')]",
        default=lambda self: self.env["mentorship.programme"]._get_default_programme(),
        help="The programme of your school the mentor will work in.",
    )
    company_id = fields.Many2one(
        related="programme_id.company_id",
        store=True,
        index=True,
        precompute=True,
        string="Requesting School",
    )
    note = fields.Text(
        string="Request",
        help=(
            "What the mentor is asked for (the topic, the number of mentees, the "
            "period). Do not name pupils: the other school reads it."
        ),
    )
    state = fields.Selection(
        [
            ("requested", "Requested"),
            ("accepted", "Accepted"),
            ("refused", "Refused"),
            ("cancelled", "Cancelled"),
        ],
        default="requested",
        required=True,
        readonly=True,
        tracking=True,
        copy=False,
    )
    requested_by_id = fields.Many2one(
        "res.users",
        string="Requested by",
        default=lambda self: self.env.user,
        readonly=True,
        copy=False,
    )
    decided_by_id = fields.Many2one(
        "res.users", string="Decided by", readonly=True, copy=False
    )
    decision_date = fields.Date(readonly=True, copy=False)
    loan_mentor_id = fields.Many2one(
        "mentorship.mentor",
        string="Mentor in the Requesting School",
        readonly=True,
        copy=False,
        help=(
            "The record of the mentor in the programme of the requesting school, "
            "created on acceptance."
        ),
    )
    can_decide = fields.Boolean(compute="_compute_can_decide")

    @api.depends("mentor_id", "company_id")
    def _compute_name(self):
        for loan in self.sudo():
            loan.name = (
                f"{loan.mentor_id.partner_id.name or ''} → {loan.company_id.name or ''}"
            )

    @api.depends("state", "home_company_id")
    @api.depends_context("uid")
    def _compute_can_decide(self):
        for loan in self:
            loan.can_decide = loan.state == "requested" and loan._may_decide()

    # ------------------------------------------------------------
    # CONSTRAINTS
    # ------------------------------------------------------------

    @api.constrains("mentor_id", "programme_id", "state")
    def _check_can_be_requested(self):
        for loan in self.sudo().filtered(lambda loan: loan.state == "requested"):
            problem = loan._get_request_problem()
            if problem:
                raise UserError(problem)

    def _get_request_problem(self):
        """Why the mentor cannot be requested for the programme, or None."""
        self.ensure_one()
        loan = self.sudo()
        mentor, name = loan.mentor_id, loan.mentor_id.partner_id.name
        in_base = (
            self.env["mentorship.district.mentor"]
            .sudo()
            .search_count([("mentor_id", "=", mentor.id)])
        )
        if not in_base:
            return self.env._(
                "%(name)s is not in the district's mentor base.", name=name
            )
        if mentor.company_id == loan.company_id:
            return self.env._(
                "%(name)s is a mentor of your own school: add them to a pair directly.",
                name=name,
            )
        if mentor.with_context(active_test=False).search_count(
            [
                ("partner_id", "=", mentor.partner_id.id),
                ("programme_id", "=", loan.programme_id.id),
            ]
        ):
            return self.env._(
                "%(name)s is already in the mentor base of the programme "
                "«%(programme)s».",
                name=name,
                programme=loan.programme_id.name,
            )
        if self.search_count(
            [
                ("id", "!=", loan.id),
                ("mentor_id", "=", mentor.id),
                ("programme_id", "=", loan.programme_id.id),
                ("state", "=", "requested"),
            ]
        ):
            return self.env._(
                "%(name)s is already requested for this programme.", name=name
            )
        if mentor.capacity - mentor.active_mentee_count <= 0:
            return self.env._("%(name)s has no free place at the moment.", name=name)
        return None

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        loans = super().create(vals_list)
        for loan in loans.sudo().filtered(lambda loan: loan.state == "requested"):
            # the home school's curator decides: a to-do in their language
            curator = loan.mentor_id.programme_id._get_lead_curator()
            _ = loan._in_lang_of(curator).env._
            loan._schedule_todo_once(
                curator,
                _("Request for a mentor: accept or refuse"),
                _(
                    "%(school)s requests %(name)s for the programme «%(programme)s».",
                    school=loan.company_id.name,
                    name=loan.mentor_id.partner_id.name,
                    programme=loan.programme_id.name,
                ),
            )
        return loans

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def _may_decide(self):
        """The home school's curators (those who may change the mentor's record) and
        the coordinators who read it decide on a request."""
        self.ensure_one()
        mentor = self.mentor_id
        if has_role(self.env, "curator") and mentor.has_access("write"):
            return True
        return has_role(self.env, "coordinator") and mentor.has_access("read")

    def _check_can_decide(self):
        for loan in self:
            if not loan._may_decide():
                raise AccessError(
                    self.env._(
                        "Only a curator of %(school)s, the mentor's school, or the "
                        "district's coordinator accepts or refuses this request.",
                        school=loan.sudo().home_company_id.name,
                    )
                )
            if loan.state != "requested":
                raise UserError(
                    self.env._(
                        "The request «%(name)s» is already decided.", name=loan.name
                    )
                )

    def action_accept(self):
        self._check_can_decide()
        self._do_accept()

    def action_refuse(self):
        self._check_can_decide()
        self.sudo().write(self._decision_values("refused"))
        self.sudo().activity_unlink(["mail.mail_activity_data_todo"])

    def action_cancel(self):
        """The requesting school withdraws its request."""
        self.check_access("write")
        if self.filtered(lambda loan: loan.state != "requested"):
            raise UserError(self.env._("Only a request not decided yet is cancelled."))
        self.state = "cancelled"
        self.sudo().activity_unlink(["mail.mail_activity_data_todo"])

    def _decision_values(self, state):
        return {
            "state": state,
            "decided_by_id": self.env.user.id,
            "decision_date": fields.Date.context_today(self),
        }

    def _do_accept(self):
        """The receiving school's record of the mentor, in the programme requested."""
        Mentor = self.env["mentorship.mentor"].sudo()
        for loan in self.sudo():
            problem = loan._get_request_problem()
            if problem:
                raise UserError(problem)
            home = loan.mentor_id
            mentor = Mentor.create(home._district_loan_values(loan.programme_id))
            loan.write(
                {**self._decision_values("accepted"), "loan_mentor_id": mentor.id}
            )
            loan.activity_unlink(["mail.mail_activity_data_todo"])
            mentor.message_post(
                body=self.env._(
                    "Lent by %(school)s through the district's mentor base. Record the "
                    "mentor's consent for this programme before the pair starts.",
                    school=home.company_id.name,
                ),
                subtype_xmlid="mail.mt_note",
            )
            home.message_post(
                body=self.env._(
                    "Lent to %(school)s for the programme «%(programme)s».",
                    school=loan.company_id.name,
                    programme=loan.programme_id.name,
                ),
                subtype_xmlid="mail.mt_note",
            )

    def action_open_mentor(self):
        """The mentor's record in the requesting school (to form the pair)."""
        self.ensure_one()
        self.loan_mentor_id.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "res_model": "mentorship.mentor",
            "view_mode": "form",
            "views": [(False, "form")],
            "res_id": self.loan_mentor_id.id,
        }

    @api.ondelete(at_uninstall=False)
    def _unlink_except_decided(self):
        if self.filtered(lambda loan: loan.state == "accepted"):
            raise UserError(
                self.env._(
                    "An accepted request is the history of the loan: it is not deleted."
                )
            )
