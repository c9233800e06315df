from odoo import api, models

from .report_tools import DOCUMENT_LANG


class ReportMentorshipPersonalData(models.AbstractModel):
    """What the school holds about a person (152-ФЗ art. 14), printed from a mentee's
    base record; the data are those of _get_personal_data(), as in the JSON export."""

    _name = "report.odoo_mentorship_reports.report_personal_data_mentee"
    _inherit = ["mentorship.report.mixin"]
    _description = "Personal Data Held (Mentee)"
    _report_model = "mentorship.mentee"

    @api.model
    def _get_extra_values(self, docs, data):
        docs._check_can_read_personal_data()
        lang = (
            DOCUMENT_LANG
            if self.env["res.lang"]._lang_get(DOCUMENT_LANG)
            else self.env.lang
        )
        return {
            "personal_data": {
                doc.id: doc.with_context(lang=lang)._get_personal_data() for doc in docs
            },
        }


class ReportMentorshipPersonalDataMentor(models.AbstractModel):
    _name = "report.odoo_mentorship_reports.report_personal_data_mentor"
    _inherit = ["report.odoo_mentorship_reports.report_personal_data_mentee"]
    _description = "Personal Data Held (Mentor)"
    _report_model = "mentorship.mentor"
