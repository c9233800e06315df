from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.osv import expression

from .mentorship_roles import check_history_unlink

AGREEMENT_STATES = [
    ("draft", "Not Signed"),
    ("signed", "Signed, Not Yet in Force"),
    ("active", "In Force"),
    ("expired", "Expired"),
    ("terminated", "Terminated"),
]


class MentorshipAgreement(models.Model):
    """A cooperation agreement (соглашение о сотрудничестве) of the school with a
    partner organisation — an employer, a college, a university, a public body — that
    provides mentors or a venue for the programme.

    Its status follows its dates: not signed, signed but not yet in force, in force,
    expired at its end, or terminated early. Curators keep the school's agreements;
    a signed one stays in the register: it is archived, not deleted.
    """

    _name = "mentorship.agreement"
    _description = "Cooperation Agreement"
    _inherit = ["mentorship.thread"]
    _order = "date_signed desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Number", required=True, tracking=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Partner Organisation",
        required=True,
        domain="[('is_company', '=', True)]",
        tracking=True,
        index=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    programme_id = fields.Many2one("mentorship.programme", check_company=True)
    subject = fields.Text(
        string="Subject of the Agreement",
        required=True,
        help="What the parties cooperate on.",
    )
    date_signed = fields.Date(string="Signed On", tracking=True)
    date_start = fields.Date(string="Valid From", tracking=True)
    date_end = fields.Date(
        string="Valid To", tracking=True, help="Empty for an agreement without a term."
    )
    date_terminated = fields.Date(string="Terminated On", tracking=True, copy=False)
    state = fields.Selection(
        AGREEMENT_STATES,
        string="Status",
        compute="_compute_state",
        search="_search_state",
    )
    mentor_ids = fields.Many2many(
        "mentorship.mentor",
        string="Mentors Provided",
        check_company=True,
        help="The mentors the organisation provides under this agreement.",
    )
    mentor_count = fields.Integer(compute="_compute_mentor_count", string="Mentors")
    document = fields.Binary(string="Scan", attachment=True, copy=False)
    document_name = fields.Char(string="Scan File Name", copy=False)
    note = fields.Html(string="Notes")
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "number_unique",
            "unique(company_id, partner_id, name)",
            (
                "The school already has an agreement with this number with this "
                "organisation."
            ),
        ),
    ]

    @api.depends("date_signed", "date_start", "date_end", "date_terminated")
    @api.depends_context("tz")
    def _compute_state(self):
        today = fields.Date.context_today(self)
        for agreement in self:
            agreement.state = agreement._state_on(today)

    def _state_on(self, day):
        if self.date_terminated and self.date_terminated <= day:
            return "terminated"
        if not self.date_signed:
            return "draft"
        if self.date_end and self.date_end < day:
            return "expired"
        if (self.date_start or self.date_signed) > day:
            return "signed"
        return "active"

    def _state_domains(self):
        today = fields.Date.context_today(self)
        not_terminated = [
            "|",
            ("date_terminated", "=", False),
            ("date_terminated", ">", today),
        ]
        signed = [*not_terminated, ("date_signed", "!=", False)]
        started = [
            "|",
            "&",
            ("date_start", "=", False),
            ("date_signed", "<=", today),
            ("date_start", "<=", today),
        ]
        return {
            "terminated": [("date_terminated", "<=", today)],
            "draft": [*not_terminated, ("date_signed", "=", False)],
            "expired": [*signed, ("date_end", "<", today)],
            "signed": [
                *signed,
                "|",
                ("date_end", "=", False),
                ("date_end", ">=", today),
                "|",
                "&",
                ("date_start", "=", False),
                ("date_signed", ">", today),
                ("date_start", ">", today),
            ],
            "active": [
                *signed,
                "|",
                ("date_end", "=", False),
                ("date_end", ">=", today),
                *started,
            ],
        }

    def _search_state(self, operator, value):
        if operator not in ("=", "!=", "in", "not in"):
            return NotImplemented
        values = {value} if operator in ("=", "!=") else set(value)
        if operator in ("!=", "not in"):
            # the states partition the agreements: a negation is the other states
            # (a negation of the dates' conditions would drop the empty dates)
            values = {state for state, _label in AGREEMENT_STATES} - values
        domains = self._state_domains()
        return expression.OR([domains[state] for state in values if state in domains])

    @api.depends("mentor_ids")
    def _compute_mentor_count(self):
        for agreement in self:
            agreement.mentor_count = len(agreement.mentor_ids)

    @api.depends("name", "partner_id")
    def _compute_display_name(self):
        for agreement in self:
            agreement.display_name = self.env._(
                "Agreement № %(number)s — %(partner)s",
                number=agreement.name or "",
                partner=agreement.partner_id.name or "",
            )

    @api.constrains("date_signed", "date_start", "date_end", "date_terminated")
    def _check_dates(self):
        for agreement in self:
            if (
                agreement.date_start
                and agreement.date_end
                and agreement.date_end < agreement.date_start
            ):
                raise ValidationError(
                    self.env._(
                        "The agreement %(name)s cannot end before it starts.",
                        name=agreement.display_name,
                    )
                )
            if agreement.date_terminated and not agreement.date_signed:
                raise ValidationError(
                    self.env._(
                        "The agreement %(name)s is not signed: it cannot be "
                        "terminated.",
                        name=agreement.display_name,
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_signed(self):
        check_history_unlink(
            self.filtered("date_signed"),
            self.env._("A signed agreement stays in the register: archive it instead."),
        )

    def action_terminate(self):
        self.date_terminated = fields.Date.context_today(self)
