from odoo import models


class ReportMentorshipPairCard(models.AbstractModel):
    """The card of a pair or group: participants, form, stage, plan and meetings."""

    _name = "report.odoo_mentorship_reports.report_pair_card"
    _inherit = ["mentorship.report.mixin"]
    _description = "Mentoring Pair Card"
    _report_model = "mentorship.pair"
