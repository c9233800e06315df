from odoo import api, fields, models
from odoo.exceptions import UserError


class ReportMentorshipTrainingCertificate(models.AbstractModel):
    """The certificate of completion of the school of mentors (сертификат о прохождении
    обучения в школе наставников), for a mentor who completed the training."""

    _name = "report.odoo_mentorship_reports.report_training_certificate"
    _inherit = ["mentorship.report.mixin"]
    _description = "Certificate: School of Mentors"
    _report_model = "mentorship.mentor"

    @api.model
    def _get_extra_values(self, docs, data):
        untrained = docs.filtered(lambda mentor: not mentor.training_done)
        if untrained:
            raise UserError(
                self.env._(
                    "%(mentor)s has not completed the school of mentors: there is no "
                    "certificate to print yet.",
                    mentor=untrained[0].partner_id.name,
                )
            )
        return {"training": {mentor: self._training_values(mentor) for mentor in docs}}

    @api.model
    def _training_values(self, mentor):
        """What the documents say of the mentor's training: the sessions
        attended (by date), the certification passed (the best answer)
        and the day it was completed."""
        sessions = mentor._get_training_attended().sorted(
            lambda r: (r.event_begin_date or fields.Datetime.now(), r.id)
        )
        # the mentor's answers are read with the user's rights: the title of
        # the certification is not personal
        passed = mentor.training_certification_ids.sorted(
            lambda a: (-a.scoring_percentage, a.id)
        )[:1]
        days = [
            fields.Datetime.context_timestamp(mentor, r.event_begin_date).date()
            for r in sessions
            if r.event_begin_date
        ]
        passed_on = (
            passed.end_datetime
            and fields.Datetime.context_timestamp(mentor, passed.end_datetime).date()
        )
        if passed_on:
            days.append(passed_on)
        return {
            "sessions": [
                {
                    "name": registration.event_id.sudo().name,
                    "date": registration.event_begin_date
                    and fields.Datetime.context_timestamp(
                        mentor, registration.event_begin_date
                    ).date(),
                }
                for registration in sessions
            ],
            "certification": passed
            and {
                "title": passed.survey_id.sudo().title,
                "score": passed.scoring_percentage,
                "date": passed_on,
            },
            "credited": mentor.training_credited and not sessions,
            "date": max(days) if days else fields.Date.context_today(self),
        }


class ReportMentorshipPortfolio(models.AbstractModel):
    """The mentor's portfolio (портфолио наставника): the school of mentors, the
    certificates, the pairs completed with their outcomes, and the curator's notes of
    achievements, the awards and the practices published."""

    _name = "report.odoo_mentorship_reports.report_mentor_portfolio"
    _inherit = ["mentorship.report.mixin"]
    _description = "Mentor Portfolio"
    _report_model = "mentorship.mentor"

    @api.model
    def _get_extra_values(self, docs, data):
        Certificate = self.env[
            "report.odoo_mentorship_reports.report_training_certificate"
        ]
        return {
            "training": {
                mentor: Certificate._training_values(mentor) for mentor in docs
            },
            "sections": {
                mentor: self._get_portfolio_sections(mentor) for mentor in docs
            },
            "rank_labels": dict(
                self.env["mentorship.award"]
                ._fields["rank"]
                ._description_selection(self.env)
            ),
        }

    @api.model
    def _get_portfolio_sections(self, mentor):
        pairs = mentor.completed_pair_ids.sorted(
            lambda p: (p.date_end or p.date_start or fields.Date.today(), p.id)
        )
        # the awards and published practices, for a user who may read them (the fields'
        # groups: the participants, the school's staff and the coordinator)
        field = mentor._fields["portfolio_award_ids"]
        readable = self.env.su or self.env.user.has_groups(field.groups)
        return {
            "pairs": pairs,
            "awards": mentor.portfolio_award_ids if readable else [],
            "practices": mentor.portfolio_practice_ids if readable else [],
        }
