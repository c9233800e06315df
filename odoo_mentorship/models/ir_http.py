from odoo import models


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _get_translation_frontend_modules_name(cls):
        # the portal pages of a pair show Odoo's chatter (mail's
        # components): without mail's terms, a Russian pupil reads "The
        # conversation is empty." under a Russian page
        return [
            *super()._get_translation_frontend_modules_name(),
            "mail",
            "odoo_mentorship",
        ]
