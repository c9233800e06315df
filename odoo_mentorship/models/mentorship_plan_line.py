from odoo import api, fields, models


class MentorshipPlanLine(models.Model):
    """A line of the individual plan of a pair (индивидуальный план)."""

    _name = "mentorship.plan.line"
    _description = "Individual Plan Line"
    _order = "pair_id, sequence, deadline, id"

    pair_id = fields.Many2one("mentorship.pair", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="pair_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    goal = fields.Char(required=True)
    task = fields.Text()
    deadline = fields.Date()
    status = fields.Selection(
        [
            ("todo", "To Do"),
            ("in_progress", "In Progress"),
            ("done", "Done"),
            ("cancelled", "Cancelled"),
        ],
        default="todo",
        required=True,
    )
    result = fields.Text()
    is_overdue = fields.Boolean(compute="_compute_is_overdue", string="Overdue")

    @api.depends("deadline", "status")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for line in self:
            line.is_overdue = bool(
                line.deadline and line.deadline < today and line.status in ("todo", "in_progress")
            )
