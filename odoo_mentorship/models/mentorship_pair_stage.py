from odoo import fields, models

from .mentorship_meeting import MEETING_TYPES


class MentorshipPairStage(models.Model):
    """A stage of the pair pipeline. The state says what the stage means to the
    rules (forming, working, completed, dissolved); the meeting type says which
    logged meeting brings a pair into the stage."""

    _name = "mentorship.pair.stage"
    _inherit = ["mentorship.stage.mixin"]
    _description = "Pair Stage"

    state = fields.Selection(
        [
            ("forming", "Forming"),
            ("working", "In Progress"),
            ("done", "Completed"),
            ("dissolved", "Dissolved"),
        ],
        required=True,
        default="working",
    )
    meeting_type = fields.Selection(
        MEETING_TYPES,
        help=(
            "Logging a meeting of this type moves a pair that is behind into this "
            "stage."
        ),
    )
