from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

from .mentorship_jobs import run_each
from .mentorship_roles import check_history_unlink


class SurveyUserInput(models.Model):
    """An answer to a mentorship questionnaire, linked to whom and what it concerns."""

    _name = "survey.user_input"
    _inherit = ["survey.user_input", "mentorship.notification.mixin"]

    mentorship_programme_id = fields.Many2one(
        "mentorship.programme",
        string="Mentorship Programme",
        index="btree_not_null",
        ondelete="set null",
    )
    mentorship_mentee_id = fields.Many2one(
        "mentorship.mentee",
        string="Mentee",
        index="btree_not_null",
        ondelete="set null",
    )
    mentorship_mentor_id = fields.Many2one(
        "mentorship.mentor",
        string="Mentor",
        index="btree_not_null",
        ondelete="set null",
    )
    mentorship_pair_id = fields.Many2one(
        "mentorship.pair", string="Pair", index="btree_not_null", ondelete="set null"
    )
    mentorship_role = fields.Selection(related="survey_id.mentorship_role", store=True)
    # an answer to a certification (the mentors' portfolio lists those passed), stored
    # so that a participant, who does not read the surveys, finds their own
    mentorship_certification = fields.Boolean(
        related="survey_id.certification", store=True, string="Certification"
    )

    def action_mentorship_answer(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_url",
            "url": self.get_start_url(),
            "target": "self",
        }

    @api.model
    def _mentorship_period_domain(self, start, after):
        """The answers that belong to a period [start, after): the day an answer counts
        on is the day it was finished, or, not finished yet, the day it was sent. The
        monitoring and the indicators select by it."""
        return [
            "|",
            "&",
            ("end_datetime", ">=", start),
            ("end_datetime", "<", after),
            "&",
            "&",
            ("end_datetime", "=", False),
            ("create_date", ">=", start),
            ("create_date", "<", after),
        ]

    def _get_mentorship_scores(self):
        """Average of the scale answers per growth dimension, and of the satisfaction
        ratings, for each answer:
        {answer: {"dimensions": {dim: avg}, "satisfaction": avg}}."""
        result = {}
        for answer in self:
            per_dimension = {}
            ratings = []
            for line in answer.user_input_line_ids:
                question = line.question_id
                if line.skipped or question.question_type != "scale":
                    continue
                if question.mentorship_dimension:
                    per_dimension.setdefault(question.mentorship_dimension, []).append(
                        line.value_scale
                    )
                if question.mentorship_is_satisfaction:
                    ratings.append(line.value_scale)
            result[answer] = {
                "dimensions": {
                    dim: sum(values) / len(values)
                    for dim, values in per_dimension.items()
                },
                "satisfaction": sum(ratings) / len(ratings) if ratings else None,
            }
        return result

    @api.model_create_multi
    def create(self, vals_list):
        # the programme is set before the record exists: it is what the curators'
        # record rule reads to let them create the answer
        sources = [
            ("mentorship_pair_id", "mentorship.pair"),
            ("mentorship_mentee_id", "mentorship.mentee"),
            ("mentorship_mentor_id", "mentorship.mentor"),
        ]
        for vals in vals_list:
            if vals.get("mentorship_programme_id"):
                continue
            for field_name, model_name in sources:
                if vals.get(field_name):
                    programme = (
                        self.env[model_name]
                        .sudo()
                        .browse(vals[field_name])
                        .programme_id
                    )
                    vals["mentorship_programme_id"] = programme.id
                    break
        return super().create(vals_list)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_mentorship(self):
        check_history_unlink(
            self.filtered(
                lambda answer: answer.mentorship_programme_id and not answer.test_entry
            ),
            self.env._(
                "The answers to a mentorship questionnaire cannot be deleted: the "
                "monitoring and the indicators count them. Archive the questionnaire "
                "instead."
            ),
        )

    @api.model
    def _cron_mentorship_remind_unanswered(self, days=7):
        """Questionnaires not answered a week after the invitation: the curator gets a
        to-do on the participant's base record, once."""
        answers = self.sudo().search(
            [
                ("mentorship_programme_id", "!=", False),
                ("state", "!=", "done"),
                ("test_entry", "=", False),
                ("create_date", "<", fields.Datetime.now() - relativedelta(days=days)),
            ]
        )
        run_each(
            answers,
            "Unanswered questionnaires",
            lambda answer: answer._mentorship_remind_unanswered(),
        )

    def _mentorship_remind_unanswered(self):
        record = self.mentorship_mentee_id or self.mentorship_mentor_id
        curator = self.mentorship_programme_id._get_lead_curator()
        if not record or not curator:
            return
        # in the curator's language, the questionnaire's title too
        env = record._in_lang_of(curator).env
        title = self.survey_id.with_env(env).title
        if record._schedule_todo_once(
            curator, env._("Questionnaire not answered: %(survey)s", survey=title)
        ):
            # the participant's reminder goes with the curator's new to-do, once
            self._notify_survey_waiting()

    def _mentorship_notification_company(self):
        return self.mentorship_programme_id.company_id

    def _notify_survey_waiting(self):
        """The participant is reminded of the questionnaire, with its link, while
        their data are processed."""
        for answer in self.sudo():
            record = answer.mentorship_mentee_id or answer.mentorship_mentor_id
            if answer.partner_id and record and record._mentorship_may_notify():
                answer._mentorship_notify(
                    "odoo_mentorship.mail_template_survey_waiting",
                    "mentorship_notify_survey_waiting",
                    answer.partner_id,
                    mentorship_url=answer.get_base_url() + answer.get_start_url(),
                )
