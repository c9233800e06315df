from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

DAYS_PER_MONTH = (
    30  # the rule of the Russian service-record count: 30 days make a month
)


def merge_periods(periods, today):
    """Merge (start, end) date periods into disjoint ones.

    An open end (None/False) runs to today; a period that has not started by today
    counts nothing, and every period is cut at today. Overlapping or adjacent
    periods (two part-time schools at once) are merged, so no day counts twice.
    """
    spans = sorted(
        (start, min(end or today, today))
        for start, end in periods
        if start and start <= today
    )
    merged = []
    for start, end in spans:
        if end < start:
            continue
        if merged and start <= merged[-1][1] + timedelta(days=1):
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [tuple(span) for span in merged]


def count_experience(periods, today):
    """Return (years, months, days) of experience over the given periods.

    Each merged period counts its full calendar years, months and remaining days
    (both ends included, via relativedelta so month ends and leap days behave);
    then days carry into months by 30 and months into years by 12, as service
    records are counted in Russia.
    """
    years = months = days = 0
    for start, end in merge_periods(periods, today):
        delta = relativedelta(end + timedelta(days=1), start)
        years += delta.years
        months += delta.months
        days += delta.days
    months += days // DAYS_PER_MONTH
    days %= DAYS_PER_MONTH
    years += months // 12
    months %= 12
    return years, months, days


class HrEmployeeExperience(models.Model):
    """A line of the employee's work record (трудовая книжка): where, as what, when."""

    _name = "hr.employee.experience"
    _description = "Employee Work Experience"
    _order = "employee_id, date_start desc, id desc"
    _check_company_auto = True

    employee_id = fields.Many2one(
        "hr.employee", required=True, ondelete="cascade", index=True, check_company=True
    )
    company_id = fields.Many2one(
        related="employee_id.company_id", store=True, index=True
    )
    organisation = fields.Char(required=True)
    position = fields.Char(required=True)
    date_start = fields.Date(string="Start", required=True)
    date_end = fields.Date(string="End", help="Leave empty while the job goes on.")
    is_teaching = fields.Boolean(
        string="Teaching", default=True, help="Counts as teaching experience."
    )
    is_part_time = fields.Boolean(string="Part-Time")
    workload = fields.Float(
        string="Workload (%)",
        default=100.0,
        help="Share of a full-time position, in percent.",
    )
    note = fields.Text()
    document = fields.Binary(string="Scan of the Record", attachment=True)
    document_name = fields.Char()
    duration_display = fields.Char(
        string="Duration", compute="_compute_duration_display"
    )

    @api.depends("date_start", "date_end")
    def _compute_duration_display(self):
        today = fields.Date.context_today(self)
        for line in self:
            line.duration_display = self.env["hr.employee"]._format_experience(
                count_experience([(line.date_start, line.date_end)], today)
            )

    @api.constrains("date_start", "date_end", "workload", "is_part_time")
    def _check_values(self):
        today = fields.Date.context_today(self)
        for line in self:
            if line.date_end and line.date_end < line.date_start:
                raise ValidationError(
                    self.env._(
                        "The job «%(position)s» at %(organisation)s cannot end before "
                        "it starts.",
                        position=line.position,
                        organisation=line.organisation,
                    )
                )
            if line.date_start > today + relativedelta(years=1):
                raise ValidationError(
                    self.env._(
                        "The job «%(position)s» at %(organisation)s starts more than a "
                        "year from now: check the date.",
                        position=line.position,
                        organisation=line.organisation,
                    )
                )
            if line.workload <= 0 or line.workload > 100:
                raise ValidationError(
                    self.env._(
                        "The workload of «%(position)s» must be more than 0%% and at "
                        "most 100%%.",
                        position=line.position,
                    )
                )
