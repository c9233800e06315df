from odoo import fields, models


class MentorshipMonitoringQuestionLine(models.Model):
    _name = "mentorship.monitoring.question.line"
    _inherit = ["mentorship.monitoring.line"]
    _description = "Monitoring: Question Average"
    _order = "monitoring_id, survey_id, id"

    survey_id = fields.Many2one("survey.survey")
    question_id = fields.Many2one("survey.question")
    dimension = fields.Selection(related="question_id.mentorship_dimension", store=True)
    answer_count = fields.Integer(string="Answers")
    average = fields.Float(digits=(3, 2), aggregator="avg")
    satisfied_rate = fields.Float(string="Satisfied (%)", aggregator="avg")
