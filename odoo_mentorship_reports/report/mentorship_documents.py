from datetime import datetime, time, timedelta

from odoo import api, fields, models


class ReportMentorshipOrder(models.AbstractModel):
    _name = "report.odoo_mentorship_reports.report_order"
    _inherit = ["mentorship.report.mixin"]
    _description = "Mentorship Order"
    _report_model = "mentorship.order"


class ReportMentorshipPlan(models.AbstractModel):
    _name = "report.odoo_mentorship_reports.report_plan"
    _inherit = ["mentorship.report.mixin"]
    _description = "Individual Plan"
    _report_model = "mentorship.pair"


class ReportMentorshipDiary(models.AbstractModel):
    """The mentor's diary: the meetings of a pair over a
    period (all of them by default)."""

    _name = "report.odoo_mentorship_reports.report_diary"
    _inherit = ["mentorship.report.mixin"]
    _description = "Mentor's Diary"
    _report_model = "mentorship.pair"

    @api.model
    def _get_extra_values(self, docs, data):
        date_from = (
            fields.Date.to_date(data.get("date_from"))
            if data.get("date_from")
            else None
        )
        date_to = (
            fields.Date.to_date(data.get("date_to")) if data.get("date_to") else None
        )

        def meetings_of(pair):
            meetings = pair.meeting_ids.sorted("date_start")
            if date_from:
                meetings = meetings.filtered(
                    lambda m: m.date_start >= datetime.combine(date_from, time.min)
                )
            if date_to:
                meetings = meetings.filtered(
                    lambda m: m.date_start
                    < datetime.combine(date_to + timedelta(days=1), time.min)
                )
            return meetings

        return {"meetings_of": meetings_of, "date_from": date_from, "date_to": date_to}


class ReportMentorshipMonitoring(models.AbstractModel):
    """The monitoring certificate (информационно-аналитическая справка)."""

    _name = "report.odoo_mentorship_reports.report_monitoring"
    _inherit = ["mentorship.report.mixin"]
    _description = "Monitoring Certificate"
    _report_model = "mentorship.monitoring"

    @api.model
    def _get_extra_values(self, docs, data):
        def figures(monitoring):
            pairs = monitoring.programme_id.pair_ids
            meetings = self.env["mentorship.meeting"].search(
                [
                    ("programme_id", "=", monitoring.programme_id.id),
                    (
                        "date_start",
                        ">=",
                        datetime.combine(monitoring.date_from, time.min),
                    ),
                    (
                        "date_start",
                        "<",
                        datetime.combine(
                            monitoring.date_to + timedelta(days=1), time.min
                        ),
                    ),
                ]
            )
            by_form = {}
            for pair in pairs:
                by_form.setdefault(pair.form_id, {}).setdefault(pair.stage_id, 0)
                by_form[pair.form_id][pair.stage_id] += 1
            dimensions = {}
            # per-child scores, read as superuser: the
            # certificate prints their averages only
            for line in monitoring.sudo().growth_line_ids:
                dimensions.setdefault(line.dimension, []).append(line)
            dimension_labels = dict(
                self.env["mentorship.monitoring.growth.line"]
                ._fields["dimension"]
                ._description_selection(self.env)
            )
            return {
                "mentee_count": len(monitoring.programme_id.mentee_ids),
                "mentor_count": len(monitoring.programme_id.mentor_ids),
                "pair_count": len(pairs),
                "by_form": by_form,
                "meeting_count": len(meetings),
                "meeting_hours": sum(meetings.mapped("duration")),
                "rated_meetings": len(meetings.filtered("average_rating")),
                "average_rating": (
                    sum(meetings.mapped("average_rating"))
                    / len(meetings.filtered("average_rating"))
                    if meetings.filtered("average_rating")
                    else 0.0
                ),
                "dimensions": [
                    {
                        "label": dimension_labels.get(dimension, dimension),
                        "entry": sum(line.entry_score for line in lines) / len(lines),
                        "exit": sum(line.exit_score for line in lines) / len(lines),
                        "count": len(lines),
                    }
                    for dimension, lines in dimensions.items()
                ],
            }

        return {"figures": figures}


class ReportMentorshipKpi(models.AbstractModel):
    """Plan vs fact of the indicators: one table per year, a row per school and
    indicator, the district totals last."""

    _name = "report.odoo_mentorship_reports.report_kpi"
    _inherit = ["mentorship.report.mixin"]
    _description = "Indicators: Plan vs Fact"
    _report_model = "mentorship.kpi.value"

    @api.model
    def _get_extra_values(self, docs, data):
        years = sorted(set(docs.mapped("year")))
        tables = []
        for year in years:
            values = docs.filtered(lambda v, y=year: v.year == y)
            schools = values.filtered(lambda v: not v.is_district).sorted(
                lambda v: (v.company_id.name, v.indicator_id.sequence)
            )
            totals = values.filtered("is_district").sorted(
                lambda v: v.indicator_id.sequence
            )
            tables.append({"year": year, "schools": schools, "totals": totals})
        return {"tables": tables}


class ReportMentorshipReward(models.AbstractModel):
    """A certificate of honour; each nomination is a report of its own."""

    _name = "report.odoo_mentorship_reports.report_reward_best_mentor"
    _inherit = ["mentorship.report.mixin"]
    _description = "Certificate: Best Mentor"
    _report_model = "mentorship.mentor"

    def _get_reward_title(self):
        return self.env._("Best Mentor")

    @api.model
    def _get_extra_values(self, docs, data):
        return {"reward_title": self._get_reward_title()}


class ReportMentorshipRewardMentorOfYear(models.AbstractModel):
    _name = "report.odoo_mentorship_reports.report_reward_mentor_of_year"
    _inherit = ["report.odoo_mentorship_reports.report_reward_best_mentor"]
    _description = "Certificate: Mentor of the Year"

    def _get_reward_title(self):
        return self.env._("Mentor of the Year")


class ReportMentorshipRewardBestPair(models.AbstractModel):
    _name = "report.odoo_mentorship_reports.report_reward_best_pair"
    _inherit = ["report.odoo_mentorship_reports.report_reward_best_mentor"]
    _description = "Certificate: Best Pair"
    _report_model = "mentorship.pair"

    def _get_reward_title(self):
        return self.env._("Best Pair")


class ReportMentorshipAward(models.AbstractModel):
    """The certificate of honour of an award: its
    nomination, year, rank and citation."""

    _name = "report.odoo_mentorship_reports.report_award"
    _inherit = ["mentorship.report.mixin"]
    _description = "Certificate of Honour"
    _report_model = "mentorship.award"


class ReportMentorshipParentsLetter(models.AbstractModel):
    _name = "report.odoo_mentorship_reports.report_parents_letter"
    _inherit = ["mentorship.report.mixin"]
    _description = "Thank-you Letter to Parents"
    _report_model = "mentorship.mentor"


class ReportMentorshipRoadmap(models.AbstractModel):
    _name = "report.odoo_mentorship_reports.report_roadmap"
    _inherit = ["mentorship.report.mixin"]
    _description = "Roadmap"
    _report_model = "mentorship.roadmap"


class ReportMentorshipProtocol(models.AbstractModel):
    _name = "report.odoo_mentorship_reports.report_protocol"
    _inherit = ["mentorship.report.mixin"]
    _description = "Meeting Minutes"
    _report_model = "mentorship.protocol"


class ReportMentorshipAgreementList(models.AbstractModel):
    """The register of cooperation agreements (реестр соглашений):
    one list of the selected ones."""

    _name = "report.odoo_mentorship_reports.report_agreement_list"
    _inherit = ["mentorship.report.mixin"]
    _description = "Register of Cooperation Agreements"
    _report_model = "mentorship.agreement"

    @api.model
    def _get_extra_values(self, docs, data):
        return {
            "agreements": docs.sorted(
                lambda a: (a.partner_id.name or "", str(a.date_signed or ""), a.id)
            )
        }


class ReportMentorshipDistrictMonitoring(models.AbstractModel):
    """The district's monitoring: the schools' confirmed monitoring of a period and the
    schools that have not confirmed theirs (mentorship.district.monitoring)."""

    _name = "report.odoo_mentorship_reports.report_district_monitoring"
    _inherit = ["mentorship.report.mixin"]
    _description = "District Monitoring"
    _report_model = "mentorship.district.monitoring"

    @api.model
    def _get_extra_values(self, docs, data):
        rows = docs[:1]._get_schools() if docs else []
        confirmed = [row["monitoring"] for row in rows if row["monitoring"]]

        def average(fname):
            return (
                sum(m[fname] for m in confirmed) / len(confirmed) if confirmed else 0.0
            )

        return {
            "rows": rows,
            "confirmed_count": len(confirmed),
            "averages": {
                fname: average(fname)
                for fname in (
                    "response_rate",
                    "mentee_satisfaction_rate",
                    "mentor_satisfaction_rate",
                )
            },
        }
