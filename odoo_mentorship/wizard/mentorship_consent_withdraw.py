from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..models.mentorship_consent import ANONYMIZE_AFTER_DAYS


class MentorshipConsentWithdraw(models.TransientModel):
    """The curator records a withdrawal received on paper, after seeing what follows."""

    _name = "mentorship.consent.withdraw"
    _description = "Record a Consent Withdrawal"

    consent_id = fields.Many2one("mentorship.consent", required=True, readonly=True)
    partner_id = fields.Many2one(related="consent_id.partner_id")
    date = fields.Date(
        string="Withdrawn On", required=True, default=fields.Date.context_today
    )
    document = fields.Binary(
        string="Written Statement", help="The scan of the statement of withdrawal."
    )
    document_name = fields.Char()
    pair_names = fields.Char(
        compute="_compute_consequences", string="Pairs to Dissolve"
    )
    anonymize_date = fields.Date(
        compute="_compute_consequences", string="Anonymised On"
    )

    @api.depends("consent_id", "date")
    def _compute_consequences(self):
        for wizard in self:
            participant = wizard.consent_id._participant()
            pairs = participant.pair_ids.filtered(
                lambda p: p.state in ("forming", "working")
            )
            wizard.pair_names = ", ".join(pairs.mapped("name")) or self.env._("none")
            wizard.anonymize_date = wizard.date and wizard.date + timedelta(
                days=ANONYMIZE_AFTER_DAYS
            )

    def action_withdraw(self):
        self.ensure_one()
        if self.consent_id.withdrawn_date:
            raise UserError(self.env._("This consent is already withdrawn."))
        self.consent_id.check_access("write")
        if self.document:
            self.consent_id.message_post(
                body=self.env._("Statement of withdrawal."),
                attachments=[(self.document_name or "withdrawal.pdf", self.document)],
            )
        self.consent_id._withdraw(self.date, "paper")
        return {"type": "ir.actions.act_window_close"}
