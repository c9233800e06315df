from odoo import fields, models

from .mentorship_roadmap_template import RECURRENCES


class MentorshipRoadmapTemplateActivity(models.Model):
    _name = "mentorship.roadmap.template.activity"
    _description = "Roadmap Template Activity"
    _order = "template_id, stage_sequence, sequence, id"

    stage_id = fields.Many2one(
        "mentorship.roadmap.template.stage",
        required=True,
        ondelete="cascade",
        index=True,
    )
    template_id = fields.Many2one(
        related="stage_id.template_id", store=True, index=True
    )
    stage_sequence = fields.Integer(
        related="stage_id.sequence", store=True, string="Stage Sequence"
    )
    sequence = fields.Integer(default=10)
    number = fields.Char(help="The number of the activity in the document, e.g. 1.3.")
    name = fields.Text(string="Activity", required=True)
    deadline_text = fields.Char(
        string="Deadline as Worded", help="The deadline as the document words it."
    )
    offset_months = fields.Integer(
        help="Months from the start of the programme to the deadline."
    )
    offset_days = fields.Integer(help="Days added to the months offset.")
    recurrence = fields.Selection(RECURRENCES, default="none", required=True)
    responsible_text = fields.Char(
        string="Responsible", help="Who is responsible, as the document says."
    )
    expected_result = fields.Text()
    document_type = fields.Char(
        help="The document that proves the result (order, report, protocol...)."
    )
    is_monitoring = fields.Boolean(
        string="Stage Monitoring",
        help="The activity that closes a stage with its monitoring.",
    )
