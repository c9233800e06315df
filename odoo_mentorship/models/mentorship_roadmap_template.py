from odoo import fields, models

RECURRENCES = [("none", "Once"), ("yearly", "Yearly")]


class MentorshipRoadmapTemplate(models.Model):
    """A roadmap as a school or district document words it (seeds 000–004), shipped
    as data and turned into a dated roadmap for a programme in one action."""

    _name = "mentorship.roadmap.template"
    _description = "Roadmap Template"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    level = fields.Selection(
        [
            ("school", "School"),
            ("programme", "Model Programme"),
            ("municipality", "Municipality"),
            ("college", "College"),
            ("teachers", "Teachers' Mentoring"),
        ],
        required=True,
        default="school",
    )
    description = fields.Text(translate=True)
    source = fields.Char(help="The document the template was taken from.")
    stage_ids = fields.One2many("mentorship.roadmap.template.stage", "template_id", string="Stages")
    activity_ids = fields.One2many("mentorship.roadmap.template.activity", "template_id", string="Activities")
    active = fields.Boolean(default=True)

    _sql_constraints = [("code_uniq", "unique(code)", "The code of a roadmap template must be unique.")]


class MentorshipRoadmapTemplateStage(models.Model):
    _name = "mentorship.roadmap.template.stage"
    _description = "Roadmap Template Stage"
    _order = "template_id, sequence, id"

    template_id = fields.Many2one("mentorship.roadmap.template", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True)
    task = fields.Text()
    result = fields.Text()
    activity_ids = fields.One2many("mentorship.roadmap.template.activity", "stage_id", string="Activities")


class MentorshipRoadmapTemplateActivity(models.Model):
    _name = "mentorship.roadmap.template.activity"
    _description = "Roadmap Template Activity"
    _order = "template_id, stage_sequence, sequence, id"

    stage_id = fields.Many2one(
        "mentorship.roadmap.template.stage", required=True, ondelete="cascade", index=True
    )
    template_id = fields.Many2one(related="stage_id.template_id", store=True, index=True)
    stage_sequence = fields.Integer(related="stage_id.sequence", store=True, string="Stage Sequence")
    sequence = fields.Integer(default=10)
    number = fields.Char(help="The number of the activity in the document, e.g. 1.3.")
    name = fields.Text(string="Activity", required=True)
    deadline_text = fields.Char(string="Deadline as Worded", help="The deadline as the document words it.")
    offset_months = fields.Integer(
        help="Months from the start of the programme to the deadline."
    )
    offset_days = fields.Integer(help="Days added to the months offset.")
    recurrence = fields.Selection(RECURRENCES, default="none", required=True)
    responsible_text = fields.Char(string="Responsible", help="Who is responsible, as the document says.")
    expected_result = fields.Text()
    document_type = fields.Char(help="The document that proves the result (order, report, protocol...).")
    is_monitoring = fields.Boolean(
        string="Stage Monitoring", help="The activity that closes a stage with its monitoring."
    )
