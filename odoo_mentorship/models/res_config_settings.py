from odoo import api, fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    mentorship_young_specialist_years = fields.Integer(
        related="company_id.mentorship_young_specialist_years", readonly=False
    )
    mentorship_adaptation_months = fields.Integer(
        related="company_id.mentorship_adaptation_months", readonly=False
    )
    mentorship_min_mentor_years = fields.Integer(
        related="company_id.mentorship_min_mentor_years", readonly=False
    )
    mentorship_roadmap_reminder_days = fields.Integer(
        related="company_id.mentorship_roadmap_reminder_days", readonly=False
    )
    mentorship_satisfaction_threshold = fields.Float(
        related="company_id.mentorship_satisfaction_threshold", readonly=False
    )

    # nudges
    mentorship_nudge_days = fields.Integer(
        related="company_id.mentorship_nudge_days", readonly=False
    )
    mentorship_feedback_nudge_days = fields.Integer(
        related="company_id.mentorship_feedback_nudge_days", readonly=False
    )

    # consent
    mentorship_consent_scan_required = fields.Boolean(
        related="company_id.mentorship_consent_scan_required", readonly=False
    )
    mentorship_anonymize_after_years = fields.Integer(
        related="company_id.mentorship_anonymize_after_years", readonly=False
    )
    # adaptation period: young specialists and new teachers without a mentor
    mentorship_no_mentor_days = fields.Integer(
        related="company_id.mentorship_no_mentor_days", readonly=False
    )
    mentorship_home_for_new_users = fields.Boolean(
        related="company_id.mentorship_home_for_new_users", readonly=False
    )
    mentorship_pairs_need_order = fields.Boolean(
        related="company_id.mentorship_pairs_need_order", readonly=False
    )

    # the school of mentors
    mentorship_training_sessions = fields.Integer(
        related="company_id.mentorship_training_sessions", readonly=False
    )
    mentorship_training_survey_id = fields.Many2one(
        related="company_id.mentorship_training_survey_id", readonly=False
    )
    mentorship_only_trained_mentors = fields.Boolean(
        related="company_id.mentorship_only_trained_mentors", readonly=False
    )

    # notifications
    mentorship_notify_pair_formed = fields.Boolean(
        related="company_id.mentorship_notify_pair_formed", readonly=False
    )
    mentorship_notify_meeting_feedback = fields.Boolean(
        related="company_id.mentorship_notify_meeting_feedback", readonly=False
    )
    mentorship_notify_pair_idle = fields.Boolean(
        related="company_id.mentorship_notify_pair_idle", readonly=False
    )
    mentorship_notify_survey_waiting = fields.Boolean(
        related="company_id.mentorship_notify_survey_waiting", readonly=False
    )
    mentorship_notify_order_approved = fields.Boolean(
        related="company_id.mentorship_notify_order_approved", readonly=False
    )
    mentorship_notify_consent_missing = fields.Boolean(
        related="company_id.mentorship_notify_consent_missing", readonly=False
    )

    # the programme's public page
    mentorship_public_page = fields.Boolean(
        related="company_id.mentorship_public_page", readonly=False
    )
    mentorship_public_contact_id = fields.Many2one(
        related="company_id.mentorship_public_contact_id",
        readonly=False,
        domain="[('share', '=', False), ('company_ids', 'in', company_id)]",
    )
    mentorship_public_show_email = fields.Boolean(
        related="company_id.mentorship_public_show_email", readonly=False
    )
    mentorship_public_show_phone = fields.Boolean(
        related="company_id.mentorship_public_show_phone", readonly=False
    )
    mentorship_public_url = fields.Char(
        string="Address of the Page", compute="_compute_mentorship_public_url"
    )

    @api.depends("company_id")
    def _compute_mentorship_public_url(self):
        base_url = self.env["ir.config_parameter"].sudo().get_param("web.base.url")
        for settings in self:
            settings.mentorship_public_url = (
                f"{base_url}/mentorship/{settings.company_id.id}"
            )
