from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

from .mentorship_jobs import run_each
from .mentorship_roadmap_template import RECURRENCES, next_deadline

OPEN_STATES = ("planned", "in_progress")


class MentorshipRoadmapActivity(models.Model):
    """An activity of a roadmap: what to do, by when, by whom, and the document that
    proves it was done."""

    _name = "mentorship.roadmap.activity"
    _description = "Roadmap Activity"
    _inherit = ["mentorship.thread", "mentorship.activity.mixin"]
    _order = "roadmap_id, stage_sequence, sequence, deadline, id"
    _check_company_auto = True

    roadmap_id = fields.Many2one(
        "mentorship.roadmap", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(
        related="roadmap_id.company_id", store=True, index=True, precompute=True
    )
    programme_id = fields.Many2one(related="roadmap_id.programme_id", store=True)
    stage_id = fields.Many2one(
        "mentorship.roadmap.stage",
        required=True,
        ondelete="restrict",
        index=True,
        domain="[('roadmap_id', '=', roadmap_id)]",
        group_expand="_read_group_stage_ids",
    )
    stage_sequence = fields.Integer(
        related="stage_id.sequence", store=True, string="Stage Sequence"
    )
    sequence = fields.Integer(default=10)
    number = fields.Char()
    name = fields.Text(string="Activity", required=True)
    deadline = fields.Date(tracking=True, index=True)
    deadline_text = fields.Char(string="Deadline as Worded")
    recurrence = fields.Selection(RECURRENCES, default="none", required=True)
    responsible_user_ids = fields.Many2many(
        "res.users", string="Responsible", domain="[('share', '=', False)]"
    )
    responsible_text = fields.Char(
        string="Responsible (Outside)",
        help="Outside parties, as the document names them.",
    )
    expected_result = fields.Text()
    document_type = fields.Char()
    evidence_ids = fields.Many2many("ir.attachment", string="Evidence")
    state = fields.Selection(
        [
            ("planned", "Planned"),
            ("in_progress", "In Progress"),
            ("done", "Done"),
            ("cancelled", "Cancelled"),
        ],
        default="planned",
        required=True,
        tracking=True,
    )
    is_overdue = fields.Boolean(
        compute="_compute_is_overdue", search="_search_is_overdue", string="Overdue"
    )
    is_monitoring = fields.Boolean(string="Stage Monitoring")
    monitoring_id = fields.Many2one(
        "mentorship.monitoring",
        string="Monitoring Record",
        check_company=True,
        domain="[('programme_id', '=', programme_id)]",
        help=(
            "The monitoring of the programme that this stage-closing activity produced."
        ),
    )
    previous_id = fields.Many2one(
        "mentorship.roadmap.activity",
        readonly=True,
        copy=False,
        help="The occurrence of the year before.",
    )
    color = fields.Integer()

    @api.model
    def _read_group_stage_ids(self, stages, domain):
        roadmap_id = self.env.context.get("default_roadmap_id")
        if roadmap_id:
            return stages.search([("roadmap_id", "=", roadmap_id)])
        return stages

    @api.depends("deadline", "state")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for activity in self:
            activity.is_overdue = bool(
                activity.deadline
                and activity.deadline < today
                and activity.state in OPEN_STATES
            )

    def _search_is_overdue(self, operator, value):
        # overdue depends on today, hence computed, but it is a
        # plain condition on stored fields
        if operator not in ("=", "!="):
            return NotImplemented
        overdue = [
            ("deadline", "<", fields.Date.context_today(self)),
            ("state", "in", OPEN_STATES),
        ]
        if (operator == "=") == bool(value):
            return overdue
        return ["!", "&", *overdue]

    def write(self, vals):
        newly_done = (
            self.filtered(lambda a: a.state != "done")
            if vals.get("state") == "done"
            else self.browse()
        )
        result = super().write(vals)
        newly_done._create_next_occurrence()
        return result

    def _create_next_occurrence(self):
        """«Далее ежегодно», «ежеквартально», «ежемесячно 25 числа»: a recurring
        activity marked done comes back as a new activity with the next deadline."""
        for activity in self.filtered(lambda a: a.recurrence != "none" and a.deadline):
            if self.search_count([("previous_id", "=", activity.id)]):
                continue
            activity.copy(
                {
                    "deadline": next_deadline(activity.deadline, activity.recurrence),
                    "state": "planned",
                    "previous_id": activity.id,
                    "evidence_ids": [(5, 0, 0)],
                }
            )

    def action_start(self):
        self.write({"state": "in_progress"})

    def action_done(self):
        self.write({"state": "done"})

    def action_cancel(self):
        self.write({"state": "cancelled"})

    def action_reset(self):
        self.write({"state": "planned"})

    # ------------------------------------------------------------
    # REMINDERS
    # ------------------------------------------------------------

    @api.model
    def _cron_send_reminders(self):
        """Give each responsible user a to-do some days before the deadline, and the
        curator of the roadmap one for each overdue activity. Run twice, it creates
        nothing new: an activity already scheduled for the same user is kept."""
        today = fields.Date.context_today(self)
        for company in self.env["res.company"].search([]):
            horizon = today + relativedelta(
                days=company.mentorship_roadmap_reminder_days
            )
            upcoming = self.search(
                [
                    ("company_id", "=", company.id),
                    ("state", "in", OPEN_STATES),
                    ("deadline", ">=", today),
                    ("deadline", "<=", horizon),
                    ("responsible_user_ids", "!=", False),
                ]
            )
            run_each(
                upcoming,
                "Roadmap reminders",
                lambda activity: activity._remind_deadline(),
            )
            overdue = self.search(
                [("company_id", "=", company.id), ("is_overdue", "=", True)]
            )
            run_each(
                overdue,
                "Roadmap reminders",
                lambda activity: activity._remind_overdue(today),
            )

    def _remind_deadline(self):
        for user in self.responsible_user_ids:
            summary = self._in_lang_of(user).env._("Roadmap deadline")
            self._schedule_todo_once(user, summary, self.name, self.deadline)

    def _remind_overdue(self, today):
        curator = self.roadmap_id.manager_id
        if curator:
            summary = self._in_lang_of(curator).env._("Overdue roadmap activity")
            self._schedule_todo_once(curator, summary, self.name, today)
