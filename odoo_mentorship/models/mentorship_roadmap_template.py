from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import fields, models
from odoo.tools.misc import format_date

RECURRENCES = [
    ("none", "Once"),
    ("monthly", "Monthly"),
    ("quarterly", "Quarterly"),
    ("yearly", "Yearly"),
]
RECURRENCE_STEPS = {
    "monthly": relativedelta(months=1),
    "quarterly": relativedelta(months=3),
    "yearly": relativedelta(years=1),
}


def next_deadline(deadline, recurrence):
    """The deadline of the next occurrence: a month, a quarter or a year later, on the
    same day («ежемесячно 25 числа»), or on the last day of the month when the deadline
    is one (the end of a quarter stays the end of a quarter)."""
    following = deadline + RECURRENCE_STEPS[recurrence]
    if (deadline + relativedelta(days=1)).day == 1:
        following += relativedelta(day=31)
    return following


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
    # the calendar the document is written from: its deadlines count from this day
    anchor_month = fields.Integer(
        help="Month (1–12) the template's calendar starts; 0: the programme's start."
    )
    anchor_day = fields.Integer(default=1, help="Day of that month.")
    stage_ids = fields.One2many(
        "mentorship.roadmap.template.stage", "template_id", string="Stages"
    )
    activity_ids = fields.One2many(
        "mentorship.roadmap.template.activity", "template_id", string="Activities"
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_uniq", "unique(code)", "The code of a roadmap template must be unique.")
    ]

    def _get_start(self, not_before):
        """The first day on or after `not_before` the template's calendar starts (its
        document is written from 1 May, 1 February...), or `not_before` itself for a
        template without an anchor."""
        self.ensure_one()
        if not self.anchor_month:
            return not_before
        start = date(not_before.year, self.anchor_month, 1) + relativedelta(
            day=self.anchor_day or 1
        )
        return (
            start
            if start >= not_before
            else start + relativedelta(years=1, day=self.anchor_day or 1)
        )

    def _get_anchor_label(self):
        """«1 February»: the day the template's calendar
        starts, in the user's language."""
        self.ensure_one()
        if not self.anchor_month:
            return ""
        day = date(2000, self.anchor_month, 1) + relativedelta(day=self.anchor_day or 1)
        return format_date(self.env, day, date_format="d MMMM")
