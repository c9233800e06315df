from odoo import api, fields, models
from odoo.exceptions import UserError


class MentorshipConsentText(models.Model):
    """The wording a person (or their legal representative) agrees to: the purposes
    of the processing, the list of data, the term and how to withdraw (152-ФЗ, art. 9).

    Versioned per school: once a consent refers to a version, its wording is frozen;
    a change of wording is a new version, and new consents refer to the newest one."""

    _name = "mentorship.consent.text"
    _description = "Consent Text"
    _inherit = ["mentorship.thread"]
    _order = "company_id, version desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Title", required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company",
        string="School",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    version = fields.Integer(
        readonly=True, copy=False, help="Numbered per school, from 1."
    )
    date = fields.Date(
        string="In Force From",
        required=True,
        default=fields.Date.context_today,
        copy=False,
        tracking=True,
    )
    body = fields.Html(
        string="Text",
        required=True,
        sanitize_style=True,
        help=(
            "The wording shown to the person and printed on the consent form: the "
            "purposes, the list of personal data, the actions with them, the term and "
            "how to withdraw."
        ),
    )
    consent_count = fields.Integer(compute="_compute_consent_count", string="Consents")
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "version_company_uniq",
            "unique(company_id, version)",
            "This version of the consent text already exists.",
        ),
    ]

    @api.depends("version", "name")
    def _compute_display_name(self):
        for text in self:
            text.display_name = self.env._(
                "%(name)s (version %(version)s)", name=text.name, version=text.version
            )

    def _compute_consent_count(self):
        counts = dict(
            self.env["mentorship.consent"]
            .sudo()
            ._read_group([("text_id", "in", self.ids)], ["text_id"], ["__count"])
        )
        for text in self:
            text.consent_count = counts.get(text, 0)

    @api.model_create_multi
    def create(self, vals_list):
        last = {}
        for vals in vals_list:
            company_id = vals.get("company_id") or self.env.company.id
            if company_id not in last:
                last[company_id] = max(
                    self.sudo()
                    .with_context(active_test=False)
                    .search([("company_id", "=", company_id)])
                    .mapped("version"),
                    default=0,
                )
            last[company_id] += 1
            vals["version"] = last[company_id]
        return super().create(vals_list)

    def write(self, vals):
        if "version" in vals and not self.env.su:
            raise UserError(
                self.env._("The versions of a consent text are numbered by the system.")
            )
        if {"name", "body", "date", "company_id"} & set(vals):
            used = self.filtered("consent_count")
            if used:
                raise UserError(
                    self.env._(
                        "People have agreed to «%(name)s»: its wording cannot change. "
                        "Create a new version (Duplicate) and new consents will refer "
                        "to it.",
                        name=used[0].display_name,
                    )
                )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_used(self):
        if self.filtered("consent_count"):
            raise UserError(
                self.env._(
                    "People have agreed to this text: archive it instead of deleting "
                    "it."
                )
            )

    @api.model
    def _get_current(self, company):
        """The newest wording in force at the school, or an empty recordset."""
        return self.sudo().search(
            [
                ("company_id", "=", company.id),
                ("date", "<=", fields.Date.context_today(self)),
            ],
            order="version desc",
            limit=1,
        )
