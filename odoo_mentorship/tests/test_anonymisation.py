import base64
import json
from datetime import date, datetime, timedelta

from dateutil.relativedelta import relativedelta

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .test_monitoring_kpi import MonitoringCase

OUR_MODULES = ("odoo_mentorship", "odoo_mentorship_reports")


@tagged("post_install", "-at_install")
class TestAnonymisation(MonitoringCase):
    """A pupil of school 2 with everything the addons can hold about a person, in a
    group with other pupils, and a young teacher linked to an employee: anonymised,
    nothing of them is left and the figures of 2024 are the same."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager_2 = cls.env["res.users"].create(
            {
                "name": "Директор Два",
                "login": "mgr2",
                "company_id": cls.school_2.id,
                "company_ids": [Command.set(cls.school_2.ids)],
                "groups_id": [
                    Command.set(
                        [
                            cls.env.ref("base.group_user").id,
                            cls.env.ref("odoo_mentorship.group_mentorship_manager").id,
                        ]
                    )
                ],
            }
        )
        cls.env["mentorship.kpi.contingent"].create(
            {
                "company_id": cls.school_2.id,
                "year": 2024,
                "children_10_19": 20,
                "youth_15_19": 10,
            }
        )
        Partner = cls.env["res.partner"]
        cls.parent = Partner.create(
            {
                "name": "Анонимова Мария Ивановна",
                "email": "maria.anonimova@example.com",
                "phone": "+7 900 111-22-33",
            }
        )
        cls.pupil_partner = Partner.create(
            {
                "name": "Анонимов Евлампий Сергеевич",
                "email": "evlampiy.anonimov@example.com",
                "phone": "+7 900 444-55-66",
                "street": "ул. Тайная, 7",
            }
        )
        other_parent = Partner.create({"name": "Другой Родитель"})
        cls.mentor = cls._make_mentor(
            Partner.create({"name": "Старшеклассник Олег"}),
            programme=cls.programme_2,
            kind=cls.kind_pupil,
            birth_date=date(2007, 3, 1),
            capacity=5,
            legal_representative_id=other_parent.id,
            consent_given_by_id=other_parent.id,
        )
        cls.pupil = cls._make_mentee(
            cls.pupil_partner,
            programme=cls.programme_2,
            kind=cls.kind_pupil,
            birth_date=date(2011, 12, 17),
            legal_representative_id=cls.parent.id,
            consent_given_by_id=cls.parent.id,
            consent_document=base64.b64encode(b"%PDF-1.4 scan"),
            consent_document_name="Согласие Евлампия.pdf",
            note="<p>Евлампий боится контрольных</p>",
            category_ids=[
                Command.set(cls.env["mentorship.category"].search([], limit=1).ids)
            ],
            request_ids=[
                Command.create({"name": "Тревожность Евлампия перед экзаменами"})
            ],
        )
        cls.pupil.consent_id.ip_address = "10.1.2.3"
        cls.co_mentee = cls._make_mentee(
            Partner.create({"name": "Соседов Иван"}),
            programme=cls.programme_2,
            kind=cls.kind_pupil,
            birth_date=date(2013, 1, 10),
            legal_representative_id=other_parent.id,
            consent_given_by_id=other_parent.id,
        )
        cls.pair = cls._make_pair(
            cls.mentor,
            cls.pupil | cls.co_mentee,
            form=cls.form_pupils,
            date_start=date(2024, 2, 1),
            date_end=date(2024, 12, 20),
        )
        cls.pair.stage_id = cls.stage_work
        cls.pair.plan_line_ids = [
            Command.create(
                {"goal": "Евлампий Анонимов подтянет алгебру", "result": "Четвёрка"}
            )
        ]
        meeting = cls.env["mentorship.meeting"].create(
            {
                "pair_id": cls.pair.id,
                "meeting_type": "intro",
                "date_start": "2024-02-05 10:00:00",
                "agenda": "Знакомство с Евлампием",
                "outcome": "Евлампий рассказал о семье",
                "attendee_ids": [Command.set((cls.pupil | cls.co_mentee).ids)],
            }
        )
        cls.env["mentorship.meeting.feedback"].create(
            [
                {
                    "meeting_id": meeting.id,
                    "mentee_id": cls.pupil.id,
                    "rating": "5",
                    "comment": "Мне всё понравилось, Евлампий",
                },
                {
                    "meeting_id": meeting.id,
                    "mentee_id": cls.co_mentee.id,
                    "rating": "4",
                    "comment": "Отзыв Ивана о встрече",
                },
            ]
        )
        # the chatter: names in messages on the record, the consent and the pair
        cls.pupil.message_post(body="Звонила мама Евлампия, Анонимова Мария Ивановна")
        cls.pair.message_post(
            body="Анонимов Евлампий Сергеевич пропустил встречу", message_type="comment"
        )
        cls.pair.message_post(
            body="Пропущу занятие из-за простуды",
            author_id=cls.pupil_partner.id,
            message_type="comment",
        )
        cls.pupil.activity_schedule(
            "mail.mail_activity_data_todo",
            summary="Позвонить Анонимовой",
            user_id=cls.curator_2.id,
        )

        # the questionnaires: satisfaction with a free text, entry and exit diagnostics
        cls.satisfaction.question_and_page_ids = [
            Command.create({"title": "Ваше имя", "question_type": "char_box"})
        ]
        when = datetime(2024, 12, 1, 10, 0)
        answer = cls._answer(
            cls.satisfaction,
            [5, 4],
            cls.pupil,
            when=when,
            email="evlampiy.anonimov@example.com",
            nickname="Евлаша Анонимов",
        )
        cls.env["survey.user_input.line"].create(
            {
                "user_input_id": answer.id,
                "question_id": cls.satisfaction.question_ids[-1].id,
                "answer_type": "char_box",
                "value_char_box": "Анонимов Евлампий Сергеевич",
            }
        )
        cls._answer(cls.satisfaction, [2, 3], cls.co_mentee, when=when)
        cls._answer(cls.entry, [2, 4], cls.pupil, when=when)
        cls._answer(cls.exit, [4, 2], cls.pupil, when=when)

        # a young teacher, mentee through her employee record
        cls.young_teacher = cls.env["hr.employee"].create(
            {"name": "Молодая Учительница", "company_id": cls.school_2.id}
        )
        cls.env["hr.contract"].create(
            {
                "name": "Договор",
                "employee_id": cls.young_teacher.id,
                "date_start": date(2023, 9, 1),
                "wage": 40000,
                "state": "open",
                "company_id": cls.school_2.id,
            }
        )
        teacher_mentor = cls._make_mentor(
            Partner.create({"name": "Опытная Учительница"}), programme=cls.programme_2
        )
        cls.teacher_mentee = cls._make_mentee(
            cls.young_teacher.work_contact_id,
            programme=cls.programme_2,
            employee_id=cls.young_teacher.id,
            birth_date=date(2000, 4, 4),
        )
        cls.teachers_pair = cls._make_pair(
            teacher_mentor, cls.teacher_mentee, date_start=date(2024, 9, 1)
        )
        cls.teachers_pair.stage_id = cls.stage_work

    # ------------------------------------------------------------
    # helpers
    # ------------------------------------------------------------

    def _figures(self):
        """The indicators of 2024 and a monitoring of the programme, as plain values."""
        counts = self.env["mentorship.kpi.value"]._count(self.school_2, 2024)[
            self.school_2.id
        ]
        monitoring = self.env["mentorship.monitoring"].create(
            {
                "name": "Мониторинг 2024",
                "programme_id": self.programme_2.id,
                "date_from": self.today - timedelta(days=1),
                "date_to": self.today,
            }
        )
        monitoring.action_compute()
        growth = sorted(
            (line.dimension, line.entry_score, line.exit_score, bool(line.mentee_id))
            for line in monitoring.growth_line_ids
        )
        questions = sorted(
            (line.question_id.id, line.answer_count, line.average)
            for line in monitoring.question_line_ids
        )
        participation = sorted(
            (row.role, row.age_group, row.pair_id.id)
            for row in self.env["mentorship.participation"].search(
                [("company_id", "=", self.school_2.id)]
            )
        )
        return {
            "kpi": counts,
            "monitoring": (
                monitoring.response_rate,
                monitoring.mentee_satisfaction_rate,
                monitoring.mentor_satisfaction_rate,
            ),
            "growth": growth,
            "questions": questions,
            "participation": participation,
        }

    def _find_in_database(self, needles, partners=True):
        """(table, column, needle) of every text, varchar or jsonb column of the tables
        of our models, the answers, the chatter and the contacts that holds a needle."""
        tables = {
            "survey_user_input",
            "survey_user_input_line",
            "mail_message",
            "mail_tracking_value",
            "mail_activity",
            "mail_followers",
        }
        if partners:
            tables.add("res_partner")
        for model in self.env.values():
            if (
                model._original_module in OUR_MODULES
                and not model._abstract
                and model._table
            ):
                tables.add(model._table)
        self.env.flush_all()
        self.env.cr.execute(
            """SELECT table_name, column_name, data_type FROM information_schema.columns
                WHERE table_schema = 'public' AND table_name = ANY(%s)
                  AND data_type IN ('text', 'character varying', 'jsonb')""",
            [sorted(tables)],
        )
        found = []
        for table, column, _type in self.env.cr.fetchall():
            for needle in needles:
                self.env.cr.execute(
                    f'SELECT count(*) FROM "{table}" WHERE "{column}"::text ILIKE %s',
                    [f"%{needle}%"],
                )
                if self.env.cr.fetchone()[0]:
                    found.append((table, column, needle))
        # the attachments of our records (their names)
        models = [
            name
            for name, model in self.env.items()
            if model._original_module in OUR_MODULES
        ]
        for needle in needles:
            self.env.cr.execute(
                "SELECT count(*) FROM ir_attachment WHERE res_model = ANY(%s) AND name "
                "ILIKE %s",
                [models, f"%{needle}%"],
            )
            if self.env.cr.fetchone()[0]:
                found.append(("ir_attachment", "name", needle))
        return found

    NEEDLES = [
        "Анонимов",
        "Евлампи",
        "Евлаша",
        "evlampiy.anonimov",
        "maria.anonimova",
        "111-22-33",
        "444-55-66",
        "Тайная",
        "боится контрольных",
        "подтянет алгебру",
        "рассказал о семье",
        "Мне всё понравилось",
        "из-за простуды",
        "10.1.2.3",
    ]

    # ------------------------------------------------------------
    # tests
    # ------------------------------------------------------------

    def test_anonymisation_needs_the_pairs_ended(self):
        with self.assertRefused(UserError, "takes part in pairs under way"):
            self.pupil.with_user(self.manager_2).action_anonymise()
        self.assertFalse(self.pupil.is_anonymized)

    def test_anonymisation_leaves_nothing_and_keeps_the_figures(self):
        # the pairs have ended (the processing must have ended before the anonymisation)
        (self.pair | self.teachers_pair).stage_id = self.stage_done
        before = self._figures()
        self.assertEqual(before["kpi"]["children_mentees"][0], 2)
        self.assertEqual(before["kpi"]["young_teachers_mentees"][0], 1)
        self.assertTrue(self._find_in_database(["Анонимов", "Молодая Учительница"]))

        (self.pupil | self.teacher_mentee).with_user(self.manager_2).action_anonymise()

        self.assertEqual(self._find_in_database(self.NEEDLES), [])
        # the young teacher's contact is her employee's
        # (HR's): kept there, gone from ours
        self.assertEqual(
            self._find_in_database(["Молодая Учительница"], partners=False), []
        )
        self.assertTrue(self.young_teacher.work_contact_id.active)
        self.assertNotEqual(
            self.teacher_mentee.partner_id, self.young_teacher.work_contact_id
        )
        self.assertFalse(self.pupil.birth_date)
        self.assertEqual(self.pupil.birth_year, 2011)
        self.assertTrue(self.pupil.is_anonymized)
        self.assertFalse(
            self.pupil.legal_representative_id
            or self.pupil.category_ids
            or self.pupil.note
        )
        self.assertFalse(self.teacher_mentee.employee_id)
        self.assertNotEqual(self.pupil.partner_id, self.pupil_partner)
        self.assertFalse(
            self.pupil_partner.active, "the contact nothing else uses is scrubbed"
        )
        self.assertFalse(
            self.pupil.consent_ids.given_by_id or self.pupil.consent_ids.document
        )
        self.assertTrue(
            self.pupil.consent_ids.date, "the consent's dates and method stay"
        )
        self.assertEqual(self.pupil.consent_ids.mapped("state"), ["anonymised"])
        # the ratings and the counts stay
        feedback = self.env["mentorship.meeting.feedback"].search(
            [("mentee_id", "=", self.pupil.id)]
        )
        self.assertEqual(feedback.rating, "5")
        self.assertEqual(feedback.comment, "[anonymised]")
        self.assertEqual(self.pair.meeting_count, 1)
        self.assertNotIn("Соседов", self.pupil.message_ids.mapped("body")[0])
        self.assertEqual(
            len(self.pupil.message_ids),
            1,
            "one message, without personal data, says it was done",
        )
        # the other people are untouched
        self.assertEqual(self.co_mentee.partner_id.name, "Соседов Иван")
        self.assertIn("Соседов Иван", self.pair.name)
        self.assertEqual(
            self.env["mentorship.meeting.feedback"]
            .search([("mentee_id", "=", self.co_mentee.id)])
            .rating,
            "4",
        )

        after = self._figures()
        self.assertEqual(after, before)

    def test_shared_contact_is_kept(self):
        """A contact with a user account is re-pointed, not scrubbed."""
        user = self.teacher_c
        mentee = self._make_mentee(user.partner_id, programme=self.programme_2)
        mentee.with_user(self.manager_2).action_anonymise()
        self.assertTrue(mentee.is_anonymized)
        self.assertNotEqual(mentee.partner_id, user.partner_id)
        self.assertEqual(user.partner_id.name, "Вера Молодая")
        self.assertTrue(user.partner_id.active)
        self.assertEqual(
            self.mentee_c.partner_id,
            user.partner_id,
            "her other participation is hers still",
        )

    def test_curator_cannot_anonymise(self):
        with self.assertRaises(AccessError):
            self.pupil.with_user(self.curator_2).action_anonymise()
        self.assertFalse(self.pupil.is_anonymized)

    def test_cron_anonymises_what_is_due_only(self):
        Partner = self.env["res.partner"]
        withdrawn = self._make_mentee(
            Partner.create({"name": "Отозвавший Согласие"}), programme=self.programme_2
        )
        withdrawn.consent_id.withdrawn_date = self.today - timedelta(days=30)
        self.assertEqual(withdrawn.anonymize_date, self.today)
        recent = self._make_mentee(
            Partner.create({"name": "Недавно Отозвавший"}), programme=self.programme_2
        )
        recent.consent_id.withdrawn_date = self.today - timedelta(days=3)
        old_programme = self.env["mentorship.programme"].create(
            {
                "name": "Старая программа",
                "company_id": self.school_2.id,
                "state": "closed",
                "date_start": self.today - relativedelta(years=7),
                "date_end": self.today - relativedelta(years=6),
            }
        )
        newer_programme = self.env["mentorship.programme"].create(
            {
                "name": "Недавняя программа",
                "company_id": self.school_2.id,
                "state": "closed",
                "date_start": self.today - relativedelta(years=3),
                "date_end": self.today - relativedelta(years=2),
            }
        )
        old = self._make_mentor(
            Partner.create({"name": "Давний Наставник"}), programme=old_programme
        )
        newer = self._make_mentor(
            Partner.create({"name": "Недавний Наставник"}), programme=newer_programme
        )

        self.env["mentorship.mentee"]._cron_anonymise()

        self.assertTrue(withdrawn.is_anonymized)
        self.assertTrue(old.is_anonymized)
        self.assertFalse(recent.is_anonymized)
        self.assertFalse(newer.is_anonymized)
        self.assertFalse(self.pupil.is_anonymized)
        # the school's setting: 0 never anonymises a closed programme's people
        self.school_2.mentorship_anonymize_after_years = 0
        newest = self._make_mentor(
            Partner.create({"name": "Ещё Наставник"}), programme=old_programme
        )
        self.env["mentorship.mentee"]._cron_anonymise()
        self.assertFalse(newest.is_anonymized)

    def test_export_lists_the_person_and_nobody_else(self):
        # the same person in another programme of this school,
        # and in a programme of school 1
        programme_b = self._make_programme(self.school_2, self.curator_2)
        self._make_mentor(
            self.pupil_partner,
            programme=programme_b,
            kind=self.kind_pupil,
            birth_date=date(2011, 12, 17),
            legal_representative_id=self.parent.id,
            consent_given_by_id=self.parent.id,
        )
        self._make_mentor(
            self.pupil_partner,
            kind=self.kind_pupil,
            birth_date=date(2011, 12, 17),
            legal_representative_id=self.parent.id,
            consent_given_by_id=self.parent.id,
        )
        data = self.pupil.with_user(self.curator_2)._get_personal_data()
        text = json.dumps(data, ensure_ascii=False)
        self.assertEqual(data["person"]["name"], "Анонимов Евлампий Сергеевич")
        # what this school holds: both of its programmes, not school 1's
        # (that school answers for its own)
        self.assertEqual(len(data["participations"]), 2)
        self.assertNotIn(
            self.programme.name, [p["programme"] for p in data["participations"]]
        )
        mentee = next(p for p in data["participations"] if p["role"] == "mentee")
        self.assertEqual(mentee["birth_date"], "2011-12-17")
        self.assertEqual(mentee["legal_representative"], "Анонимова Мария Ивановна")
        self.assertEqual(
            [r["request"] for r in mentee["requests"]],
            ["Тревожность Евлампия перед экзаменами"],
        )
        self.assertEqual(len(mentee["consents"]), 1)
        self.assertEqual(mentee["consents"][0]["ip_address"], "10.1.2.3")
        (pair,) = mentee["pairs"]
        self.assertEqual(pair["mentor"], "Старшеклассник Олег")
        self.assertEqual(pair["other_mentees"], 1)
        self.assertEqual(pair["plan"][0]["goal"], "Евлампий Анонимов подтянет алгебру")
        (meeting,) = pair["meetings"]
        self.assertEqual(
            meeting["feedback"]["comment"], "Мне всё понравилось, Евлампий"
        )
        self.assertTrue(meeting["attended"])
        self.assertEqual(len(mentee["answers"]), 3)
        self.assertIn(
            "Анонимов Евлампий Сергеевич",
            [a["answer"] for a in mentee["answers"][0]["answers"]],
        )
        self.assertEqual(len(mentee["diagnostics"]), 0, "no monitoring computed yet")
        for other in (
            "Соседов",
            "Отзыв Ивана",
            "Другой Родитель",
            "Опытная Учительница",
            "Молодая Учительница",
        ):
            self.assertNotIn(other, text)
        # the JSON file, through the button's address, for a curator only
        action = self.pupil.with_user(self.curator_2).action_export_personal_data()
        self.assertEqual(
            action["url"],
            f"/mentorship/personal_data/mentorship.mentee/{self.pupil.id}",
        )
        self.assertEqual(
            json.loads(self.pupil._get_personal_data_json())["person"]["email"],
            "evlampiy.anonimov@example.com",
        )
        with self.assertRaises(AccessError):
            self.pupil.with_user(
                self.mentor.partner_id.user_ids[:1] or self.teacher_a
            ).action_export_personal_data()
