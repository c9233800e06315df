from odoo import fields, models


class MentorshipMentorStage(models.Model):
    _name = "mentorship.mentor.stage"
    _inherit = ["mentorship.stage.mixin"]
    _description = "Mentor Base Stage"

    is_ready = fields.Boolean(
        string="Ready to Mentor",
        help="Mentors in this stage or later have been selected and trained.",
    )
