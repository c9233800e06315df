from odoo import models
from odoo.exceptions import AccessError, UserError
from odoo.tools import email_normalize


class PortalWizardUser(models.TransientModel):
    _inherit = "portal.wizard.user"

    def _get_mentorship_records(self):
        """The person's current mentee and mentor base records (all
        programmes; not the archived or anonymised ones: an old participation
        does not decide today's access)."""
        domain = [
            ("partner_id", "=", self.partner_id.id),
            ("is_anonymized", "=", False),
        ]
        return (
            self.env["mentorship.mentee"].sudo().search(domain),
            self.env["mentorship.mentor"].sudo().search(domain),
        )

    def _check_mentorship_curator_rights(self):
        """Curators use Odoo's portal wizard (they have its access rights) for the
        people of the base records they may edit only: the portal access of any other
        contact is the contact managers' (base.group_partner_manager), as in Odoo."""
        if self.env.su or self.env.user.has_group("base.group_partner_manager"):
            return
        for wizard_user in self:
            mentees, mentors = wizard_user._get_mentorship_records()
            if not any(
                record.sudo(False).has_access("write")
                for record in (*mentees, *mentors)
            ):
                raise AccessError(
                    self.env._(
                        "Only a contact manager changes the portal access of %(name)s.",
                        name=wizard_user.partner_id.name,
                    )
                )

    def action_grant_access(self):
        """People in the mentorship bases get a portal account only with a valid consent
        on file (the legal representative's for a minor), whoever opens the wizard. A
        curator who may edit the person's base record grants the access without the
        contact rights, to the person's current e-mail only."""
        self.ensure_one()
        self._check_mentorship_curator_rights()
        mentees, mentors = self._get_mentorship_records()
        for record in (*mentees, *mentors):
            record._check_can_grant_portal()
        if not self.env.user.has_group("base.group_partner_manager"):
            self._check_email_is_the_partners()
            # sudo: the curator may edit the base record of this person, not the contact
            return super(PortalWizardUser, self.sudo()).action_grant_access()
        return super().action_grant_access()

    def action_revoke_access(self):
        self._check_mentorship_curator_rights()
        return super().action_revoke_access()

    def action_invite_again(self):
        self._check_mentorship_curator_rights()
        return super().action_invite_again()

    def _check_email_is_the_partners(self):
        """The account and its sign-up link go to the person's e-mail, not to another
        one typed in the wizard by a user who may not edit the contact."""
        if email_normalize(self.email) != email_normalize(self.partner_id.email):
            raise UserError(
                self.env._(
                    "The portal access of %(name)s goes to the e-mail of the contact "
                    "only: to use another e-mail, ask a contact manager to change it "
                    "on the contact first.",
                    name=self.partner_id.name,
                )
            )

    def _mentorship_grant_for_consent(self):
        """The account of whom a curator invites to consent on the portal (the legal
        representative of a minor, or the adult person): the account is how they give
        the consent, so the rule of action_grant_access (a valid consent first) does not
        apply to it, and Odoo's welcome e-mail is not sent (the invitation carries the
        sign-up link). Called by the invitation only, after its own checks."""
        self.ensure_one()
        wizard_user = self.sudo().with_context(mentorship_no_welcome_mail=True)
        return super(PortalWizardUser, wizard_user).action_grant_access()

    def _send_email(self):
        # the consent invitation is the e-mail of an account it grants
        if self.env.context.get("mentorship_no_welcome_mail"):
            return True
        return super()._send_email()
