from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo.tests import new_test_user, tagged

from .common import MentorshipCase

MEETING_NUDGE = "odoo_mentorship.mail_activity_type_meeting_nudge"
FEEDBACK_NUDGE = "odoo_mentorship.mail_activity_type_feedback_nudge"


@tagged("post_install", "-at_install")
class TestNudges(MentorshipCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the mechanism with a two-week period (the default is the seed's weekly rhythm)
        cls.env.company.mentorship_nudge_days = 14
        cls.pair = cls._make_pair(cls.mentor_a, cls.mentee_c)
        cls.pupil = new_test_user(
            cls.env, "nudge_pupil", groups="base.group_portal", name="Петя Портальный"
        )
        cls.mentor_pupil = cls._make_mentor(
            cls.env["res.partner"].create({"name": "Олег Без Аккаунта"}),
            kind=cls.kind_pupil,
        )
        cls.mentee_pupil = cls._make_mentee(cls.pupil.partner_id, kind=cls.kind_pupil)
        cls.pupil_pair = cls._make_pair(
            cls.mentor_pupil, cls.mentee_pupil, form=cls.form_pupils
        )
        cls.start = datetime(2025, 3, 3, 10, 0)

    def _meeting(self, pair, when, meeting_type="intro", **vals):
        return self.env["mentorship.meeting"].create(
            {
                "pair_id": pair.id,
                "meeting_type": meeting_type,
                "date_start": when,
                "attendee_ids": [(6, 0, pair.mentee_ids.ids)],
                **vals,
            }
        )

    def _run(self, day):
        with freeze_time(day):
            self.env["mentorship.pair"]._cron_mentorship_nudges()

    def _nudges(self, pair, xmlid, user=None):
        return pair.activity_search([xmlid], user_id=user and user.id)

    def test_idle_pair_nudges_mentor_then_curator(self):
        with freeze_time(self.start):
            self._meeting(self.pair, self.start)
        self._run(self.start + timedelta(days=13))
        self.assertFalse(self._nudges(self.pair, MEETING_NUDGE))
        self._run(self.start + timedelta(days=14))
        nudges = self._nudges(self.pair, MEETING_NUDGE)
        self.assertEqual(nudges.user_id, self.teacher_a, "the mentor is nudged first")
        self.assertIn("14 days", str(nudges.note))
        # idempotent: the same day, or the day after, adds nothing
        self._run(self.start + timedelta(days=14))
        self._run(self.start + timedelta(days=15))
        self.assertEqual(self._nudges(self.pair, MEETING_NUDGE), nudges)
        # after a second period the curator is told
        self._run(self.start + timedelta(days=28))
        nudges = self._nudges(self.pair, MEETING_NUDGE)
        self.assertEqual(nudges.user_id, self.teacher_a | self.curator)
        self._run(self.start + timedelta(days=29))
        self.assertEqual(len(self._nudges(self.pair, MEETING_NUDGE)), 2)
        # the pair meets again: the nudges are done
        with freeze_time(self.start + timedelta(days=30)):
            self._meeting(
                self.pair,
                self.start + timedelta(days=30),
                "work",
                feedback_ids=[
                    (0, 0, {"mentee_id": self.mentee_c.id, "rating": "5"}),
                ],
            )
        self._run(self.start + timedelta(days=31))
        self.assertFalse(self._nudges(self.pair, MEETING_NUDGE))

    def test_nudge_period_is_configurable(self):
        self.env.company.mentorship_nudge_days = 7
        with freeze_time(self.start):
            self._meeting(self.pair, self.start)
        self._run(self.start + timedelta(days=7))
        self.assertEqual(self._nudges(self.pair, MEETING_NUDGE).user_id, self.teacher_a)

    def test_forming_and_closed_pairs_are_left_alone(self):
        self._run(self.start + timedelta(days=100))
        self.assertFalse(self._nudges(self.pair, MEETING_NUDGE))
        with freeze_time(self.start):
            self._meeting(self.pair, self.start, "final")
        self.pair.stage_id = self.stage_done
        self._run(self.start + timedelta(days=100))
        self.assertFalse(self._nudges(self.pair, MEETING_NUDGE))

    def test_mentor_without_user_nudges_the_curator(self):
        with freeze_time(self.start):
            self._meeting(
                self.pupil_pair,
                self.start,
                feedback_ids=[
                    (0, 0, {"mentee_id": self.mentee_pupil.id, "rating": "4"}),
                ],
            )
        self._run(self.start + timedelta(days=20))
        self.assertEqual(
            self._nudges(self.pupil_pair, MEETING_NUDGE).user_id, self.curator
        )
        self._run(self.start + timedelta(days=30))
        self.assertEqual(
            len(self._nudges(self.pupil_pair, MEETING_NUDGE)),
            1,
            "one to-do for the curator",
        )

    def test_missing_feedback_reminds_mentee_or_curator(self):
        with freeze_time(self.start):
            meeting = self._meeting(self.pair, self.start)
            self._meeting(self.pupil_pair, self.start)
        self._run(self.start + timedelta(days=2))
        self.assertFalse(self._nudges(self.pair, FEEDBACK_NUDGE))
        self._run(self.start + timedelta(days=3))
        reminder = self._nudges(self.pair, FEEDBACK_NUDGE)
        self.assertEqual(
            reminder.user_id,
            self.teacher_c,
            "the mentee with a user account is reminded",
        )
        self.assertIn("Вера Молодая", str(reminder.note))
        # a portal mentee does not work with to-dos: the curator follows up
        self.assertEqual(
            self._nudges(self.pupil_pair, FEEDBACK_NUDGE).user_id, self.curator
        )
        self._run(self.start + timedelta(days=4))
        self.assertEqual(
            self._nudges(self.pair, FEEDBACK_NUDGE), reminder, "idempotent"
        )
        meeting.feedback_ids = [(0, 0, {"mentee_id": self.mentee_c.id, "rating": "4"})]
        self._run(self.start + timedelta(days=5))
        self.assertFalse(self._nudges(self.pair, FEEDBACK_NUDGE))
        self.assertTrue(self._nudges(self.pupil_pair, FEEDBACK_NUDGE))

    def test_cron_is_registered(self):
        cron = self.env.ref("odoo_mentorship.ir_cron_pair_nudges")
        self.assertEqual(cron.model_id.model, "mentorship.pair")
        # pairs meet 1–2 times a week (seed 000): a new school nudges after a week
        self.assertEqual(
            self.env["res.company"]
            .create({"name": "Новая школа"})
            .mentorship_nudge_days,
            7,
        )
        cron.method_direct_trigger()

    def test_behind_rhythm_follows_the_nudge_period_of_each_school(self):
        """«Behind their rhythm» (the dashboards, the pairs' search filter) is the
        nudges' rule: a pair in progress that has not met for the school's period."""
        Pair = self.env["mentorship.pair"]
        mentor_2 = self._make_mentor(
            self.env["res.partner"].create({"name": "Ольга Вторая"}),
            programme=self.programme_2,
        )
        mentee_2 = self._make_mentee(
            self.env["res.partner"].create({"name": "Ира Вторая"}),
            programme=self.programme_2,
        )
        pair_2 = self._make_pair(mentor_2, mentee_2)
        self.school_2.mentorship_nudge_days = 30
        with freeze_time(self.start):
            self._meeting(self.pair, self.start)
            self._meeting(pair_2, self.start)
        self.assertEqual((self.pair | pair_2).mapped("state"), ["working", "working"])
        pairs = self.pair | pair_2 | self.pupil_pair

        def behind(day):
            with freeze_time(day):
                self.env.invalidate_all()
                found = Pair.search(
                    [("id", "in", pairs.ids), ("is_behind_rhythm", "=", True)]
                )
                self.assertEqual(
                    found, pairs.filtered("is_behind_rhythm"), "search and value agree"
                )
                self.assertEqual(
                    Pair.search(
                        [("id", "in", pairs.ids), ("is_behind_rhythm", "=", False)]
                    ),
                    pairs - found,
                )
                return found

        self.assertFalse(behind(self.start + timedelta(days=13)))
        # school 1 nudges after 14 days, school 2 after 30;
        # the forming pair is not counted
        self.assertEqual(behind(self.start + timedelta(days=14)), self.pair)
        self.assertEqual(behind(self.start + timedelta(days=30)), self.pair | pair_2)
        # the pair meets again: back in rhythm
        with freeze_time(self.start + timedelta(days=31)):
            self._meeting(self.pair, self.start + timedelta(days=31), "work")
        self.assertEqual(behind(self.start + timedelta(days=32)), pair_2)
        # what the curator of school 2 reads through the filter: their own pair
        with freeze_time(self.start + timedelta(days=32)):
            self.assertEqual(
                Pair.with_user(self.curator_2).search(
                    [("is_behind_rhythm", "=", True)]
                ),
                pair_2,
            )

    def test_a_programme_keeps_its_own_rhythm(self):
        """A programme may set its own meeting rhythm; its pairs are nudged and shown
        behind it by that rhythm, the others by the school's."""
        self.programme.meeting_rhythm_days = 3
        with freeze_time(self.start):
            self._meeting(self.pair, self.start)
        with freeze_time(self.start + timedelta(days=2)):
            self.env.invalidate_all()
            self.assertFalse(self.pair.is_behind_rhythm)
        self._run(self.start + timedelta(days=3))
        self.assertTrue(self._nudges(self.pair, MEETING_NUDGE))
        with freeze_time(self.start + timedelta(days=3)):
            self.env.invalidate_all()
            self.assertTrue(self.pair.is_behind_rhythm)
            self.assertIn(
                self.pair,
                self.env["mentorship.pair"].search([("is_behind_rhythm", "=", True)]),
            )
