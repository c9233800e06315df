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
