from odoo import fields, models

from .survey_survey import SURVEY_ROLES


class MentorshipMonitoringSurveyLine(models.Model):
    _name = "mentorship.monitoring.survey.line"
    _inherit = ["mentorship.monitoring.line"]
    _description = "Monitoring: Response Rate"
    _order = "monitoring_id, id"

    role = fields.Selection(SURVEY_ROLES, required=True)
    survey_id = fields.Many2one("survey.survey")
    invited_count = fields.Integer(string="Invited")
    answered_count = fields.Integer(string="Answered")
    response_rate = fields.Float(string="Response Rate (%)", aggregator="avg")
