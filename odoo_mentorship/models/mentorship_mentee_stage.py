from odoo import fields, models


class MentorshipMenteeStage(models.Model):
    _name = "mentorship.mentee.stage"
    _inherit = ["mentorship.stage.mixin"]
    _description = "Mentee Base Stage"

    is_paired = fields.Boolean(
        string="In a Pair",
        help="Mentees are moved to this stage when their pair starts working.",
    )
