from datetime import timedelta

from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import MentorshipCase


@tagged("post_install", "-at_install")
class TestMeetingPipeline(MentorshipCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pair = cls._make_pair(cls.mentor_a, cls.mentee_c)

    def test_meetings_move_the_pair_forward(self):
        self._log_meeting(self.pair, "intro", days_ago=20)
        self.assertEqual(self.pair.stage_id, self.stage_intro)
        self.assertEqual(
            self.pair.date_start,
            self.today - timedelta(days=20),
            "a pair starts with its first meeting",
        )
        self._log_meeting(self.pair, "trial", days_ago=15)
        self.assertEqual(self.pair.stage_id, self.stage_trial)
        # skipping the planning meeting still moves to the stage of the meeting
        self._log_meeting(self.pair, "work", days_ago=10)
        self.assertEqual(self.pair.stage_id, self.stage_work)
        self.assertEqual(self.pair.meeting_count, 3)
        self.assertEqual(self.pair.last_meeting_date, self.today - timedelta(days=10))

    def test_meetings_never_move_a_pair_back(self):
        self.pair.stage_id = self.stage_work
        self._log_meeting(self.pair, "intro")
        self.assertEqual(self.pair.stage_id, self.stage_work)
        self.pair.stage_id = self.stage_done
        self._log_meeting(self.pair, "final")
        self.assertEqual(self.pair.stage_id, self.stage_done)

    def test_mentees_of_a_working_pair_are_in_a_pair(self):
        paired = self.env.ref("odoo_mentorship.mentee_stage_paired")
        self.assertNotEqual(self.mentee_c.stage_id, paired)
        self._log_meeting(self.pair, "intro")
        self.assertEqual(self.mentee_c.stage_id, paired)

    def test_meeting_without_consent_is_refused_whole(self):
        self.mentee_c.consent_date = False
        with self.assertRefused(
            ValidationError, "cannot leave forming without valid consents"
        ):
            self._log_meeting(self.pair, "intro")
        self.assertFalse(self.pair.meeting_ids)
        self.assertEqual(self.pair.stage_id, self.stage_forming)

    def test_feedback_average(self):
        meeting = self._log_meeting(self.pair, "intro")
        self.assertTrue(meeting.feedback_missing)
        meeting.feedback_ids = [
            (0, 0, {"mentee_id": self.mentee_c.id, "rating": "4", "comment": "Полезно"})
        ]
        self.assertFalse(meeting.feedback_missing)
        self.assertEqual(meeting.average_rating, 4.0)
        self.assertEqual(self.pair.average_rating, 4.0)

    def test_not_a_good_fit_after_trial(self):
        self._log_meeting(self.pair, "intro", days_ago=3)
        trial = self._log_meeting(self.pair, "trial", days_ago=2)
        self.assertEqual(self.pair.stage_id, self.stage_trial)
        self.env["mentorship.meeting.feedback"].with_user(self.teacher_c).create(
            {
                "meeting_id": trial.id,
                "mentee_id": self.mentee_c.id,
                "rating": "2",
                "comment": "Не сложилось общение",
                "not_good_fit": True,
            }
        )
        self.assertEqual(self.pair.stage_id, self.stage_forming)
        activity = self.pair.activity_ids.filtered(
            lambda a: "not a good fit" in a.summary
        )
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.curator)
        self.assertIn("not a good fit", activity.summary)

    def test_not_a_good_fit_only_after_trial(self):
        intro = self._log_meeting(self.pair, "intro")
        with self.assertRefused(ValidationError, "after the trial meeting only"):
            self.env["mentorship.meeting.feedback"].create(
                {
                    "meeting_id": intro.id,
                    "mentee_id": self.mentee_c.id,
                    "rating": "2",
                    "not_good_fit": True,
                }
            )
        self.assertEqual(self.pair.stage_id, self.stage_intro)

    def test_log_meeting_from_the_pair_form(self):
        self._log_meeting(self.pair, "intro")
        action = self.pair.action_log_meeting()
        self.assertEqual(action["context"]["default_meeting_type"], "trial")
        with Form(
            self.env["mentorship.meeting"].with_context(**action["context"])
        ) as form:
            form.agenda = "Знакомство с планом"
        self.assertEqual(form.record.pair_id, self.pair)
        self.assertEqual(self.pair.stage_id, self.stage_trial)
