from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    mentorship_young_specialist_years = fields.Integer(
        string="Young Specialist Threshold (years)",
        default=3,
        help=(
            "Teachers with less teaching experience are young specialists (0–3 years "
            "in the model programme)."
        ),
    )
    mentorship_adaptation_months = fields.Integer(
        string="Adaptation Period (months)",
        default=12,
        help="Employees hired here within this period are new at the school.",
    )
    mentorship_min_mentor_years = fields.Integer(
        string="Minimum Mentor Experience (years)",
        default=3,
        help=(
            "In the teacher–teacher form, a mentor with less teaching experience needs "
            "the curator's override."
        ),
    )

    mentorship_roadmap_reminder_days = fields.Integer(
        string="Roadmap Reminder (days)",
        default=7,
        help="Responsible people get a to-do this many days before a roadmap deadline.",
    )

    mentorship_satisfaction_threshold = fields.Float(
        string="Satisfied From (1–5)",
        default=4.0,
        help=(
            "A participant is satisfied when the average of the satisfaction ratings "
            "reaches it."
        ),
    )

    # consent (152-ФЗ)
    mentorship_consent_scan_required = fields.Boolean(
        string="Signed Consent Required",
        help=(
            "An electronic consent given on the portal is valid only once the signed "
            "paper is uploaded too."
        ),
    )
    mentorship_anonymize_after_years = fields.Integer(
        string="Anonymise After (years)",
        default=5,
        help=(
            "The personal data of the participants of a programme are anonymised this "
            "many years after the programme ended (0: never automatically). Withdrawn "
            "consents are anonymised 30 days after."
        ),
    )

    mentorship_no_mentor_days = fields.Integer(
        string="Without a Mentor (days)",
        default=14,
        help=(
            "HR gets a to-do for a young specialist or a new teacher still without a "
            "mentor this many days after starting at the school."
        ),
    )

    def _get_mentorship_thresholds(self):
        self.ensure_one()
        return self.mentorship_young_specialist_years, self.mentorship_adaptation_months

    # nudges
    # pairs meet 1–2 times a week (seed 000, row 24): a week without a meeting is behind
    mentorship_nudge_days = fields.Integer(
        string="Nudge Without Meetings (days)",
        default=7,
        help=(
            "A working pair without a meeting for this many days gets a to-do for its "
            "mentor; after twice as many days, one for its curator. A programme may "
            "set its own rhythm."
        ),
    )
    mentorship_feedback_nudge_days = fields.Integer(
        string="Feedback Reminder (days)",
        default=3,
        help=(
            "A meeting still without the feedback of a mentee this many days later "
            "reminds the mentee (or the curator when the mentee has no user account)."
        ),
    )

    # pairs start working once an approved order fixes them (seed 004; seed 000, row 20)
    mentorship_pairs_need_order = fields.Boolean(
        string="Pairs Fixed by Order",
        default=True,
        help=(
            "A pair starts working only once an approved pairs order fixes it: until "
            "then its meetings cannot be logged, and it does not leave forming by hand."
        ),
    )

    # the school of mentors (seed 000, rows 16–17: mentors are
    # trained before they are paired)
    mentorship_training_sessions = fields.Integer(
        string="Sessions of the School of Mentors",
        default=2,
        help=(
            "A mentor who attended this many sessions of the school of mentors (and "
            "passed its certification, if one is set) is trained."
        ),
    )
    mentorship_training_survey_id = fields.Many2one(
        "survey.survey",
        string="Certification of the School of Mentors",
        domain="[('certification', '=', True)]",
        help=(
            "A certification (a survey with a pass mark) the mentors also pass to be "
            "trained. Leave empty when attendance is enough."
        ),
    )
    mentorship_only_trained_mentors = fields.Boolean(
        string="Only Trained Mentors Can Be Paired",
        default=False,
        help=(
            "A mentor who has not completed the school of mentors is not paired: the "
            "pair form and the pairs order refuse them, the matching skips them with "
            "the reason."
        ),
    )

    # users
    mentorship_home_for_new_users = fields.Boolean(
        string="Mentorship as Home for New Users",
        default=True,
        help=(
            "A user who becomes a participant, curator or director of mentorship and "
            "has no home action opens Mentorship after logging in."
        ),
    )

    # notifications by e-mail (mentorship.notification.mixin),
    # each one can be turned off
    mentorship_notify_pair_formed = fields.Boolean(
        string="Notify: Pair Formed",
        default=True,
        help=(
            "The mentor, the mentees and the legal representatives of minors are told "
            "when their pair starts work."
        ),
    )
    mentorship_notify_meeting_feedback = fields.Boolean(
        string="Notify: Feedback Awaited",
        default=True,
        help=(
            "Mentees are asked for their feedback when a meeting is logged, and "
            "reminded once if it is late."
        ),
    )
    mentorship_notify_pair_idle = fields.Boolean(
        string="Notify: Meetings Behind",
        default=True,
        help="The mentor is told when the pair has not met for the nudge period.",
    )
    mentorship_notify_survey_waiting = fields.Boolean(
        string="Notify: Questionnaire Waiting",
        default=True,
        help="A participant is reminded of a questionnaire left unanswered for a week.",
    )
    mentorship_notify_order_approved = fields.Boolean(
        string="Notify: Order Approved",
        default=True,
        help="The people an order concerns are told when the director approves it.",
    )
    mentorship_notify_consent_missing = fields.Boolean(
        string="Notify: Consent Missing",
        default=True,
        help=(
            "When a pair is formed with a person whose consent is missing, the person "
            "(the legal representative of a minor) is asked for it."
        ),
    )

    # the programme's public page (/mentorship/<company id>),
    # off until the school turns it on
    mentorship_public_page = fields.Boolean(
        string="Publish the Programme's Page",
        default=False,
        help=(
            "A public page, open without logging in, shows the running programme, the "
            "orders published on it, the roadmap, the published practices and the "
            "honour board of the school. Off: the page does not exist."
        ),
    )
    mentorship_public_contact_id = fields.Many2one(
        "res.users",
        string="Contact on the Page",
        domain="[('share', '=', False)]",
        help="The curator the page names as the programme's contact.",
    )
    mentorship_public_show_email = fields.Boolean(
        string="Show the Contact's Work E-mail",
        default=False,
        help="The work e-mail of the contact's employee record at the school.",
    )
    mentorship_public_show_phone = fields.Boolean(
        string="Show the Contact's Work Phone",
        default=False,
        help="The work phone of the contact's employee record at the school.",
    )

    def _get_mentorship_public_contact(self):
        """{name, email, phone} the public page shows of the contact: the name, and the
        work e-mail and phone only when the school chose to show them (read as
        superuser, these fields only)."""
        self.ensure_one()
        company = self.sudo()
        user = company.mentorship_public_contact_id
        if not user:
            return {}
        employee = (
            self.env["hr.employee"]
            .sudo()
            .search(
                [("user_id", "=", user.id), ("company_id", "=", company.id)], limit=1
            )
        )
        return {
            "name": user.name,
            "email": company.mentorship_public_show_email and employee.work_email or "",
            "phone": company.mentorship_public_show_phone and employee.work_phone or "",
        }

    @api.constrains("mentorship_no_mentor_days")
    def _check_mentorship_no_mentor_days(self):
        if any(company.mentorship_no_mentor_days < 1 for company in self):
            raise ValidationError(
                self.env._("The period without a mentor must be at least one day.")
            )

    @api.constrains("mentorship_training_sessions")
    def _check_mentorship_training_sessions(self):
        if any(company.mentorship_training_sessions < 0 for company in self):
            raise ValidationError(
                self.env._(
                    "The number of sessions of the school of mentors cannot be "
                    "negative."
                )
            )

    @api.constrains("mentorship_nudge_days", "mentorship_feedback_nudge_days")
    def _check_mentorship_nudge_days(self):
        for company in self:
            if (
                company.mentorship_nudge_days < 1
                or company.mentorship_feedback_nudge_days < 1
            ):
                raise ValidationError(
                    self.env._("The nudge periods must be at least one day.")
                )
