from odoo import models


class MentorshipThread(models.AbstractModel):
    """The chatter of the mentorship records."""

    _name = "mentorship.thread"
    _inherit = ["mail.thread"]
    _description = "Mentorship Chatter"

    def _creation_message(self):
        # a record created with no language in the context (demo data at install, a job)
        # gets its first line in the user's language, as Odoo's text around it is;
        # without this, the model's name stays English: «Создано: Mentee»
        if not self.env.lang:
            lang = self.env["res.users"].context_get().get("lang")
            if lang:
                return super(
                    MentorshipThread, self.with_context(lang=lang)
                )._creation_message()
        return super()._creation_message()
