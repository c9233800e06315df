from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, new_test_user, tagged

from .common import MentorshipCase


@tagged("post_install", "-at_install")
class TestSchoolOfMentors(MentorshipCase):
    """The school of mentors on Odoo's event app: the trainer marks attendance, the
    mentors' training follows, and a school that pairs only trained mentors refuses
    (pair form, pairs order) or skips (matching) the others with the reason."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the trainer: a teacher of the school (or an invited methodologist) with the
        # Events app's registration desk only, no mentorship group
        cls.trainer = new_test_user(
            cls.env,
            "trainer",
            groups="base.group_user,event.group_event_registration_desk",
            name="Тренер Школы",
        )
        # the demo school requires its certification too: these tests set their own
        cls.school_1.write(
            {"mentorship_training_sessions": 2, "mentorship_training_survey_id": False}
        )
        cls.event_type = cls.env.ref("odoo_mentorship.event_type_school_of_mentors")
        cls.sessions = (
            cls.env["event.event"]
            .with_user(cls.curator)
            .create(
                [
                    {
                        "name": f"Школа наставников: занятие {number}",
                        "event_type_id": cls.event_type.id,
                        "mentorship_programme_id": cls.programme.id,
                        "date_begin": fields.Datetime.now()
                        - timedelta(days=20 - number),
                        "date_end": fields.Datetime.now()
                        - timedelta(days=20 - number, hours=-2),
                    }
                    for number in (1, 2)
                ]
            )
        )
        Registration = cls.env["event.registration"].with_user(cls.curator)
        cls.registrations = {
            (mentor, session): Registration.create(
                {"event_id": session.id, "mentorship_mentor_id": mentor.id}
            )
            for mentor in (cls.mentor_a, cls.mentor_b)
            for session in cls.sessions
        }

    def _attend(self, mentor, sessions=None, user=None):
        registrations = self.env["event.registration"].union(
            *(
                self.registrations[mentor, session]
                for session in (sessions or self.sessions)
            )
        )
        registrations.with_user(user or self.trainer).action_set_done()

    def _only_trained(self):
        # Settings → Mentorship (the system administrator's)
        self.env["res.config.settings"].create(
            {"mentorship_only_trained_mentors": True}
        ).execute()
        self.assertTrue(self.school_1.mentorship_only_trained_mentors)

    # ------------------------------------------------------------
    # THE TRAINER AND THE TRAINING STATUS
    # ------------------------------------------------------------

    def test_registration_takes_the_mentor_person(self):
        registration = self.registrations[self.mentor_a, self.sessions[0]]
        self.assertEqual(registration.partner_id, self.mentor_a.partner_id)
        self.assertEqual(registration.name, "Анна Учитель")
        self.assertEqual(
            self.mentor_a.training_registration_ids,
            self.registrations[self.mentor_a, self.sessions[0]]
            | self.registrations[self.mentor_a, self.sessions[1]],
        )

    def test_trainer_marks_attendance(self):
        self.assertFalse(self.mentor_a.training_done)
        self._attend(self.mentor_a)
        self._attend(self.mentor_b, self.sessions[:1])
        self.assertEqual(
            self.registrations[self.mentor_a, self.sessions[0]].state, "done"
        )
        self.assertTrue(
            self.mentor_a.training_done, "two sessions of two attended: trained"
        )
        self.assertEqual(self.mentor_a.training_session_count, 2)
        self.assertEqual(self.mentor_a.training_status, "Training completed")
        self.assertFalse(self.mentor_b.training_done)
        self.assertEqual(
            self.mentor_b.training_status,
            "1 of 2 sessions of the school of mentors attended",
        )
        # a registration set back to registered (attendance marked by mistake) untrains
        self.registrations[self.mentor_a, self.sessions[1]].with_user(
            self.trainer
        ).action_confirm()
        self.assertFalse(self.mentor_a.training_done)

    def test_trainer_registers_by_name(self):
        """The desk registers a person by name: the mentor of the school with that
        person is linked, and the attendance counts."""
        third = (
            self.env["event.event"]
            .with_user(self.curator)
            .create(
                {
                    "name": "Школа наставников: занятие 3",
                    "event_type_id": self.event_type.id,
                    "date_begin": fields.Datetime.now() - timedelta(days=1),
                    "date_end": fields.Datetime.now() - timedelta(hours=20),
                }
            )
        )
        registration = (
            self.env["event.registration"]
            .with_user(self.trainer)
            .create(
                {
                    "event_id": third.id,
                    "partner_id": self.mentor_b.partner_id.id,
                }
            )
        )
        registration.action_set_done()
        self.assertEqual(registration.sudo().mentorship_mentor_id, self.mentor_b)
        self._attend(self.mentor_b, self.sessions[:1])
        self.assertTrue(self.mentor_b.training_done)

    def test_trainer_reads_no_mentorship_data(self):
        """Marking attendance gives the trainer nothing of the bases:
        neither the mentees nor the mentor records; and the trainer does not
        choose whom attendance trains."""
        self._attend(self.mentor_a)
        registration = self.registrations[self.mentor_a, self.sessions[0]].with_user(
            self.trainer
        )
        self.assertEqual(registration.name, "Анна Учитель")
        with self.assertRaises(AccessError):
            registration.write({"mentorship_mentor_id": self.mentor_b.id})
        self.assertEqual(registration.sudo().mentorship_mentor_id, self.mentor_a)
        with self.assertRaises(AccessError):
            self.mentee_c.with_user(self.trainer).read(["partner_id"])
        with self.assertRaises(AccessError):
            self.mentor_a.with_user(self.trainer).read(["partner_id"])
        with self.assertRaises(AccessError):
            self.env["mentorship.mentee"].with_user(self.trainer).search([])

    def test_session_of_another_kind_does_not_train(self):
        meeting = (
            self.env["event.event"]
            .with_user(self.curator)
            .create(
                {
                    "name": "Родительское собрание",
                    "date_begin": fields.Datetime.now() - timedelta(days=3),
                    "date_end": fields.Datetime.now() - timedelta(days=3, hours=-2),
                }
            )
        )
        with self.assertRefused(
            ValidationError, "is not a session of the school of mentors"
        ):
            self.env["event.registration"].with_user(self.curator).create(
                {
                    "event_id": meeting.id,
                    "mentorship_mentor_id": self.mentor_b.id,
                }
            )

    def test_certification_required(self):
        survey = self.env["survey.survey"].create(
            {
                "title": "Итоговое тестирование школы наставников",
                "survey_type": "mentorship",
                "scoring_type": "scoring_with_answers",
                "certification": True,
                "scoring_success_min": 70,
                "question_and_page_ids": [
                    Command.create(
                        {
                            "title": "С чего начинается работа пары?",
                            "question_type": "simple_choice",
                            "suggested_answer_ids": [
                                Command.create(
                                    {
                                        "value": "Со встречи-знакомства",
                                        "is_correct": True,
                                        "answer_score": 10,
                                    }
                                ),
                                Command.create(
                                    {"value": "С итоговой встречи", "answer_score": 0}
                                ),
                            ],
                        }
                    )
                ],
            }
        )
        self.school_1.mentorship_training_survey_id = survey
        self._attend(self.mentor_a)
        self.assertFalse(self.mentor_a.training_done)
        self.assertIn(
            "the certification «Итоговое тестирование школы наставников» not passed",
            self.mentor_a.training_status,
        )
        question = survey.question_ids
        answers = {
            answer.is_correct: answer for answer in question.suggested_answer_ids
        }

        def answer(correct):
            return self.env["survey.user_input"].create(
                {
                    "survey_id": survey.id,
                    "partner_id": self.mentor_a.partner_id.id,
                    "mentorship_mentor_id": self.mentor_a.id,
                    "state": "done",
                    "user_input_line_ids": [
                        Command.create(
                            {
                                "question_id": question.id,
                                "answer_type": "suggestion",
                                "suggested_answer_id": answers[correct].id,
                            }
                        )
                    ],
                }
            )

        failed = answer(False)
        self.assertFalse(failed.scoring_success)
        self.assertFalse(self.mentor_a.training_done)
        passed = answer(True)
        self.assertTrue(passed.scoring_success)
        self.assertTrue(self.mentor_a.training_done)
        self.assertEqual(
            self.mentor_a.training_certification_ids,
            passed,
            "the portfolio lists the passed one",
        )

    def test_curator_credits_training_elsewhere(self):
        self.mentor_b.with_user(self.curator).training_credited = True
        self.assertTrue(self.mentor_b.training_done)
        self.assertEqual(self.mentor_b.training_status, "Credited by the curator")

    def test_mentor_reads_own_trainings_only(self):
        self._attend(self.mentor_a)
        mentor = self.mentor_a.with_user(self.teacher_a)
        self.assertEqual(len(mentor.training_registration_ids), 2)
        self.assertEqual(
            mentor.training_registration_ids.mapped("state"), ["done", "done"]
        )
        with self.assertRaises(AccessError):
            self.registrations[self.mentor_b, self.sessions[0]].with_user(
                self.teacher_a
            ).read(["name"])
        with self.assertRaises(AccessError):
            self.registrations[self.mentor_a, self.sessions[0]].with_user(
                self.teacher_a
            ).write({"state": "open"})

    # ------------------------------------------------------------
    # ONLY TRAINED MENTORS CAN BE PAIRED
    # ------------------------------------------------------------

    def test_untrained_mentor_paired_while_the_setting_is_off(self):
        pair = self._make_pair(self.mentor_b, self.mentee_d)
        self.assertEqual(pair.mentor_id, self.mentor_b)

    def test_pair_form_refuses_an_untrained_mentor(self):
        self._only_trained()
        self._attend(self.mentor_a)
        Pair = self.env["mentorship.pair"].with_user(self.curator)
        vals = {"programme_id": self.programme.id, "form_id": self.form_teachers.id}
        with self.assertRefused(
            ValidationError,
            r"Борис Учитель has not completed the school of mentors \(0 of 2 sessions "
            r"of the school of mentors attended\): the school pairs only trained "
            r"mentors\.",
        ):
            Pair.create(
                {
                    **vals,
                    "mentor_id": self.mentor_b.id,
                    "mentee_ids": [Command.set(self.mentee_d.ids)],
                }
            )
        pair = Pair.create(
            {
                **vals,
                "mentor_id": self.mentor_a.id,
                "mentee_ids": [Command.set(self.mentee_d.ids)],
            }
        )
        with self.assertRefused(
            ValidationError, "Борис Учитель has not completed the school of mentors"
        ):
            pair.mentor_id = self.mentor_b
        # the pairs formed before the setting stay as they are
        self.assertEqual(pair.mentor_id, self.mentor_a)

    def test_pairs_order_refuses_an_untrained_mentor(self):
        self.school_1.mentorship_pairs_need_order = True
        pair = self._make_pair(self.mentor_b, self.mentee_d)
        order = (
            self.env["mentorship.order"]
            .with_user(self.curator)
            .create(
                {
                    "order_type": "pairs",
                    "programme_id": self.programme.id,
                    "pair_ids": [Command.set(pair.ids)],
                }
            )
        )
        self._only_trained()
        with self.assertRefused(
            UserError, "Борис Учитель has not completed the school of mentors"
        ):
            order.with_user(self.manager).action_approve()
        self.assertEqual(order.state, "draft")
        self._attend(self.mentor_b, user=self.curator)
        order.with_user(self.manager).action_approve()
        self.assertEqual(order.state, "approved")

    def test_matching_skips_an_untrained_mentor(self):
        self._only_trained()
        self._attend(self.mentor_a)
        wizard = (
            self.env["mentorship.match.wizard"]
            .with_user(self.curator)
            .create(
                {
                    "programme_id": self.programme.id,
                    "mentee_ids": [Command.set((self.mentee_c | self.mentee_d).ids)],
                }
            )
        )
        wizard.action_suggest()
        self.assertEqual(wizard.line_ids.mentor_id, self.mentor_a)
        self.assertIn(
            "Борис Учитель has not completed the school of mentors (0 of 2 sessions of "
            "the school of mentors attended)",
            wizard.left_out,
        )

    def test_next_cycle_credits_the_trained(self):
        self._attend(self.mentor_a)
        wizard = (
            self.env["mentorship.programme.next.cycle"]
            .with_user(self.curator)
            .create(
                {
                    "programme_id": self.programme.id,
                }
            )
        )
        new = wizard._create_next_cycle()
        carried = new.mentor_ids
        self.assertTrue(
            carried.filtered(
                lambda m: m.partner_id == self.mentor_a.partner_id
            ).training_done
        )
        self.assertFalse(
            carried.filtered(
                lambda m: m.partner_id == self.mentor_b.partner_id
            ).training_done
        )


@tagged("post_install", "-at_install")
class TestSchoolOfMentorsDemo(TransactionCase):
    """The demo's school of mentors: sessions with attendance, the final test, trained
    mentors and untrained ones (the demo data only)."""

    def setUp(self):
        super().setUp()
        if not self.env.ref(
            "odoo_mentorship.event_school_of_mentors_1_demo", raise_if_not_found=False
        ):
            self.skipTest("no demo data")
        self.env = self.env(context=dict(self.env.context, lang="en_US"))

    def test_demo_trained_and_untrained(self):
        def mentor(name):
            return self.env.ref(f"odoo_mentorship.mentor_{name}_demo")

        for name in ("orlova", "volkov", "zaitseva", "sokolova", "kuznetsova"):
            self.assertTrue(mentor(name).training_done, name)
            self.assertFalse(
                mentor(name).training_credited, f"{name} is trained by the school"
            )
            self.assertEqual(mentor(name).training_session_count, 2)
        self.assertTrue(mentor("lebedev").training_done, "credited: trained elsewhere")
        self.assertFalse(mentor("nikitin").training_done)
        self.assertIn("1 of 2 sessions", mentor("nikitin").training_status)
        self.assertFalse(mentor("goncharov").training_done)
        self.assertEqual(
            mentor("goncharov").training_status,
            "1 of 2 sessions of the school of mentors attended; "
            "the certification «Итоговое тестирование школы наставников» not passed",
        )
        # the demo mentor (Кузнецова) reads her own trainings and certificate
        own = mentor("kuznetsova").with_user(
            self.env.ref("odoo_mentorship.user_mentor_demo")
        )
        self.assertEqual(len(own.training_registration_ids), 2)
        self.assertEqual(len(own.training_certification_ids), 1)
