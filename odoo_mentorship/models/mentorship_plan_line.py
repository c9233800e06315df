from odoo import api, fields, models
from odoo.exceptions import UserError

from .mentorship_roles import has_role

# what a mentee sets; cancelling a task, or reopening a cancelled one, is the mentor's
MENTEE_STATUSES = ("todo", "in_progress", "done")


class MentorshipPlanLine(models.Model):
    """A line of the individual plan of a pair (индивидуальный план).

    Who can do what (the back end and the portal alike, see _check_participant_*):
    a curator edits any plan; the mentor edits the plan of the pair while it is open;
    a mentee moves a task among to do, in progress and done while the pair is open,
    and leaves a cancelled task as it is.
    """

    _name = "mentorship.plan.line"
    _inherit = ["mentorship.pair.record.mixin"]
    _description = "Individual Plan Line"
    _order = "pair_id, sequence, deadline, id"

    pair_id = fields.Many2one(
        "mentorship.pair", required=True, ondelete="cascade", index=True
    )
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
                line.deadline
                and line.deadline < today
                and line.status in ("todo", "in_progress")
            )

    # ------------------------------------------------------------
    # ACCESS
    # ------------------------------------------------------------

    def _check_participant_changes(self, vals, user):
        """Refuse the changes `user` may not make to these lines. Shared by write()
        and the portal."""
        if has_role(self.with_user(user).env, "curator"):
            return
        for line in self.sudo():
            pair = line.pair_id
            if pair._participant_role(user) != "mentee":
                self._check_mentor_of(pair, user)
                if "pair_id" in vals:
                    self._check_mentor_of(pair.browse(vals["pair_id"]), user)
                continue
            pair._check_still_open()
            if line.status == "cancelled":
                raise UserError(
                    self.env._(
                        "The task «%(goal)s» is cancelled: only the mentor reopens it.",
                        goal=line.goal,
                    )
                )
            if (
                vals.keys() - {"status"}
                or vals.get("status", line.status) not in MENTEE_STATUSES
            ):
                raise UserError(
                    self.env._(
                        "A mentee sets the status of a task only: to do, in progress "
                        "or done."
                    )
                )

    @api.model
    def _check_mentor_of(self, pair, user):
        pair._check_mentor(
            user,
            self.env._(
                "Only the mentor of the pair or a curator edits its individual plan."
            ),
        )
