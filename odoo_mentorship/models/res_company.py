from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    mentorship_young_specialist_years = fields.Integer(
        string="Young Specialist Threshold (years)",
        default=3,
        help="Teachers with less teaching experience are young specialists (0–3 years in the model programme).",
    )
    mentorship_adaptation_months = fields.Integer(
        string="Adaptation Period (months)",
        default=12,
        help="Employees hired here within this period are new at the school.",
    )
    mentorship_min_mentor_years = fields.Integer(
        string="Minimum Mentor Experience (years)",
        default=3,
        help="In the teacher–teacher form, a mentor with less teaching experience needs the curator's override.",
    )

    mentorship_roadmap_reminder_days = fields.Integer(
        string="Roadmap Reminder (days)",
        default=7,
        help="Responsible people get a to-do this many days before a roadmap deadline.",
    )

    mentorship_satisfaction_threshold = fields.Float(
        string="Satisfied From (1–5)",
        default=4.0,
        help="A participant is satisfied when the average of the satisfaction ratings reaches it.",
    )

    def _get_mentorship_thresholds(self):
        self.ensure_one()
        return self.mentorship_young_specialist_years, self.mentorship_adaptation_months
