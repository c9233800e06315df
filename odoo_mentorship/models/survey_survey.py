from odoo import api, fields, models

from .mentorship_roles import check_history_unlink, has_role

SURVEY_ROLES = [
    ("mentor_candidate", "Mentor Candidate Questionnaire"),
    ("mentee_request", "Mentee Request Questionnaire"),
    ("entry", "Entry Diagnostics"),
    ("exit", "Exit Diagnostics"),
    ("mentee_satisfaction", "Mentee Satisfaction"),
    ("mentor_satisfaction", "Mentor Satisfaction"),
    ("quality", "Programme Quality"),
]


class SurveySurvey(models.Model):
    _inherit = "survey.survey"

    survey_type = fields.Selection(
        selection_add=[("mentorship", "Mentorship")],
        ondelete={"mentorship": "set default"},
    )
    mentorship_role = fields.Selection(
        SURVEY_ROLES, help="What the questionnaire measures in a programme."
    )

    @api.depends("survey_type")
    @api.depends_context("uid")
    def _compute_allowed_survey_types(self):
        result = super()._compute_allowed_survey_types()
        if has_role(self.env, "curator") or self.env.user.has_group(
            "survey.group_survey_user"
        ):
            self.allowed_survey_types = (self.allowed_survey_types or []) + [
                "mentorship"
            ]
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_mentorship_answers(self):
        # deleting a questionnaire deletes its answers: those of a programme are history
        answered = (
            self.env["survey.user_input"]
            .sudo()
            .search_count(
                [
                    ("survey_id", "in", self.ids),
                    ("mentorship_programme_id", "!=", False),
                    ("test_entry", "=", False),
                ],
                limit=1,
            )
        )
        if answered:
            check_history_unlink(
                self,
                self.env._(
                    "A questionnaire answered in a mentorship programme cannot be "
                    "deleted: the monitoring and the indicators count its answers. "
                    "Archive it instead."
                ),
            )
