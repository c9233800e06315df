from odoo import models
from odoo.exceptions import UserError
from odoo.tools import email_normalize


class PortalWizardUser(models.TransientModel):
    _inherit = "portal.wizard.user"

    def _get_mentorship_records(self):
        """The mentee and mentor base records of the person (all programmes)."""
        partner = self.partner_id
        return (
            self.env["mentorship.mentee"].sudo().with_context(active_test=False).search([("partner_id", "=", partner.id)]),
            self.env["mentorship.mentor"].sudo().with_context(active_test=False).search([("partner_id", "=", partner.id)]),
        )

    def action_grant_access(self):
        """People in the mentorship bases get a portal account only with a valid consent
        on file (the legal representative's for a minor), whoever opens the wizard. A
        curator who may edit the person's base record grants the access without the
        contact rights, to the person's current e-mail only."""
        self.ensure_one()
        mentees, mentors = self._get_mentorship_records()
        records = [*mentees, *mentors]
        for record in records:
            record._check_can_grant_portal()
        if records and not self.env.user.has_group("base.group_partner_manager"):
            writable = [record for record in records if record.sudo(False).has_access("write")]
            if writable:
                self._check_email_is_the_partners()
                # sudo: the curator may edit the base record of this person, not the contact
                wizard_sudo = self.sudo().with_context(mentorship_keep_partner_email=True)
                return super(PortalWizardUser, wizard_sudo).action_grant_access()
        return super().action_grant_access()

    def _check_email_is_the_partners(self):
        """The account and its sign-up link go to the person's e-mail, not to another one
        typed in the wizard by a user who may not edit the contact."""
        if email_normalize(self.email) != email_normalize(self.partner_id.email):
            raise UserError(
                self.env._(
                    "The portal access of %(name)s goes to the e-mail of the contact only: to use "
                    "another e-mail, ask a contact manager to change it on the contact first.",
                    name=self.partner_id.name,
                )
            )

    def _update_partner_email(self):
        # granted as superuser for a curator: the contact's e-mail is not theirs to change
        if self.env.context.get("mentorship_keep_partner_email"):
            return
        super()._update_partner_email()

    def _mentorship_grant_for_consent(self):
        """The account of whom a curator invites to consent on the portal (the legal
        representative of a minor, or the adult person): the account is how they give
        the consent, so the rule of action_grant_access (a valid consent first) does not
        apply to it, and Odoo's welcome e-mail is not sent (the invitation carries the
        sign-up link). Called by the invitation only, after its own checks."""
        self.ensure_one()
        wizard_user = self.sudo().with_context(mentorship_keep_partner_email=True, mentorship_no_welcome_mail=True)
        return super(PortalWizardUser, wizard_user).action_grant_access()

    def _send_email(self):
        # the consent invitation is the e-mail of an account it grants
        if self.env.context.get("mentorship_no_welcome_mail"):
            return True
        return super()._send_email()
