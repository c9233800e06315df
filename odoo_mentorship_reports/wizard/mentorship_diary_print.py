from odoo import fields, models
from odoo.exceptions import UserError


class MentorshipDiaryPrint(models.TransientModel):
    """Print the mentor's diary of pairs for a period."""

    _name = "mentorship.diary.print"
    _description = "Print the Mentor's Diary"

    pair_ids = fields.Many2many(
        "mentorship.pair",
        string="Pairs",
        required=True,
        default=lambda self: self.env.context.get("active_ids"),
    )
    date_from = fields.Date(string="From")
    date_to = fields.Date(string="To")

    def action_print(self):
        self.ensure_one()
        if self.date_from and self.date_to and self.date_to < self.date_from:
            raise UserError(self.env._("The period cannot end before it starts."))
        return self.env.ref(
            "odoo_mentorship_reports.action_report_diary"
        ).report_action(
            self.pair_ids,
            data={
                "ids": self.pair_ids.ids,
                "date_from": fields.Date.to_string(self.date_from),
                "date_to": fields.Date.to_string(self.date_to),
            },
        )
