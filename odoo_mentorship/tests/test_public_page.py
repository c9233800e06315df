"""The school's public page of the programme, logged out: what the school published and
nothing else — no draft, no other school, no mentee, no pupil, no contact detail the
school did not choose."""

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import MentorshipCase


@tagged("post_install", "-at_install")
class TestPublicPage(MentorshipCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.school_1.write(
            {
                "mentorship_public_page": True,
                "mentorship_public_contact_id": cls.curator.id,
                "mentorship_public_show_email": False,
                "mentorship_public_show_phone": True,
            }
        )
        env["hr.employee"].create(
            {
                "name": cls.curator.name,
                "user_id": cls.curator.id,
                "company_id": cls.school_1.id,
                "work_email": "kurator@school1.example.ru",
                "work_phone": "+7 (38473) 3-15-07",
                "private_phone": "+7 913 000-00-00",
            }
        )
        # a pupil mentor and her group of pupils: the pair's practice names none of them
        cls.pupil_mentor = cls._make_mentor(
            env["res.partner"].create({"name": "Орлова Анастасия Игоревна"}),
            kind=cls.kind_pupil,
        )
        cls.pupil_mentee = cls._make_mentee(
            env["res.partner"].create({"name": "Кравченко Даниил Олегович"}),
            kind=cls.kind_pupil,
        )
        cls.pupil_pair = cls._make_pair(
            cls.pupil_mentor, cls.pupil_mentee, form=cls.form_pupils
        )
        cls.teacher_pair = cls._make_pair(cls.mentor_a, cls.mentee_c)
        # the adult mentor consents to the publication of her name (152-ФЗ art. 10.1)
        cls.mentor_a.consent_id.publication_allowed = True
        Practice = env["mentorship.practice"]
        cls.published = Practice.create(
            {
                "name": "Открытый урок молодого учителя",
                "form_id": cls.form_teachers.id,
                "tag_ids": [Command.create({"name": "Методика преподавания"})],
                "mentor_ids": [Command.set(cls.mentor_a.ids)],
                "pair_id": cls.teacher_pair.id,
                "show_authors": True,
                "description": "<p>Карта наблюдения урока и самоанализ.</p>",
            }
        )
        cls.pupils_practice = Practice.create(
            {
                "name": "Подготовка к ОГЭ в группе",
                "form_id": cls.form_pupils.id,
                "mentor_ids": [Command.set(cls.pupil_mentor.ids)],
                "pair_id": cls.pupil_pair.id,
                "show_authors": True,
            }
        )
        cls.unnamed = Practice.create(
            {
                "name": "Взаимопосещение уроков",
                "mentor_ids": [Command.set(cls.mentor_b.ids)],
            }
        )
        for practice in cls.published | cls.pupils_practice | cls.unnamed:
            practice.with_user(cls.curator).action_review()
            practice.with_user(cls.curator).action_publish()
        cls.draft = Practice.create(
            {
                "name": "Черновик о выгорании",
                "mentor_ids": [Command.set(cls.mentor_a.ids)],
            }
        )
        cls.reviewed = Practice.create(
            {
                "name": "Проверенная, не опубликованная",
                "mentor_ids": [Command.set(cls.mentor_a.ids)],
            }
        )
        cls.reviewed.with_user(cls.curator).action_review()
        cls.other_school = Practice.create(
            {
                "name": "Практика школы № 2",
                "company_id": cls.school_2.id,
                "state": "published",
            }
        )

    def _page(self, company=None):
        return self.url_open(f"/mentorship/{(company or self.school_1).id}")

    def test_published_practices_are_shown_drafts_are_not(self):
        response = self._page()
        self.assertEqual(response.status_code, 200)
        page = response.text
        self.assertIn(self.programme.name, page, "the running programme")
        for practice in (self.published, self.pupils_practice, self.unnamed):
            self.assertIn(practice.name, page)
        self.assertIn("Карта наблюдения урока и самоанализ.", page)
        self.assertIn("Методика преподавания", page)
        for hidden in (self.draft, self.reviewed, self.other_school):
            self.assertNotIn(hidden.name, page)
        # a draft published by the curator appears
        self.draft.with_user(self.curator).action_review()
        self.draft.with_user(self.curator).action_publish()
        self.assertIn("Черновик о выгорании", self._page().text)

    def test_no_personal_data_that_was_not_published(self):
        page = self._page().text
        # the adult mentor whose school shows the authors is named
        self.assertIn("Анна Учитель", page)
        # and no longer once she withdraws her consent to the publication
        self.mentor_a.consent_id.publication_allowed = False
        self.assertNotIn("Анна Учитель", self._page().text)
        # never a mentee, a pupil mentor or the pupils of
        # her group, nor a mentor not shown
        for name in (
            "Вера Молодая",
            "Глеб Молодой",
            "Орлова",
            "Кравченко",
            "Борис Учитель",
        ):
            self.assertNotIn(name, page)
        # the contact: the curator's name and the work phone chosen, not
        # the e-mail nor a private phone
        self.assertIn("Куратор Один", page)
        self.assertIn("+7 (38473) 3-15-07", page)
        self.assertNotIn("kurator@school1.example.ru", page)
        self.assertNotIn("913 000-00-00", page)
        self.school_1.mentorship_public_show_email = True
        self.assertIn("kurator@school1.example.ru", self._page().text)

    def test_roadmap_titles_and_dates_without_people(self):
        roadmap = self.env["mentorship.roadmap"].create(
            {
                "name": "Дорожная карта внедрения",
                "programme_id": self.programme.id,
                "date_start": self.today,
            }
        )
        stage = self.env["mentorship.roadmap.stage"].create(
            {"roadmap_id": roadmap.id, "name": "Подготовительный этап"}
        )
        self.env["mentorship.roadmap.activity"].create(
            [
                {
                    "roadmap_id": roadmap.id,
                    "stage_id": stage.id,
                    "name": "Информирование педагогов о запуске программы",
                    "deadline": self.today,
                    "responsible_user_ids": [Command.set(self.teacher_b.ids)],
                    "responsible_text": "Иванов Пётр Сергеевич",
                },
                {
                    "roadmap_id": roadmap.id,
                    "stage_id": stage.id,
                    "name": "Отменённое мероприятие",
                    "state": "cancelled",
                },
            ]
        )
        page = self._page().text
        self.assertIn("Подготовительный этап", page)
        self.assertIn("Информирование педагогов о запуске программы", page)
        self.assertNotIn("Отменённое мероприятие", page)
        self.assertNotIn("Борис Учитель", page)
        self.assertNotIn("Иванов Пётр", page)

    def test_the_page_is_off_by_default(self):
        self.assertFalse(
            self.env["res.company"].create({"name": "Школа № 9"}).mentorship_public_page
        )
        # school 2 has not turned it on; a school that does not exist has none
        self.assertEqual(self._page(self.school_2).status_code, 404)
        self.assertEqual(self.url_open("/mentorship/987654").status_code, 404)
        self.school_1.mentorship_public_page = False
        response = self._page()
        self.assertEqual(response.status_code, 404)
        self.assertNotIn(self.published.name, response.text)

    def test_honour_board_link(self):
        """The page links its honour board once the board shows someone."""
        link = f'href="/mentorship/{self.school_1.id}/honour-board"'
        # (the demo's awards of the school taken off the board)
        self.env["mentorship.award"].search(
            [("company_id", "=", self.school_1.id)]
        ).published = False
        self.assertNotIn(link, self._page().text, "nobody is on the board yet")
        nomination = self.env["mentorship.nomination"].create(
            {"name": "Наставник года", "kind": "person"}
        )
        order = (
            self.env["mentorship.order"]
            .with_user(self.curator)
            .create(
                {
                    "order_type": "closing",
                    "programme_id": self.programme.id,
                    "date": self.today,
                    "item_ids": [Command.create({"name": "Наградить."})],
                    "award_ids": [
                        Command.create(
                            {
                                "year": 2026,
                                "nomination_id": nomination.id,
                                "mentor_id": self.mentor_a.id,
                            }
                        )
                    ],
                }
            )
        )
        order.with_user(self.manager).action_approve()
        order.award_ids.with_user(self.curator).published = True
        self.assertIn(link, self._page().text)

    def test_the_page_can_be_embedded(self):
        """A school's own website shows the page in a frame
        (README): Odoo does not forbid it."""
        headers = self._page().headers
        self.assertNotIn("X-Frame-Options", headers)
        self.assertNotIn("frame-ancestors", headers.get("Content-Security-Policy", ""))


@tagged("post_install", "-at_install")
class TestDemoPublicPage(HttpCase):
    """The demo gymnasium's page, logged out (with demo data only)."""

    def test_demo_page(self):
        practice = self.env.ref(
            "odoo_mentorship.practice_open_lesson_demo", raise_if_not_found=False
        )
        if not practice:
            self.skipTest("no demo data")
        company = self.env.ref("base.main_company")
        response = self.url_open(f"/mentorship/{company.id}")
        self.assertEqual(response.status_code, 200)
        page = response.text
        for xmlid in (
            "practice_open_lesson_demo",
            "practice_mutual_visits_demo",
            "practice_oge_peer_demo",
        ):
            self.assertIn(self.env.ref(f"odoo_mentorship.{xmlid}").name, page)
        self.assertNotIn(
            self.env.ref("odoo_mentorship.practice_burnout_demo").name, page, "a draft"
        )
        # the author shown is the adult mentor; the pupil
        # mentor and her group are not named
        self.assertIn("Кузнецова Марина Сергеевна", page)
        for xmlid in (
            "mentor_orlova_demo",
            "mentee_kravchenko_demo",
            "mentee_popova_demo",
            "mentor_fedorova_demo",
        ):
            person = self.env.ref(f"odoo_mentorship.{xmlid}", raise_if_not_found=False)
            if person:
                self.assertNotIn(person.partner_id.name, page, xmlid)
        # the published order, and the curator's name and work e-mail the school chose
        self.assertIn(self.env.ref("odoo_mentorship.order_programme_demo").title, page)
        self.assertNotIn(self.env.ref("odoo_mentorship.order_pairs_demo").title, page)
        self.assertIn("Смирнова Ольга Викторовна", page)
        self.assertIn("smirnova.ov@gymnasium5.example.ru", page)


@tagged("post_install", "-at_install")
class TestOrderPublication(MentorshipCase):
    """An order on the school's page: approved, and naming no mentee or pupil."""

    def _approved(self, order_type, **vals):
        order = self.env["mentorship.order"].create(
            {
                "order_type": order_type,
                "programme_id": self.programme.id,
                "item_ids": [
                    Command.create({"name": "Утвердить программу наставничества."})
                ],
                **vals,
            }
        )
        order.with_user(self.manager).action_approve()
        return order

    def test_programme_order_is_published_by_a_curator(self):
        order = self._approved("programme")
        order.with_user(self.curator).published_on_site = True
        self.assertTrue(order.published_on_site)
        # cancelled, it leaves the page
        order.with_user(self.manager).action_cancel()
        self.assertFalse(order.published_on_site)

    def test_draft_order_is_not_published(self):
        order = self.env["mentorship.order"].create(
            {"order_type": "programme", "programme_id": self.programme.id}
        )
        with self.assertRefused(ValidationError, "only an approved order"):
            order.published_on_site = True

    def test_orders_naming_pupils_are_refused(self):
        pair = self._make_pair(self.mentor_a, self.mentee_c)
        pairs_order = self._approved("pairs", pair_ids=[Command.set(pair.ids)])
        with self.assertRefused(
            ValidationError,
            "cannot be published on the school's page: it names mentees",
        ):
            pairs_order.with_user(self.curator).published_on_site = True
        # a programme order listing a mentee among those acquainted with it
        acquainted = self._approved(
            "programme", acquainted_ids=[Command.set(self.mentee_d.partner_id.ids)]
        )
        with self.assertRefused(ValidationError, "it names mentees"):
            acquainted.with_user(self.curator).published_on_site = True
        # a pupil mentor in the working group
        pupil = self._make_mentor(
            self.env["res.partner"].create({"name": "Ученик Наставник"}),
            kind=self.kind_pupil,
        )
        member = self.env["mentorship.working.group.member"].create(
            {"partner_id": pupil.partner_id.id}
        )
        group_order = self._approved(
            "working_group", member_ids=[Command.set(member.ids)]
        )
        with self.assertRefused(ValidationError, "names a pupil"):
            group_order.with_user(self.curator).published_on_site = True

    def test_the_district_does_not_publish_a_school_order(self):
        order = self._approved("programme")
        with self.assertRaises(AccessError):
            order.with_user(self.coordinator).published_on_site = True
        portal = new_test_user(self.env, "portal_pub", groups="base.group_portal")
        with self.assertRaises(AccessError):
            order.with_user(portal).published_on_site = True
