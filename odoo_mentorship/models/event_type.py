from odoo import fields, models


class EventType(models.Model):
    _inherit = "event.type"

    mentorship_training = fields.Boolean(
        string="School of Mentors",
        help=(
            "The events of this template are the sessions of the school of mentors: "
            "the mentors who attend them are trained (Settings → Mentorship)."
        ),
    )
