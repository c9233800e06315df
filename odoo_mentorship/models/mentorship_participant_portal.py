from odoo import models
from odoo.exceptions import UserError


class MentorshipParticipantMixin(models.AbstractModel):
    _inherit = "mentorship.participant.mixin"

    def _check_can_grant_portal(self):
        """A person gets a portal account only with a valid consent on file: the legal
        representative's for a minor, the person's own for an adult."""
        for record in self.filtered(lambda r: not r.has_valid_consent):
            if record.is_minor:
                raise UserError(
                    self.env._(
                        "%(name)s is a minor: grant the portal access only once the legal representative's "
                        "consent is on file. %(problem)s",
                        name=record.partner_id.name,
                        problem=record._get_consent_problem() or "",
                    )
                )
            raise UserError(
                self.env._(
                    "Grant the portal access to %(name)s only once a valid consent is on file. %(problem)s",
                    name=record.partner_id.name,
                    problem=record._get_consent_problem() or "",
                )
            )

    def action_grant_portal_access(self):
        """Open Odoo's portal wizard on the person of this base record."""
        self.ensure_one()
        self.check_access("write")
        self._check_can_grant_portal()
        wizard = self.env["portal.wizard"].with_context(active_ids=[]).create({
            "partner_ids": [(6, 0, self.partner_id.ids)],
        })
        return wizard._action_open_modal()
