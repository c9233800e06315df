from odoo import models


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
        """Minors in the mentorship bases get a portal account only with the legal
        representative's consent on file, whoever opens the wizard. A curator who may
        edit the person's base record grants the access without the contact rights."""
        self.ensure_one()
        mentees, mentors = self._get_mentorship_records()
        records = [*mentees, *mentors]
        for record in records:
            record._check_can_grant_portal()
        if records and not self.env.user.has_group("base.group_partner_manager"):
            writable = [record for record in records if record.sudo(False).has_access("write")]
            if writable:
                # sudo: the curator may edit the base record of this person
                return super(PortalWizardUser, self.sudo()).action_grant_access()
        return super().action_grant_access()
