import shutil

from odoo.tests import HttpCase, new_test_user, tagged

from .common import MentorshipCase

BROWSERS = ("google-chrome", "chromium", "chromium-browser", "google-chrome-stable")


@tagged("post_install", "-at_install")
class TestMentorshipTours(MentorshipCase, HttpCase):
    """Browser tours in headless Chromium (Debian: apt-get install chromium)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # English names the tours find on the kanban card
        cls.teacher_a.partner_id.name = "Tour Mentor"
        cls.teacher_b.partner_id.name = "Form Mentor"

    def setUp(self):
        super().setUp()
        if not any(shutil.which(name) for name in BROWSERS):
            self.skipTest(
                "No Chromium or Chrome found: install it (apt-get install chromium) to "
                "run the tours."
            )

    def test_curator_tour(self):
        pair = self._make_pair(self.mentor_a, self.mentee_c)
        self._log_meeting(pair, "planning", days_ago=3)
        self.assertEqual(pair.stage_id, self.stage_planning)
        # joint work starts with an individual plan
        self.env["mentorship.plan.line"].create(
            {"pair_id": pair.id, "goal": "Open lesson"}
        )
        self.start_tour(
            "/odoo",
            "odoo_mentorship_curator_tour",
            login=self.curator.login,
            timeout=180,
        )
        self.assertEqual(pair.stage_id, self.stage_work)
        self.assertEqual(pair.meeting_count, 2)
        meeting = pair.meeting_ids.filtered(lambda m: m.agenda == "Goals for the term")
        self.assertEqual(meeting.meeting_type, "work")
        self.assertEqual(meeting.outcome, "Plan agreed")

    def test_mentor_tour(self):
        pair = self._make_pair(self.mentor_b, self.mentee_d)
        url = f"/odoo/action-odoo_mentorship.mentorship_pair_action/{pair.id}"
        self.start_tour(
            url, "odoo_mentorship_mentor_tour", login=self.teacher_b.login, timeout=180
        )
        meeting = pair.meeting_ids
        self.assertEqual(meeting.agenda, "Getting to know each other")
        self.assertEqual(meeting.create_uid, self.teacher_b)
        self.assertEqual(pair.stage_id, self.stage_intro)

    def test_portal_tour(self):
        student = new_test_user(
            self.env, "tour_student", groups="base.group_portal", name="Tour Student"
        )
        mentee = self._make_mentee(student.partner_id, kind=self.kind_pupil)
        mentor_partner = self.env["res.partner"].create({"name": "Tour Senior Pupil"})
        mentor = self._make_mentor(mentor_partner, kind=self.kind_pupil)
        pair = self._make_pair(mentor, mentee, form=self.form_pupils)
        meeting = self._log_meeting(pair, "intro", days_ago=2, agenda="First meeting")
        self.start_tour(
            "/my", "odoo_mentorship_portal_tour", login=student.login, timeout=180
        )
        # the curator sees the feedback in the backend
        feedback = (
            self.env["mentorship.meeting.feedback"]
            .with_user(self.curator)
            .search([("meeting_id", "=", meeting.id)])
        )
        self.assertEqual(feedback.mentee_id, mentee)
        self.assertEqual(feedback.rating, "5")
        self.assertEqual(feedback.comment, "Very useful, thank you")
        self.assertEqual(meeting.with_user(self.curator).average_rating, 5.0)
