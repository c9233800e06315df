from datetime import timedelta

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import MentorshipCase


class AwardCase(MentorshipCase):
    """Nominations of school 1, an adult mentor who consents to the publication, and a
    pupil (a minor) whose mother consented to the programme, not to the publication."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Nomination = cls.env["mentorship.nomination"]
        cls.mentor_of_year = Nomination.create(
            {"name": "Наставник года", "kind": "person"}
        )
        cls.best_pair = Nomination.create({"name": "Лучшая пара", "kind": "pair"})
        cls.contest = Nomination.create(
            {
                "name": "Наставник+",
                "kind": "person",
                "is_contest": True,
                "company_id": False,
            }
        )
        cls.mentor_a.consent_publication_allowed = True
        cls.mother = cls.env["res.partner"].create({"name": "Петрова Мать"})
        cls.pupil = cls._make_mentee(
            cls.env["res.partner"].create({"name": "Петя Петров"}),
            kind=cls.kind_pupil,
            birth_date=cls.today - timedelta(days=13 * 365),
            school_class="7 «Б»",
            legal_representative_id=cls.mother.id,
            consent_given_by_id=cls.mother.id,
        )

    def _order(self, awards, order_type="closing", user=None):
        return (
            self.env["mentorship.order"]
            .with_user(user or self.curator)
            .create(
                {
                    "order_type": order_type,
                    "programme_id": self.programme.id,
                    "date": self.today,
                    "item_ids": [
                        Command.create({"name": "Наградить почётными грамотами."})
                    ],
                    "award_ids": [
                        Command.create({"year": 2025, **vals}) for vals in awards
                    ],
                }
            )
        )

    def _granted(self, *awards):
        order = self._order(awards)
        order.with_user(self.manager).action_approve()
        return order.award_ids


@tagged("post_install", "-at_install")
class TestAward(AwardCase):
    def test_the_mentors_portfolio_lists_awards_and_published_practices(self):
        granted = self._granted(
            {"nomination_id": self.mentor_of_year.id, "mentor_id": self.mentor_a.id}
        )
        proposed = self._order(
            [{"nomination_id": self.contest.id, "mentor_id": self.mentor_a.id}]
        ).award_ids
        Practice = self.env["mentorship.practice"].with_user(self.curator)
        published, draft = Practice.create(
            [
                {
                    "name": "Открытый урок",
                    "mentor_ids": [Command.set(self.mentor_a.ids)],
                },
                {"name": "Черновик", "mentor_ids": [Command.set(self.mentor_a.ids)]},
            ]
        )
        published.action_review()
        published.action_publish()
        # the mentor reads their own portfolio
        mentor = self.mentor_a.with_user(self.teacher_a)
        self.assertEqual(mentor.portfolio_award_ids, granted)
        self.assertNotIn(proposed, mentor.portfolio_award_ids, "not granted yet")
        self.assertEqual(mentor.portfolio_practice_ids, published)
        self.assertNotIn(draft, mentor.portfolio_practice_ids)
        # HR officers open the mentor form, without its achievements (the fields are
        # not theirs: the form leaves them out), while the mentor has them
        hr_officer = new_test_user(
            self.env,
            "hr_portfolio",
            groups="base.group_user,hr.group_hr_user",
            company_ids=self.school_1.ids,
            company_id=self.school_1.id,
        )
        for user, shown in ((self.teacher_a, True), (hr_officer, False)):
            fields = self.env["mentorship.mentor"].with_user(user).fields_get()
            self.assertEqual("portfolio_award_ids" in fields, shown, user.login)
            self.assertEqual("portfolio_practice_ids" in fields, shown, user.login)

    def test_curator_proposes_director_grants_by_order(self):
        order = self._order(
            [{"nomination_id": self.mentor_of_year.id, "mentor_id": self.mentor_a.id}]
        )
        award = order.award_ids
        self.assertEqual(award.state, "proposed")
        self.assertEqual(
            order.reward_mentor_ids,
            self.mentor_a,
            "the order rewards the mentors of its awards",
        )
        order.with_user(self.manager).action_approve()
        self.assertEqual(award.state, "granted")
        self.assertIn("Наставник года", self.mentor_a.message_ids[0].body)
        # what the order fixed is locked with it; the citation and the photo are not
        with self.assertRefused(UserError, "no longer a draft"):
            award.with_user(self.curator).write({"mentor_id": self.mentor_b.id})
        award.with_user(self.curator).citation = "За вклад в программу"
        with self.assertRefused(UserError, "granted award stays"):
            award.with_user(self.curator).unlink()
        order.with_user(self.manager).action_cancel()
        self.assertEqual(award.state, "cancelled")

    def test_participants_read_their_own_awards_only(self):
        award_a, award_b = self._granted(
            {"nomination_id": self.mentor_of_year.id, "mentor_id": self.mentor_a.id},
            {"nomination_id": self.mentor_of_year.id, "mentor_id": self.mentor_b.id},
        )
        self.assertEqual(award_a.with_user(self.teacher_a).awardee_name, "Анна Учитель")
        self.assertEqual(
            self.env["mentorship.award"].with_user(self.teacher_a).search([]),
            award_a,
            "only the own award",
        )
        with self.assertRaises(AccessError):
            award_b.with_user(self.teacher_a).read(["citation"])
        with self.assertRaises(AccessError):
            self.env["mentorship.award"].with_user(self.teacher_a).create(
                {
                    "nomination_id": self.mentor_of_year.id,
                    "mentor_id": self.mentor_a.id,
                }
            )
        with self.assertRaises(AccessError):
            award_a.with_user(self.teacher_a).write({"published": True})

    def test_coordinator_reads_the_district_and_keeps_its_nominations(self):
        award = self._granted(
            {
                "nomination_id": self.contest.id,
                "mentor_id": self.mentor_a.id,
                "rank": "winner",
            }
        )
        self.assertEqual(award.with_user(self.coordinator).nomination_id, self.contest)
        with self.assertRaises(AccessError):
            award.with_user(self.coordinator).write({"citation": "x"})
        Nomination = self.env["mentorship.nomination"].with_user(self.coordinator)
        district = Nomination.create({"name": "Наставник района", "company_id": False})
        self.assertFalse(district.company_id)
        with self.assertRaises(AccessError):
            Nomination.create({"name": "Школьная", "company_id": self.school_1.id})
        with self.assertRaises(AccessError):
            self.mentor_of_year.with_user(self.coordinator).write({"name": "x"})
        # a school's curators read the district's nominations, not change them
        self.assertEqual(self.contest.with_user(self.curator).name, "Наставник+")
        with self.assertRaises(AccessError):
            self.contest.with_user(self.curator).write({"name": "x"})

    def test_awardee_follows_the_nomination(self):
        with self.assertRefused(ValidationError, "choose the pair"):
            self._order(
                [{"nomination_id": self.best_pair.id, "mentor_id": self.mentor_a.id}]
            )
        with self.assertRefused(ValidationError, "one mentor or one mentee"):
            self._order(
                [
                    {
                        "nomination_id": self.mentor_of_year.id,
                        "mentor_id": self.mentor_a.id,
                        "mentee_id": self.mentee_c.id,
                    }
                ]
            )
        with self.assertRefused(ValidationError, "does not grant awards"):
            self._order(
                [
                    {
                        "nomination_id": self.mentor_of_year.id,
                        "mentor_id": self.mentor_a.id,
                    }
                ],
                "curators",
            )

    def test_publication_needs_the_consent_to_publication(self):
        award_a, award_b = self._granted(
            {"nomination_id": self.mentor_of_year.id, "mentor_id": self.mentor_a.id},
            {"nomination_id": self.mentor_of_year.id, "mentor_id": self.mentor_b.id},
        )
        award_a.with_user(self.curator).action_publish()
        self.assertTrue(award_a.on_board)
        with self.assertRefused(
            ValidationError, "Борис Учитель has not consented to the publication"
        ):
            award_b.with_user(self.curator).action_publish()
        self.mentor_b.with_user(self.curator).consent_publication_allowed = True
        award_b.with_user(self.curator).action_publish()
        self.assertTrue(award_b.on_board)

    def test_proposed_award_is_not_published(self):
        award = self._order(
            [{"nomination_id": self.mentor_of_year.id, "mentor_id": self.mentor_a.id}]
        ).award_ids
        with self.assertRefused(ValidationError, "not granted yet"):
            award.with_user(self.curator).action_publish()

    def test_pupil_needs_the_representative_consent_to_publication(self):
        award = self._granted(
            {"nomination_id": self.mentor_of_year.id, "mentee_id": self.pupil.id}
        )
        self.assertTrue(
            self.pupil.has_valid_consent, "the mother consented to the programme"
        )
        with self.assertRefused(
            ValidationError,
            "Петя Петров is a minor: the legal representative has not consented",
        ):
            award.with_user(self.curator).action_publish()
        self.assertFalse(self.pupil._mentorship_may_publish())
        # the pupil's own signature does not count: the consent must be the mother's
        self.pupil.consent_ids.write(
            {"given_by_id": self.pupil.partner_id.id, "publication_allowed": True}
        )
        self.assertFalse(self.pupil._mentorship_may_publish())
        self.pupil.consent_ids.given_by_id = self.mother
        self.assertTrue(self.pupil._mentorship_may_publish())
        award.with_user(self.curator).action_publish()
        self.assertTrue(award.on_board)

    def test_pair_award_needs_everyone_of_the_pair(self):
        pair = self._make_pair(self.mentor_a, self.mentee_c)
        award = self._granted({"nomination_id": self.best_pair.id, "pair_id": pair.id})
        self.assertEqual(award.awardee_name, "Анна Учитель, Вера Молодая")
        with self.assertRefused(ValidationError, "Вера Молодая has not consented"):
            award.with_user(self.curator).action_publish()
        self.mentee_c.consent_publication_allowed = True
        award.with_user(self.curator).action_publish()
        self.assertTrue(award.on_board)

    def test_withdrawal_takes_the_award_off_the_board_at_once(self):
        award = self._granted(
            {"nomination_id": self.mentor_of_year.id, "mentor_id": self.mentor_a.id}
        )
        award.with_user(self.curator).action_publish()
        Award = self.env["mentorship.award"]
        self.assertIn(award, Award._get_board_awards(self.school_1))
        self.mentor_a.consent_withdrawn = True
        self.assertTrue(
            award.published, "the curator's decision stays, the board reads the consent"
        )
        self.assertFalse(award.on_board)
        self.assertIn("withdrawn the consent", award.publication_problem)
        self.assertNotIn(award, Award._get_board_awards(self.school_1))
        self.assertNotIn(
            award, Award.with_user(self.curator).search([("on_board", "=", True)])
        )
        self.assertIn(
            award, Award.with_user(self.curator).search([("on_board", "=", False)])
        )

    def test_consent_to_publication_withdrawn_on_its_own(self):
        award = self._granted(
            {"nomination_id": self.mentor_of_year.id, "mentor_id": self.mentor_a.id}
        )
        award.with_user(self.curator).action_publish()
        self.mentor_a.with_user(self.curator).consent_publication_allowed = False
        self.assertFalse(award.on_board)
        self.assertTrue(
            self.mentor_a.has_valid_consent, "the consent to take part stays"
        )

    def test_portal_consent_with_publication(self):
        """The mother gives the consent on the portal and ticks the publication; she
        withdraws the publication alone later. The curator cannot tick it for her."""
        pupil = self._make_mentee(
            self.env["res.partner"].create({"name": "Коля Петров"}),
            kind=self.kind_pupil,
            birth_date=self.today - timedelta(days=11 * 365),
            legal_representative_id=self.mother.id,
            consent_date=False,
            consent_given_by_id=False,
        )
        self.assertFalse(pupil.consent_ids)
        self.env["mentorship.consent.text"].create(
            {
                "name": "Согласие",
                "company_id": self.school_1.id,
                "body": "<p>Текст</p>",
            }
        )
        mother_user = new_test_user(
            self.env, "mother", groups="base.group_portal", partner_id=self.mother.id
        )
        text = self.env["mentorship.consent.text"]._get_current(self.school_1)
        consent = pupil._give_electronic_consent(
            mother_user, text, "10.0.0.1", publication_allowed=True
        )
        self.assertTrue(consent.publication_allowed)
        self.assertTrue(pupil._mentorship_may_publish())
        with self.assertRefused(UserError, "only the legal representative"):
            pupil._withdraw_publication_consent(self.teacher_a)
        pupil._withdraw_publication_consent(mother_user)
        self.assertFalse(consent.publication_allowed)
        self.assertFalse(pupil._mentorship_may_publish())
        self.assertTrue(pupil.has_valid_consent, "the consent to take part stays")
        with self.assertRefused(UserError, "given on the portal"):
            consent.with_user(self.curator).publication_allowed = True

    def test_anonymisation_clears_the_award(self):
        award = self._granted(
            {"nomination_id": self.mentor_of_year.id, "mentor_id": self.mentor_b.id}
        )
        award.citation = "За вклад"
        self.mentor_b.consent_withdrawn = True
        self.mentor_b._anonymise()
        self.assertFalse(award.citation)
        self.assertFalse(award.published)
        self.assertNotIn("Борис", award.awardee_name)


@tagged("post_install", "-at_install")
class TestHonourBoardPage(AwardCase, HttpCase):
    """The public honour board, logged out."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.school_1.mentorship_public_page = True
        cls.school_2.mentorship_public_page = True
        cls.mentor_b.consent_publication_allowed = True
        order = cls.env["mentorship.order"].create(
            {
                "order_type": "other",
                "title": "О поощрении",
                "programme_id": cls.programme.id,
                "date": cls.today,
                "item_ids": [Command.create({"name": "Наградить."})],
                "award_ids": [
                    Command.create(
                        {
                            "nomination_id": cls.mentor_of_year.id,
                            "mentor_id": cls.mentor_a.id,
                            "year": 2025,
                            "citation": "За лучшие уроки",
                        }
                    ),
                    Command.create(
                        {
                            "nomination_id": cls.contest.id,
                            "mentor_id": cls.mentor_b.id,
                            "year": 2024,
                            "rank": "prize",
                        }
                    ),
                    Command.create(
                        {
                            "nomination_id": cls.mentor_of_year.id,
                            "mentee_id": cls.pupil.id,
                            "year": 2025,
                        }
                    ),
                    Command.create(
                        {
                            "nomination_id": cls.mentor_of_year.id,
                            "mentee_id": cls.mentee_c.id,
                            "year": 2025,
                        }
                    ),
                ],
            }
        )
        order.action_approve()
        cls.award_a, cls.award_b, cls.award_pupil, cls.award_unpublished = (
            order.award_ids.sorted("id")
        )
        (cls.award_a | cls.award_b).action_publish()
        # school 2 publishes an award of its own
        nomination_2 = cls.env["mentorship.nomination"].create(
            {"name": "Гордость школы", "company_id": cls.school_2.id}
        )
        mentor_x = cls._make_mentor(
            cls.env["res.partner"].create({"name": "Учитель Второй"}), cls.programme_2
        )
        mentor_x.consent_publication_allowed = True
        order_2 = cls.env["mentorship.order"].create(
            {
                "order_type": "other",
                "title": "О поощрении",
                "company_id": cls.school_2.id,
                "programme_id": cls.programme_2.id,
                "date": cls.today,
                "item_ids": [Command.create({"name": "Наградить."})],
                "award_ids": [
                    Command.create(
                        {
                            "nomination_id": nomination_2.id,
                            "mentor_id": mentor_x.id,
                            "company_id": cls.school_2.id,
                        }
                    )
                ],
            }
        )
        order_2.action_approve()
        order_2.award_ids.action_publish()

    def _board(self, company):
        response = self.url_open(f"/mentorship/{company.id}/honour-board")
        return response

    def test_public_board_shows_only_published_awards_of_the_school(self):
        response = self._board(self.school_1)
        self.assertEqual(response.status_code, 200)
        page = response.text
        self.assertIn("Анна Учитель", page)
        self.assertIn("За лучшие уроки", page)
        self.assertIn("Борис Учитель", page)
        self.assertIn("Наставник+", page)
        self.assertNotIn("Вера Молодая", page, "granted, not published")
        self.assertNotIn(
            "Петя Петров",
            page,
            "a pupil without the representative's consent to publication",
        )
        self.assertNotIn("Учитель Второй", page, "another school's award")
        # nothing personal besides what is published
        birth = self.pupil.birth_date
        for private in (
            "7 «Б»",
            birth.isoformat(),
            birth.strftime("%d.%m.%Y"),
            "Петрова Мать",
            "teach_a",
        ):
            self.assertNotIn(private, page)
        self.assertIn("Учитель Второй", self._board(self.school_2).text)

    def test_withdrawal_removes_the_award_from_the_public_board(self):
        self.assertIn("Анна Учитель", self._board(self.school_1).text)
        self.mentor_a.consent_withdrawn = True
        page = self._board(self.school_1).text
        self.assertNotIn("Анна Учитель", page)
        self.assertIn("Борис Учитель", page)

    def test_pupil_with_the_representative_consent_appears_and_leaves(self):
        self.pupil.consent_publication_allowed = True
        self.award_pupil.action_publish()
        self.assertIn("Петя Петров", self._board(self.school_1).text)
        self.pupil.consent_withdrawn = True
        self.assertNotIn("Петя Петров", self._board(self.school_1).text)

    def test_board_of_a_school_without_public_page_is_not_found(self):
        self.school_1.mentorship_public_page = False
        self.assertEqual(self._board(self.school_1).status_code, 404)
        self.assertEqual(
            self.url_open("/mentorship/999999/honour-board").status_code, 404
        )

    def test_curator_sees_the_honour_board_kanban(self):
        """The curator's honour board (the kanban with the photos) opens."""
        action = self.env.ref("odoo_mentorship.mentorship_award_action")
        views = (
            self.env["mentorship.award"]
            .with_user(self.curator)
            .get_views([(False, "kanban"), (False, "form")])
        )
        self.assertIn("photo", views["views"]["kanban"]["arch"])
        self.assertEqual(action.res_model, "mentorship.award")
        awards = (
            self.env["mentorship.award"]
            .with_user(self.curator)
            .web_search_read(
                [("on_board", "=", True)], {"awardee_name": {}, "photo": {}}
            )
        )
        names = {record["awardee_name"] for record in awards["records"]}
        self.assertLessEqual({"Анна Учитель", "Борис Учитель"}, names)
        self.assertFalse({"Петя Петров", "Вера Молодая", "Учитель Второй"} & names)
