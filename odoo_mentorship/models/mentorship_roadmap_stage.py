from odoo import api, fields, models
from odoo.exceptions import UserError


class MentorshipRoadmapStage(models.Model):
    _name = "mentorship.roadmap.stage"
    _description = "Roadmap Stage"
    _order = "roadmap_id, sequence, id"

    roadmap_id = fields.Many2one(
        "mentorship.roadmap", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="roadmap_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True)
    task = fields.Text()
    result = fields.Text()
    fold = fields.Boolean()
    activity_ids = fields.One2many(
        "mentorship.roadmap.activity", "stage_id", string="Activities"
    )
    progress = fields.Float(compute="_compute_progress", string="Completion (%)")

    @api.depends("activity_ids.state")
    def _compute_progress(self):
        for stage in self:
            activities = stage.activity_ids.filtered(lambda a: a.state != "cancelled")
            done = activities.filtered(lambda a: a.state == "done")
            stage.progress = 100.0 * len(done) / len(activities) if activities else 0.0

    @api.depends("roadmap_id.name", "name")
    def _compute_display_name(self):
        for stage in self:
            stage.display_name = stage.name

    @api.ondelete(at_uninstall=False)
    def _unlink_except_with_activities(self):
        if self.activity_ids:
            raise UserError(
                self.env._(
                    "Move or delete the activities of a stage before deleting it."
                )
            )
