"""What people hear about by e-mail: each notification is queued (mail.mail) by the
real action, to the people it concerns, in their language, and not at all when the
school has turned it off.

The Russian subjects come from the translations of the templates in i18n/ru.po: each
test compares the subject a Russian recipient gets with the template's Russian
translation, and checks that it is not the English one."""

from datetime import date, datetime, timedelta

from freezegun import freeze_time

from odoo.tests import Form, new_test_user, tagged

from .common import MentorshipCase

PAIR_FORMED = "odoo_mentorship.mail_template_pair_formed"
FEEDBACK = "odoo_mentorship.mail_template_meeting_feedback"
PAIR_IDLE = "odoo_mentorship.mail_template_pair_idle"
SURVEY_WAITING = "odoo_mentorship.mail_template_survey_waiting"
ORDER_APPROVED = "odoo_mentorship.mail_template_order_approved"
CONSENT_MISSING = "odoo_mentorship.mail_template_consent_missing"


@tagged("post_install", "-at_install")
class TestNotifications(MentorshipCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("ru_RU")
        cls.env["ir.module.module"]._load_module_terms(
            ["odoo_mentorship"], ["ru_RU"], overwrite=True
        )
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        cls.company = cls.programme.company_id
        # the mentor and the mentee read Russian, the other mentor English
        (cls.teacher_a | cls.teacher_c).partner_id.lang = "ru_RU"
        cls.teacher_b.partner_id.lang = "en_US"
        # a pupils' group: a pupil mentor without an
        # account, two minors with their parents
        Partner = cls.env["res.partner"]
        cls.parent_1 = Partner.create(
            {"name": "Мама Пети", "email": "mama@example.com", "lang": "ru_RU"}
        )
        cls.parent_2 = Partner.create(
            {"name": "Папа Маши", "email": "papa@example.com", "lang": "ru_RU"}
        )
        cls.pupil_mentor = cls._make_mentor(
            Partner.create({"name": "Саша Отличник", "email": "sasha@example.com"}),
            kind=cls.kind_pupil,
            capacity=5,
        )
        cls.pupil_1 = cls._make_minor("Петя Первый", cls.parent_1)
        cls.pupil_2 = cls._make_minor("Маша Вторая", cls.parent_2)

    @classmethod
    def _make_minor(cls, name, parent, consent=True):
        partner = cls.env["res.partner"].create(
            {"name": name, "email": f"{name.split()[0]}@example.com"}
        )
        vals = {
            "birth_date": cls.today - timedelta(days=365 * 12),
            "legal_representative_id": parent.id,
        }
        if consent:
            vals["consent_given_by_id"] = parent.id
        else:
            vals.update(consent_date=False, consent_given_by_id=False)
        return cls._make_mentee(partner, kind=cls.kind_pupil, **vals)

    def setUp(self):
        super().setUp()
        self.last_mail = (
            self.env["mail.mail"].sudo().search([], order="id desc", limit=1).id or 0
        )

    def _new_mails(self, template_xmlid, record, partners=None):
        """The mails of this template about `record` queued since the test began (to
        `partners` only, if given: the demo data have their own), by recipient."""
        template = self.env.ref(template_xmlid).sudo()
        subjects = [
            template.with_context(lang=lang)._render_field("subject", record.ids)[
                record.id
            ]
            for lang in ("en_US", "ru_RU")
        ]
        domain = [("id", ">", self.last_mail), ("subject", "in", subjects)]
        if partners is not None:
            domain.append(("recipient_ids", "in", partners.ids))
        mails = self.env["mail.mail"].sudo().search(domain)
        self.assertEqual(len(mails), len(mails.recipient_ids), "one mail per person")
        return {mail.recipient_ids: mail for mail in mails}

    def _assert_subject_in(self, mail, template_xmlid, record, lang):
        """The subject is the template's, rendered in `lang`; a Russian
        one is not the English one."""
        template = self.env.ref(template_xmlid).sudo()
        expected = template.with_context(lang=lang)._render_field(
            "subject", record.ids
        )[record.id]
        self.assertEqual(mail.subject, expected)
        if lang == "ru_RU":
            english = template.with_context(lang="en_US")._render_field(
                "subject", record.ids
            )[record.id]
            self.assertNotEqual(
                mail.subject,
                english,
                "the template has no Russian translation in ru.po",
            )

    def _order(self, order_type, **vals):
        return (
            self.env["mentorship.order"]
            .with_user(self.curator)
            .create(
                {
                    "order_type": order_type,
                    "programme_id": self.programme.id,
                    "date": date(2025, 10, 1),
                    "item_ids": [(0, 0, {"name": "Утвердить."})],
                    **vals,
                }
            )
        )

    # ------------------------------------------------------------
    # the pair is formed
    # ------------------------------------------------------------

    def test_every_mail_template_reads_in_russian(self):
        """The body and subject of each of the addon's mail templates have their
        Russian text (a reformatted template whose terms were not exported again
        would go out in English)."""
        templates = self.env["mail.template"].browse(
            self.env["ir.model.data"]
            .search(
                [("module", "=", "odoo_mentorship"), ("model", "=", "mail.template")]
            )
            .mapped("res_id")
        )
        self.assertGreaterEqual(len(templates), 7)
        for template in templates:
            russian = template.with_context(lang="ru_RU")
            english = template.with_context(lang="en_US")
            self.assertNotEqual(
                str(russian.body_html), str(english.body_html), template.name
            )
            self.assertRegex(str(russian.body_html), "[а-яё]{5}", template.name)
            self.assertRegex(russian.subject, "[а-яё]{3}", template.name)

    def test_pair_formed_by_the_order_tells_each_person_in_their_language(self):
        pair = (
            self.env["mentorship.pair"]
            .with_user(self.curator)
            .create(
                {
                    "mentor_id": self.mentor_a.id,
                    "mentee_ids": [(6, 0, self.mentee_c.ids)],
                    "form_id": self.form_teachers.id,
                }
            )
        )
        self.assertFalse(self._new_mails(PAIR_FORMED, pair), "forming is not formed")
        order = self._order("pairs", pair_ids=[(6, 0, pair.ids)])
        order.with_user(self.manager).action_approve()

        mails = self._new_mails(PAIR_FORMED, pair)
        self.assertEqual(
            set(mails), {self.teacher_a.partner_id, self.teacher_c.partner_id}
        )
        to_mentor, to_mentee = (
            mails[self.teacher_a.partner_id],
            mails[self.teacher_c.partner_id],
        )
        self._assert_subject_in(to_mentor, PAIR_FORMED, pair, "ru_RU")
        self.assertEqual(to_mentor.state, "outgoing", "queued, sent by the mail queue")
        self.assertIn(
            "Вера Молодая",
            str(to_mentor.body_html),
            "the mentor learns whom they mentor",
        )
        self.assertIn(
            "Анна Учитель",
            str(to_mentee.body_html),
            "the mentee learns who the mentor is",
        )
        self.assertIn(
            order.name,
            str(to_mentee.body_html),
            "the order that fixes the pair is named",
        )
        self.assertIn(f"/my/mentorship/pairs/{pair.id}", str(to_mentee.body_html))
        self.assertFalse(
            to_mentor.model,
            "not attached to the pair, whose messages the participants read",
        )

    def test_pair_formed_in_english_for_an_english_recipient(self):
        pair = self._make_pair(self.mentor_b, self.mentee_d)
        pair.with_user(self.curator).stage_id = self.stage_intro
        mails = self._new_mails(PAIR_FORMED, pair)
        self._assert_subject_in(
            mails[self.teacher_b.partner_id], PAIR_FORMED, pair, "en_US"
        )
        self.assertIn(
            "the mentoring pair is formed", mails[self.teacher_b.partner_id].subject
        )

    def test_a_parent_hears_of_their_own_child_only(self):
        group = self._make_pair(
            self.pupil_mentor, self.pupil_1 | self.pupil_2, form=self.form_pupils
        )
        # the first meeting moves the group out of forming (logged by the
        # curator: the mentor has no account)
        self.env["mentorship.meeting"].with_user(self.curator).create(
            {
                "pair_id": group.id,
                "meeting_type": "intro",
                "attendee_ids": [(6, 0, group.mentee_ids.ids)],
            }
        )
        mails = self._new_mails(PAIR_FORMED, group)
        pupils = self.pupil_mentor.partner_id | (self.pupil_1 | self.pupil_2).partner_id
        self.assertEqual(set(mails), set(pupils | self.parent_1 | self.parent_2))
        to_parent_1 = str(mails[self.parent_1].body_html)
        self.assertIn("Петя Первый", to_parent_1)
        self.assertIn(
            "Саша Отличник", to_parent_1, "the parent learns who mentors their child"
        )
        self.assertNotIn("Маша Вторая", to_parent_1, "nor the other pupil of the group")
        self.assertNotIn("Маша Вторая", str(mails[self.pupil_1.partner_id].body_html))
        self._assert_subject_in(mails[self.parent_1], PAIR_FORMED, group, "ru_RU")

    def test_pair_formed_turned_off(self):
        # in the settings (Settings → Mentorship → Notifications), on by default
        self.assertTrue(
            self.env["res.config.settings"].create({}).mentorship_notify_pair_formed
        )
        self.env["res.config.settings"].create(
            {"mentorship_notify_pair_formed": False}
        ).execute()
        self.assertFalse(self.company.mentorship_notify_pair_formed)
        pair = self._make_pair(self.mentor_a, self.mentee_c)
        self._order("pairs", pair_ids=[(6, 0, pair.ids)]).with_user(
            self.manager
        ).action_approve()
        self.assertEqual(pair.stage_id, self.stage_intro)
        self.assertFalse(self._new_mails(PAIR_FORMED, pair))

    # ------------------------------------------------------------
    # a meeting is logged and awaits feedback
    # ------------------------------------------------------------

    def test_mentor_logs_a_meeting_the_mentee_is_asked_for_feedback(self):
        pair = self._make_pair(self.mentor_a, self.mentee_c | self.mentee_d)
        pair.stage_id = self.stage_intro
        self.teacher_d.partner_id.email = (
            False  # Глеб has no e-mail address: nothing for him
        )
        meeting = (
            self.env["mentorship.meeting"]
            .with_user(self.teacher_a)
            .create(
                {
                    "pair_id": pair.id,
                    "meeting_type": "intro",
                    "attendee_ids": [(6, 0, pair.mentee_ids.ids)],
                }
            )
        )
        mails = self._new_mails(FEEDBACK, meeting)
        self.assertEqual(
            set(mails),
            {self.teacher_c.partner_id},
            "the mentees, not the mentor who logged it",
        )
        self._assert_subject_in(
            mails[self.teacher_c.partner_id], FEEDBACK, meeting, "ru_RU"
        )
        self.assertIn(
            f"/my/mentorship/meetings/{meeting.id}",
            str(mails[self.teacher_c.partner_id].body_html),
        )

    def test_mentees_without_an_account_are_not_asked(self):
        group = self._make_pair(
            self.pupil_mentor, self.pupil_1 | self.pupil_2, form=self.form_pupils
        )
        group.stage_id = self.stage_intro
        new_test_user(
            self.env,
            "petya",
            groups="base.group_portal",
            partner_id=self.pupil_1.partner_id.id,
        )
        meeting = (
            self.env["mentorship.meeting"]
            .with_user(self.curator)
            .create(
                {
                    "pair_id": group.id,
                    "meeting_type": "intro",
                    "attendee_ids": [(6, 0, group.mentee_ids.ids)],
                }
            )
        )
        mails = self._new_mails(FEEDBACK, meeting)
        self.assertEqual(
            set(mails),
            {self.pupil_1.partner_id},
            "Маша has no account to give feedback with",
        )

    def test_feedback_request_turned_off(self):
        self.company.mentorship_notify_meeting_feedback = False
        pair = self._make_pair(self.mentor_a, self.mentee_c)
        pair.stage_id = self.stage_intro
        meeting = (
            self.env["mentorship.meeting"]
            .with_user(self.teacher_a)
            .create(
                {
                    "pair_id": pair.id,
                    "meeting_type": "intro",
                    "attendee_ids": [(6, 0, pair.mentee_ids.ids)],
                }
            )
        )
        self.assertFalse(self._new_mails(FEEDBACK, meeting))

    def test_late_feedback_reminded_once_with_the_nudge(self):
        start = datetime(2025, 3, 3, 10, 0)
        pair = self._make_pair(self.mentor_a, self.mentee_c)
        with freeze_time(start):
            pair.stage_id = self.stage_intro
            meeting = (
                self.env["mentorship.meeting"]
                .with_user(self.teacher_a)
                .create(
                    {
                        "pair_id": pair.id,
                        "meeting_type": "intro",
                        "date_start": start,
                        "attendee_ids": [(6, 0, self.mentee_c.ids)],
                    }
                )
            )
        self.last_mail = (
            self.env["mail.mail"].sudo().search([], order="id desc", limit=1).id
        )
        for days in (3, 4):
            with freeze_time(start + timedelta(days=days)):
                self.env["mentorship.pair"]._cron_mentorship_nudges()
        mails = self._new_mails(FEEDBACK, meeting)
        self.assertEqual(set(mails), {self.teacher_c.partner_id})
        to_mentee = (
            self.env["mail.mail"]
            .sudo()
            .search(
                [
                    ("id", ">", self.last_mail),
                    ("recipient_ids", "=", self.teacher_c.partner_id.id),
                ]
            )
        )
        self.assertEqual(
            len(to_mentee),
            1,
            f"once, not at every run of the job: {to_mentee.mapped('subject')}",
        )
        self._assert_subject_in(
            mails[self.teacher_c.partner_id], FEEDBACK, meeting, "ru_RU"
        )

    # ------------------------------------------------------------
    # the meeting rhythm is behind
    # ------------------------------------------------------------

    def _idle_pair(self, start):
        pair = self._make_pair(self.mentor_a, self.mentee_c)
        with freeze_time(start):
            pair.stage_id = self.stage_intro
            self.env["mentorship.meeting"].create(
                {
                    "pair_id": pair.id,
                    "meeting_type": "intro",
                    "date_start": start,
                    "attendee_ids": [(6, 0, self.mentee_c.ids)],
                    "feedback_ids": [
                        (0, 0, {"mentee_id": self.mentee_c.id, "rating": "5"})
                    ],
                }
            )
        return pair

    def test_meetings_behind_the_mentor_hears_once(self):
        start = datetime(2025, 3, 3, 10, 0)
        pair = self._idle_pair(start)
        for days in (13, 14, 15, 28):
            with freeze_time(start + timedelta(days=days)):
                self.env["mentorship.pair"]._cron_mentorship_nudges()
        mails = self._new_mails(PAIR_IDLE, pair)
        self.assertEqual(
            set(mails),
            {self.teacher_a.partner_id},
            "the mentor, once (the curator has the to-do)",
        )
        self._assert_subject_in(
            mails[self.teacher_a.partner_id], PAIR_IDLE, pair, "ru_RU"
        )
        self.assertIn("Вера Молодая", str(mails[self.teacher_a.partner_id].body_html))

    def test_meetings_behind_turned_off(self):
        self.company.mentorship_notify_pair_idle = False
        start = datetime(2025, 3, 3, 10, 0)
        pair = self._idle_pair(start)
        with freeze_time(start + timedelta(days=14)):
            self.env["mentorship.pair"]._cron_mentorship_nudges()
        self.assertTrue(pair.activity_ids, "the to-do is still given")
        self.assertFalse(self._new_mails(PAIR_IDLE, pair))

    # ------------------------------------------------------------
    # a questionnaire is waiting
    # ------------------------------------------------------------

    def _send_questionnaire(self, mentees):
        survey = self.env["survey.survey"].create(
            {
                "title": "Входная диагностика",
                "survey_type": "mentorship",
                "mentorship_role": "entry",
                "question_and_page_ids": [
                    (0, 0, {"title": "Как дела?", "question_type": "text_box"})
                ],
            }
        )
        wizard = Form(
            self.env["mentorship.survey.send"]
            .with_user(self.curator)
            .with_context(default_programme_id=self.programme.id)
        )
        wizard.role = "entry"
        wizard.survey_id = survey
        for mentee in mentees:
            wizard.mentee_ids.add(mentee)
        wizard.save().action_send()
        return self.env["survey.user_input"].search([("survey_id", "=", survey.id)])

    def test_questionnaire_waiting_reminded_once(self):
        answers = self._send_questionnaire(self.mentee_c | self.mentee_d)
        answer_c = answers.filtered(
            lambda answer: answer.mentorship_mentee_id == self.mentee_c
        )
        Answer = self.env["survey.user_input"]
        participants = (
            self.mentee_c | self.mentee_d
        ).partner_id | self.curator.partner_id
        Answer._cron_mentorship_remind_unanswered()
        self.assertFalse(
            self._new_mails(SURVEY_WAITING, answer_c, participants), "not a fresh one"
        )
        with freeze_time(self.today + timedelta(days=10)):
            Answer._cron_mentorship_remind_unanswered()
            Answer._cron_mentorship_remind_unanswered()
        mails = self._new_mails(SURVEY_WAITING, answer_c, participants)
        self.assertEqual(
            set(mails),
            {self.teacher_c.partner_id, self.teacher_d.partner_id},
            "each once",
        )
        self._assert_subject_in(
            mails[self.teacher_c.partner_id], SURVEY_WAITING, answer_c, "ru_RU"
        )
        self.assertIn(
            answer_c.access_token,
            str(mails[self.teacher_c.partner_id].body_html),
            "the link to answer",
        )

    def test_questionnaire_waiting_turned_off(self):
        self.company.mentorship_notify_survey_waiting = False
        answers = self._send_questionnaire(self.mentee_c)
        with freeze_time(self.today + timedelta(days=10)):
            self.env["survey.user_input"]._cron_mentorship_remind_unanswered()
        self.assertTrue(
            self.mentee_c.activity_ids, "the curator's to-do is still given"
        )
        self.assertFalse(
            self._new_mails(SURVEY_WAITING, answers, self.teacher_c.partner_id)
        )

    # ------------------------------------------------------------
    # an order concerning you is approved
    # ------------------------------------------------------------

    def test_order_approved_tells_the_people_it_concerns(self):
        acquainted = self.env["res.partner"].create(
            {"name": "Завуч", "email": "zavuch@example.com", "lang": "ru_RU"}
        )
        self.curator.partner_id.lang = "ru_RU"
        order = self._order(
            "curators",
            curator_ids=[(6, 0, self.curator.ids)],
            acquainted_ids=[(6, 0, acquainted.ids)],
        )
        order.with_user(self.manager).action_approve()
        mails = self._new_mails(ORDER_APPROVED, order)
        self.assertEqual(set(mails), {self.curator.partner_id, acquainted})
        self._assert_subject_in(mails[acquainted], ORDER_APPROVED, order, "ru_RU")
        self.assertIn(order.name, mails[acquainted].subject)

    def test_order_rewarding_mentors_skips_a_withdrawn_consent(self):
        self.mentor_b.consent_withdrawn = True
        nomination = self.env["mentorship.nomination"].create(
            {"name": "Наставник года"}
        )
        order = self._order(
            "closing",
            award_ids=[
                (
                    0,
                    0,
                    {
                        "nomination_id": nomination.id,
                        "mentor_id": mentor.id,
                        "year": 2025,
                    },
                )
                for mentor in self.mentor_a | self.mentor_b
            ],
        )
        order.with_user(self.manager).action_approve()
        mails = self._new_mails(ORDER_APPROVED, order)
        self.assertEqual(set(mails), {self.teacher_a.partner_id})

    def test_order_approved_turned_off(self):
        self.company.mentorship_notify_order_approved = False
        order = self._order("curators", curator_ids=[(6, 0, self.curator.ids)])
        order.with_user(self.manager).action_approve()
        self.assertEqual(order.state, "approved")
        self.assertFalse(self._new_mails(ORDER_APPROVED, order))

    # ------------------------------------------------------------
    # the consent is missing
    # ------------------------------------------------------------

    def test_pair_formed_without_consent_asks_the_parent(self):
        pupil_3 = self._make_minor("Коля Третий", self.parent_1, consent=False)
        withdrawn = self._make_minor("Оля Отозвавшая", self.parent_2)
        withdrawn.consent_withdrawn = True
        group = (
            self.env["mentorship.pair"]
            .with_user(self.curator)
            .create(
                {
                    "mentor_id": self.pupil_mentor.id,
                    "mentee_ids": [(6, 0, (self.pupil_2 | pupil_3).ids)],
                    "form_id": self.form_pupils.id,
                }
            )
        )
        mails = self._new_mails(CONSENT_MISSING, group)
        self.assertEqual(
            set(mails),
            {self.parent_1},
            "the parent of the pupil without consent, not the pupil",
        )
        body = str(mails[self.parent_1].body_html)
        self.assertIn("Коля Третий", body)
        self.assertNotIn("Маша Вторая", body)
        self._assert_subject_in(mails[self.parent_1], CONSENT_MISSING, group, "ru_RU")
        # a pupil added later is asked about; one whose
        # consent was withdrawn is left alone
        self.last_mail = max(mail.id for mail in mails.values())
        pupil_4 = self._make_minor("Дима Четвёртый", self.parent_2, consent=False)
        group.with_user(self.curator).mentee_ids = [(4, pupil_4.id), (4, withdrawn.id)]
        mails = self._new_mails(CONSENT_MISSING, group)
        self.assertEqual(set(mails), {self.parent_2})
        self.assertIn("Дима Четвёртый", str(mails[self.parent_2].body_html))
        self.assertNotIn("Оля Отозвавшая", str(mails[self.parent_2].body_html))

    def test_consent_missing_turned_off(self):
        self.company.mentorship_notify_consent_missing = False
        pupil_3 = self._make_minor("Коля Третий", self.parent_1, consent=False)
        pair = (
            self.env["mentorship.pair"]
            .with_user(self.curator)
            .create(
                {
                    "mentor_id": self.pupil_mentor.id,
                    "mentee_ids": [(6, 0, pupil_3.ids)],
                    "form_id": self.form_pupils.id,
                }
            )
        )
        self.assertFalse(self._new_mails(CONSENT_MISSING, pair))
