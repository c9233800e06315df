from odoo import api, fields, models

from .mentorship_monitoring import DIMENSIONS


class MentorshipMonitoringGrowthLine(models.Model):
    _name = "mentorship.monitoring.growth.line"
    _inherit = ["mentorship.monitoring.line"]
    _description = "Monitoring: Growth of a Participant"
    _order = "monitoring_id, partner_id, dimension"

    partner_id = fields.Many2one("res.partner", string="Participant")
    mentee_id = fields.Many2one("mentorship.mentee")
    mentor_id = fields.Many2one("mentorship.mentor")
    dimension = fields.Selection(DIMENSIONS, required=True)
    entry_score = fields.Float(string="At Entry", digits=(3, 2), aggregator="avg")
    exit_score = fields.Float(string="At Exit", digits=(3, 2), aggregator="avg")
    change = fields.Float(
        compute="_compute_change", store=True, digits=(3, 2), aggregator="avg"
    )

    @api.depends("entry_score", "exit_score")
    def _compute_change(self):
        for line in self:
            line.change = line.exit_score - line.entry_score
