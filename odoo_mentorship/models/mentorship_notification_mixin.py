from odoo import Command, models


class MentorshipNotificationMixin(models.AbstractModel):
    """E-mails about a record to the people it concerns: one mail per person, in
    their language, through the mail queue; each kind can be turned off by the
    school (Settings → Mentorship → Notifications).

    The mails are not attached to the record: its chatter and messages are read by
    the other participants of a pair, who must not learn who another pupil's parent
    is, nor read what is written to them (as _send_consent_invitation)."""

    _name = "mentorship.notification.mixin"
    _description = "Mentorship Notifications"

    def _mentorship_notification_company(self):
        return self.company_id

    def _mentorship_notify(self, template_xmlid, setting, partners, **values):
        """Queue the template rendered on this record for each of `partners` that has
        an e-mail address, in the partner's language, with `values` in the template's
        ``ctx``; nothing if the school turned `setting` off, or while data files are
        loaded (demo data are not news). Return the mail.mail queued."""
        self.ensure_one()
        mails = self.env["mail.mail"].sudo()
        company = self.sudo()._mentorship_notification_company()
        if self.env.context.get("install_mode") or not company[setting]:
            return mails
        template = self.env.ref(template_xmlid).sudo()
        for partner in partners.sudo().filtered("email"):
            mail_id = template.with_context(
                lang=partner.lang or self.env.lang, **values
            ).send_mail(
                self.id,
                email_values={
                    "recipient_ids": [Command.set(partner.ids)],
                    "model": False,
                    "res_id": False,
                },
            )
            mails |= mails.browse(mail_id)
        return mails

    def _mentorship_url(self, partner, path):
        """The address of a page for `partner`, or False when they cannot sign in."""
        users = partner.sudo().user_ids.filtered(
            lambda user: user._is_portal() or user._is_internal()
        )
        return self.get_base_url() + path if users else False
