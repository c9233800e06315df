from odoo import fields, models


class MentorshipRequest(models.Model):
    """A mentee's request (запрос): one need the mentoring should answer."""

    _name = "mentorship.request"
    _description = "Mentee Request"
    _order = "mentee_id, sequence, id"

    mentee_id = fields.Many2one(
        "mentorship.mentee", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="mentee_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Request", required=True)
    tag_ids = fields.Many2many("mentorship.tag", string="Topics")
    is_met = fields.Boolean(
        string="Met", help="The mentoring has answered this request."
    )
