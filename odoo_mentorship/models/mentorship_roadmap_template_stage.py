from odoo import fields, models


class MentorshipRoadmapTemplateStage(models.Model):
    _name = "mentorship.roadmap.template.stage"
    _description = "Roadmap Template Stage"
    _order = "template_id, sequence, id"

    template_id = fields.Many2one(
        "mentorship.roadmap.template", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True)
    task = fields.Text()
    result = fields.Text()
    activity_ids = fields.One2many(
        "mentorship.roadmap.template.activity", "stage_id", string="Activities"
    )
