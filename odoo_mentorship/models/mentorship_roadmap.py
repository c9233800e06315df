from dateutil.relativedelta import relativedelta

from odoo import api, fields, models


class MentorshipRoadmap(models.Model):
    """The roadmap (дорожная карта) of a programme, or of a district office,
    created from a template with concrete deadlines."""

    _name = "mentorship.roadmap"
    _description = "Roadmap"
    _inherit = ["mentorship.thread"]
    _order = "date_start desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    programme_id = fields.Many2one(
        "mentorship.programme",
        check_company=True,
        index="btree_not_null",
        help="Empty for a district office's roadmap.",
    )
    template_id = fields.Many2one("mentorship.roadmap.template", readonly=True)
    date_start = fields.Date(
        string="Start", required=True, default=fields.Date.context_today
    )
    manager_id = fields.Many2one(
        "res.users",
        string="Curator",
        default=lambda self: self.env.user,
        help="Receives the warnings about overdue activities.",
    )
    stage_ids = fields.One2many(
        "mentorship.roadmap.stage", "roadmap_id", string="Stages"
    )
    activity_ids = fields.One2many(
        "mentorship.roadmap.activity", "roadmap_id", string="Activities"
    )
    activity_count = fields.Integer(compute="_compute_progress")
    overdue_count = fields.Integer(compute="_compute_progress")
    progress = fields.Float(compute="_compute_progress", string="Completion (%)")
    active = fields.Boolean(default=True)

    @api.depends("activity_ids.state", "activity_ids.deadline")
    def _compute_progress(self):
        for roadmap in self:
            activities = roadmap.activity_ids.filtered(lambda a: a.state != "cancelled")
            done = activities.filtered(lambda a: a.state == "done")
            roadmap.activity_count = len(activities)
            roadmap.overdue_count = len(activities.filtered("is_overdue"))
            roadmap.progress = (
                100.0 * len(done) / len(activities) if activities else 0.0
            )

    @api.model
    def _create_from_template(
        self, template, date_start, programme=None, company=None, name=None
    ):
        """Create a dated roadmap from a template: one stage per template stage and
        one activity per template activity, its deadline offset from the start."""
        company = company or (programme.company_id if programme else self.env.company)
        roadmap = self.create(
            {
                "name": name
                or (
                    f"{template.name} — {programme.name}"
                    if programme
                    else template.name
                ),
                "template_id": template.id,
                "programme_id": programme.id if programme else False,
                "company_id": company.id,
                "date_start": date_start,
                "manager_id": (
                    programme.curator_ids[:1] if programme else self.env.user
                ).id
                or self.env.user.id,
            }
        )
        for template_stage in template.stage_ids:
            stage = self.env["mentorship.roadmap.stage"].create(
                {
                    "roadmap_id": roadmap.id,
                    "sequence": template_stage.sequence,
                    "name": template_stage.name,
                    "task": template_stage.task,
                    "result": template_stage.result,
                }
            )
            self.env["mentorship.roadmap.activity"].create(
                [
                    {
                        "roadmap_id": roadmap.id,
                        "stage_id": stage.id,
                        "sequence": activity.sequence,
                        "number": activity.number,
                        "name": activity.name,
                        "deadline": date_start
                        + relativedelta(
                            months=activity.offset_months, days=activity.offset_days
                        ),
                        "deadline_text": activity.deadline_text,
                        "recurrence": activity.recurrence,
                        "responsible_text": activity.responsible_text,
                        "expected_result": activity.expected_result,
                        "document_type": activity.document_type,
                        "is_monitoring": activity.is_monitoring,
                    }
                    for activity in template_stage.activity_ids
                ]
            )
        return roadmap

    def action_open_activities(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.name,
            "res_model": "mentorship.roadmap.activity",
            "view_mode": "kanban,list,calendar,form",
            "domain": [("roadmap_id", "=", self.id)],
            "context": {"default_roadmap_id": self.id, "roadmap_id": self.id},
        }
