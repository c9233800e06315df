from odoo import fields, models


class MentorshipStageMixin(models.AbstractModel):
    """Common fields of the three kanban pipelines (mentee base, mentor base, pairs)."""

    _name = "mentorship.stage.mixin"
    _description = "Mentorship Pipeline Stage"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    description = fields.Text(translate=True)
    sequence = fields.Integer(default=10)
    fold = fields.Boolean(string="Folded in Kanban")
    active = fields.Boolean(default=True)
