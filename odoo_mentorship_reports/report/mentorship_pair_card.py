from odoo import api, models

from .report_tools import date_in_words


class ReportMentorshipPairCard(models.AbstractModel):
    """The card of a pair or group: participants, form, stage, plan and meetings."""

    _name = "report.odoo_mentorship_reports.report_pair_card"
    _description = "Mentoring Pair Card"

    @api.model
    def _get_report_values(self, docids, data=None):
        pairs = self.env["mentorship.pair"].browse(docids)
        pairs.check_access("read")
        return {
            "doc_ids": docids,
            "doc_model": "mentorship.pair",
            "docs": pairs,
            "date_in_words": date_in_words,
        }
