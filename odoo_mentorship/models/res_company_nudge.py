from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    mentorship_nudge_days = fields.Integer(
        string="Nudge Without Meetings (days)",
        default=14,
        help="A working pair without a meeting for this many days gets a to-do for its mentor; "
        "after twice as many days, one for its curator.",
    )
    mentorship_feedback_nudge_days = fields.Integer(
        string="Feedback Reminder (days)",
        default=3,
        help="A meeting still without the feedback of a mentee this many days later reminds the mentee "
        "(or the curator when the mentee has no user account).",
    )

    @api.constrains("mentorship_nudge_days", "mentorship_feedback_nudge_days")
    def _check_mentorship_nudge_days(self):
        for company in self:
            if company.mentorship_nudge_days < 1 or company.mentorship_feedback_nudge_days < 1:
                raise ValidationError(self.env._("The nudge periods must be at least one day."))


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    mentorship_nudge_days = fields.Integer(related="company_id.mentorship_nudge_days", readonly=False)
    mentorship_feedback_nudge_days = fields.Integer(
        related="company_id.mentorship_feedback_nudge_days", readonly=False
    )
