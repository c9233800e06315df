from odoo import models


class MentorshipPair(models.Model):
    _inherit = "mentorship.pair"

    # Participants read their own pairs (internal participants through their record
    # rules, portal users through the portal rule) and talk about them in the chatter.
    _mail_post_access = "read"
