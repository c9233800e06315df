from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .mentorship_roles import check_role


class EventRegistration(models.Model):
    """A mentor's registration to a session of the school of mentors. The trainer (a
    user of the Events app, the registration desk at least) marks it attended with
    Odoo's own button; the mentor's training status follows
    (mentorship.mentor.training_done)."""

    _inherit = "event.registration"

    # the link to the mentor base: the curators set it (or the person registered does,
    # below); the trainer reads the attendee's name, not the mentor's record
    mentorship_mentor_id = fields.Many2one(
        "mentorship.mentor",
        string="Mentor",
        index="btree_not_null",
        ondelete="set null",
        domain="[('company_id', '=', company_id)]",
        help="The mentor of the school's base this registration trains.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        mentors = self.env["mentorship.mentor"].sudo()
        if any(vals.get("mentorship_mentor_id") for vals in vals_list):
            self._check_can_link_mentor()
        for vals in vals_list:
            if vals.get("mentorship_mentor_id") and not vals.get("partner_id"):
                vals["partner_id"] = mentors.browse(
                    vals["mentorship_mentor_id"]
                ).partner_id.id
        registrations = super().create(vals_list)
        # registered by the desk or the trainer by name: the mentor
        # of the school with that person
        registrations.sudo().filtered(
            lambda r: not r.mentorship_mentor_id
            and r.partner_id
            and r.event_id.mentorship_training
        )._link_mentorship_mentor()
        return registrations

    def write(self, vals):
        if "mentorship_mentor_id" in vals:
            self._check_can_link_mentor()
        return super().write(vals)

    def _check_can_link_mentor(self):
        # attendance trains the mentor linked: who is linked is the curators' decision
        check_role(
            self.env,
            "curator",
            self.env._("Only a curator links a registration to a mentor of the base."),
        )

    @api.onchange("mentorship_mentor_id")
    def _onchange_mentorship_mentor_id(self):
        if self.mentorship_mentor_id:
            self.partner_id = self.mentorship_mentor_id.partner_id

    @api.constrains("mentorship_mentor_id", "event_id")
    def _check_mentorship_mentor(self):
        for registration in self.sudo().filtered("mentorship_mentor_id"):
            event = registration.event_id
            mentor = registration.mentorship_mentor_id
            if not event.mentorship_training:
                raise ValidationError(
                    self.env._(
                        "«%(event)s» is not a session of the school of mentors: it "
                        "does not train %(mentor)s.",
                        event=event.name,
                        mentor=mentor.partner_id.name,
                    )
                )
            if event.company_id and mentor.company_id != event.company_id:
                raise ValidationError(
                    self.env._(
                        "%(mentor)s is a mentor of another school than the session "
                        "«%(event)s».",
                        mentor=mentor.partner_id.name,
                        event=event.name,
                    )
                )

    def _link_mentorship_mentor(self):
        """Link each registration to the mentor of its person at the session's school
        (in the session's programme if it has one; else the newest record)."""
        Mentor = self.env["mentorship.mentor"].sudo()
        for registration in self:
            event = registration.event_id
            domain = [("partner_id", "=", registration.partner_id.id)]
            if event.mentorship_programme_id:
                domain.append(("programme_id", "=", event.mentorship_programme_id.id))
            elif event.company_id:
                domain.append(("company_id", "=", event.company_id.id))
            mentor = Mentor.search(domain, order="id desc", limit=1)
            if mentor:
                registration.mentorship_mentor_id = mentor
