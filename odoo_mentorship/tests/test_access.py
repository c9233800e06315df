from datetime import timedelta

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time
from lxml import etree

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import MentorshipCase

# what the kanban_activity widget of the cards reads besides activity_ids
KANBAN_ACTIVITY_FIELDS = [
    "activity_exception_decoration",
    "activity_exception_icon",
    "activity_state",
    "activity_summary",
    "activity_type_icon",
]


@tagged("post_install", "-at_install")
class TestAccess(MentorshipCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # pair 1: Анна mentors Вера; pair 2: Борис mentors Глеб
        cls.pair_1 = cls._make_pair(cls.mentor_a, cls.mentee_c)
        cls.pair_2 = cls._make_pair(cls.mentor_b, cls.mentee_d)
        cls.meeting_2 = cls.env["mentorship.meeting"].create(
            {
                "pair_id": cls.pair_2.id,
                "meeting_type": "intro",
                "attendee_ids": [(6, 0, cls.mentee_d.ids)],
            }
        )
        # a pair of school 2
        cls.teacher_x = cls.env["res.partner"].create({"name": "Учитель Школы Два"})
        cls.teacher_y = cls.env["res.partner"].create({"name": "Новичок Школы Два"})
        cls.pair_school_2 = cls._make_pair(
            cls._make_mentor(cls.teacher_x, programme=cls.programme_2),
            cls._make_mentee(cls.teacher_y, programme=cls.programme_2),
        )

    def test_participant_sees_only_own_pairs(self):
        Pair = self.env["mentorship.pair"].with_user(self.teacher_a)
        self.assertEqual(Pair.search([]), self.pair_1)
        with self.assertRaises(AccessError):
            self.pair_2.with_user(self.teacher_a).read(["name"])
        with self.assertRaises(AccessError):
            self.meeting_2.with_user(self.teacher_a).read(["agenda"])
        # the mentee of pair 1 sees it too, with the mentor's name
        pair = Pair.with_user(self.teacher_c).search([])
        self.assertEqual(pair, self.pair_1)
        self.assertEqual(pair.mentor_id.partner_id.name, "Анна Учитель")
        self.assertEqual(
            self.env["mentorship.mentee"].with_user(self.teacher_a).search([]),
            self.mentee_c,
        )

    def test_members_of_a_pair(self):
        # "my pairs" of the rules: the mentor's and the active mentees' contacts
        Pair = self.env["mentorship.pair"]
        ours = [("id", "in", (self.pair_1 | self.pair_2).ids)]
        self.assertEqual(
            self.pair_1.member_partner_ids,
            self.mentor_a.partner_id | self.mentee_c.partner_id,
        )
        for partner, pair in (
            (self.mentor_a.partner_id, self.pair_1),
            (self.mentee_c.partner_id, self.pair_1),
            (self.mentee_d.partner_id, self.pair_2),
        ):
            self.assertEqual(
                Pair.search(ours + [("member_partner_ids", "in", partner.ids)]), pair
            )
            self.assertEqual(
                Pair.search(ours + [("member_partner_ids", "not in", partner.ids)]),
                (self.pair_1 | self.pair_2) - pair,
            )
        # a mentee who has left (archived) no longer reads the pair
        self.mentee_c.active = False
        self.assertFalse(
            Pair.search(
                ours + [("member_partner_ids", "in", self.mentee_c.partner_id.ids)]
            )
        )
        self.assertFalse(
            self.env["mentorship.pair"].with_user(self.teacher_c).search([])
        )
        self.assertEqual(
            self.env["mentorship.pair"].with_user(self.teacher_a).search([]),
            self.pair_1,
        )

    def test_participant_logs_meetings_but_does_not_edit_pairs(self):
        meeting = (
            self.env["mentorship.meeting"]
            .with_user(self.teacher_a)
            .create(
                {
                    "pair_id": self.pair_1.id,
                    "meeting_type": "intro",
                    "agenda": "Знакомство",
                    "mentor_confirmed": True,
                }
            )
        )
        self.assertEqual(
            meeting.pair_id.stage_id, self.stage_intro, "the meeting moves the pair"
        )
        with self.assertRaises(AccessError):
            self.pair_1.with_user(self.teacher_a).write(
                {"stage_id": self.stage_done.id}
            )
        with self.assertRaises(AccessError):
            self.env["mentorship.meeting"].with_user(self.teacher_a).create(
                {
                    "pair_id": self.pair_2.id,
                    "meeting_type": "work",
                }
            )
        # the mentor writes the plan of their own pair, not of another
        line = (
            self.env["mentorship.plan.line"]
            .with_user(self.teacher_a)
            .create(
                {
                    "pair_id": self.pair_1.id,
                    "goal": "Подготовить открытый урок",
                }
            )
        )
        self.assertEqual(line.pair_id, self.pair_1)
        with self.assertRaises(AccessError):
            self.env["mentorship.plan.line"].with_user(self.teacher_a).create(
                {
                    "pair_id": self.pair_2.id,
                    "goal": "Подготовить открытый урок",
                }
            )

    def test_mentee_writes_only_own_feedback(self):
        meeting = self._log_meeting(self.pair_1, "intro")
        Feedback = self.env["mentorship.meeting.feedback"]
        feedback = Feedback.with_user(self.teacher_c).create(
            {
                "meeting_id": meeting.id,
                "mentee_id": self.mentee_c.id,
                "rating": "5",
            }
        )
        self.assertEqual(meeting.average_rating, 5.0)
        # the mentor reads it but cannot change the mentee's word
        self.assertEqual(feedback.with_user(self.teacher_a).rating, "5")
        with self.assertRaises(AccessError):
            feedback.with_user(self.teacher_a).write({"rating": "1"})
        other = Feedback.with_user(self.teacher_d).create(
            {
                "meeting_id": self.meeting_2.id,
                "mentee_id": self.mentee_d.id,
                "rating": "3",
            }
        )
        with self.assertRaises(AccessError):
            other.with_user(self.teacher_c).write({"rating": "1"})
        self.assertEqual(other.rating, "3")

    def test_curator_is_bound_to_the_school(self):
        Pair = self.env["mentorship.pair"]
        ours = [("programme_id", "in", (self.programme | self.programme_2).ids)]
        self.assertEqual(
            Pair.with_user(self.curator).search(ours), self.pair_1 | self.pair_2
        )
        self.assertEqual(
            Pair.with_user(self.curator_2).search(ours), self.pair_school_2
        )
        with self.assertRaises(AccessError):
            self.pair_1.with_user(self.curator_2).read(["name"])
        with self.assertRaises(AccessError):
            self.mentor_a.with_user(self.curator_2).read(["capacity"])
        with self.assertRaises(AccessError):
            self.programme.with_user(self.curator_2).read(["name"])
        # the curator runs the pipeline of the school
        self.pair_1.with_user(self.curator).write({"stage_id": self.stage_intro.id})
        self.assertEqual(self.pair_1.stage_id, self.stage_intro)

    def test_coordinator_reads_every_school_and_writes_none(self):
        ours = [("programme_id", "in", (self.programme | self.programme_2).ids)]
        coordinator_pairs = (
            self.env["mentorship.pair"].with_user(self.coordinator).search(ours)
        )
        self.assertEqual(
            coordinator_pairs, self.pair_1 | self.pair_2 | self.pair_school_2
        )
        self.assertEqual(
            self.env["mentorship.meeting"]
            .with_user(self.coordinator)
            .search_count(ours),
            1,
        )
        programmes = (
            self.env["mentorship.programme"].with_user(self.coordinator).search([])
        )
        self.assertIn(self.programme_2, programmes)
        self.assertIn(self.programme, programmes)
        with self.assertRaises(AccessError):
            self.pair_school_2.with_user(self.coordinator).write(
                {"note": "<p>Проверено</p>"}
            )
        with self.assertRaises(AccessError):
            self.mentee_c.with_user(self.coordinator).write({"birth_date": False})
        with self.assertRaises(AccessError):
            self.env["mentorship.meeting"].with_user(self.coordinator).create(
                {
                    "pair_id": self.pair_1.id,
                    "meeting_type": "intro",
                }
            )

    def test_only_the_manager_approves_a_programme(self):
        draft = (
            self.env["mentorship.programme"]
            .with_user(self.curator)
            .create(
                {
                    "name": "Новая программа",
                    "date_start": self.today,
                    "date_end": self.today,
                }
            )
        )
        with self.assertRefused(UserError, "Only the mentorship manager"):
            draft.action_approve()
        draft.with_user(self.manager).action_approve()
        self.assertEqual(draft.state, "approved")

    def test_participant_cannot_configure(self):
        with self.assertRaises(AccessError):
            self.stage_work.with_user(self.curator).write({"name": "Работа"})
        with self.assertRaises(AccessError):
            self.form_teachers.with_user(self.teacher_a).write({"name": "x"})
        self.stage_work.with_user(self.manager).write({"fold": True})
        self.assertTrue(self.stage_work.fold)

    def test_curator_cannot_approve_by_writing_the_state(self):
        with self.assertRefused(UserError, "Only the mentorship manager"):
            self.programme.with_user(self.curator).write({"state": "closed"})
        self.assertEqual(self.programme.state, "running")

    def _kanban_spec(self):
        """The fields the web client reads for the cards of the pair kanban, built from
        the view as the client builds it (getFieldsSpec), with the activity widget's."""
        Pair = self.env["mentorship.pair"]
        view = self.env.ref("odoo_mentorship.mentorship_pair_view_kanban")
        arch = etree.fromstring(
            Pair.get_views([(view.id, "kanban")])["views"]["kanban"]["arch"]
        )
        spec = {}
        for node in arch.iter("field"):
            field = Pair._fields[node.get("name")]
            if field.type == "many2one":
                invisible = node.get("invisible") in ("1", "True")
                spec[field.name] = {"fields": {} if invisible else {"display_name": {}}}
            elif node.get("widget") == "many2many_tags":
                spec[field.name] = {"fields": {"display_name": {}}}
            else:
                spec.setdefault(field.name, {})
        self.assertEqual(spec["activity_ids"], {}, "the cards show the activity widget")
        for name in KANBAN_ACTIVITY_FIELDS:
            spec[name] = {}
        spec["activity_type_id"] = {"fields": {}}
        return spec

    def test_pair_kanban_query_count_does_not_grow(self):
        """The kanban reads a column of cards in the same number of
        queries, however many pairs, mentees and to-dos it shows, and
        without reading everyone's consent."""
        spec = self._kanban_spec()
        Pair = self.env["mentorship.pair"].with_user(self.curator)
        ours = [("programme_id", "=", self.programme.id)]

        def make_pairs(names, mentees_per_pair):
            for partner_name in names:
                mentor = self._make_mentor(
                    self.env["res.partner"].create({"name": partner_name}), capacity=3
                )
                mentees = self.env["mentorship.mentee"]
                for i in range(mentees_per_pair):
                    mentees |= self._make_mentee(
                        self.env["res.partner"].create({"name": f"{partner_name} {i}"})
                    )
                # at work: the curator gets a to-do for the missing entry diagnostics
                self._make_pair(mentor, mentees).stage_id = self.stage_work

        def count_queries():
            Pair.web_search_read(
                ours, spec, limit=80
            )  # warm the registry caches (rules, access)
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            result = Pair.web_search_read(ours, spec, limit=80)
            return self.cr.sql_log_count - before, result

        def count_activities(result):
            return sum(len(record["activity_ids"]) for record in result["records"])

        make_pairs(["Зоя Первая"], 2)
        few, result = count_queries()
        self.assertEqual(result["length"], 3)
        few_activities = count_activities(result)
        self.assertTrue(few_activities)
        make_pairs(["Дмитрий Третий", "Евгения Четвёртая", "Жанна Пятая"], 3)
        many, result = count_queries()
        self.assertEqual(result["length"], 6)
        self.assertEqual(count_activities(result), few_activities + 3)
        self.assertEqual(few, many)
        # one query per table the cards and their record rules read (pairs, mentees,
        # mentors, contacts, activities, the user's schools for the contacts' rule...):
        # 17 with consent_ok computed on reading and the
        # activities read twice for access
        self.assertLessEqual(many, 16)


@tagged("post_install", "-at_install")
class TestPairConsentBadge(MentorshipCase):
    """The "No consent" badge of the pair cards (consent_ok, stored) follows the
    participants' consent as the curator records it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pair = cls._make_pair(cls.mentor_a, cls.mentee_c)
        cls.parent = cls.env["res.partner"].create({"name": "Молодая Ирина Павловна"})

    def _badge_shown(self):
        """As the curator sees the card: the badge shows when consent_ok is false."""
        self.env.invalidate_all()
        [card] = (
            self.env["mentorship.pair"]
            .with_user(self.curator)
            .web_search_read(
                [("id", "=", self.pair.id)], {"consent_ok": {}, "state": {}}
            )["records"]
        )
        self.assertEqual(card["state"], "forming")
        return not card["consent_ok"]

    def test_badge_follows_the_consent(self):
        mentee = self.mentee_c.with_user(self.curator)
        self.assertFalse(self._badge_shown())
        # (a withdrawal dissolves the pair: see TestConsentWithdrawal)
        mentee.consent_date = False
        self.assertTrue(self._badge_shown())
        mentee.consent_date = self.today
        self.assertFalse(self._badge_shown())
        self.mentor_a.with_user(self.curator).consent_given_by_id = False
        self.assertTrue(self._badge_shown())

    def test_badge_of_a_minor(self):
        mentee = self.mentee_c.with_user(self.curator)
        # a minor's own signature is not enough: the legal representative consents
        mentee.birth_date = self.today - timedelta(days=365 * 12)
        self.assertTrue(self._badge_shown())
        mentee.legal_representative_id = self.parent
        self.assertTrue(self._badge_shown())
        mentee.consent_given_by_id = self.parent
        self.assertFalse(self._badge_shown())
        mentee.legal_representative_id = False
        self.assertTrue(self._badge_shown())

    def test_badge_follows_the_members(self):
        newcomer = self._make_mentee(
            self.env["res.partner"].create({"name": "Новенький Без Согласия"}),
            consent_date=False,
        )
        pair = self.pair.with_user(self.curator)
        pair.mentee_ids = newcomer
        self.assertTrue(self._badge_shown())
        pair.mentee_ids = self.mentee_c
        self.assertFalse(self._badge_shown())

    def test_badge_goes_when_a_minor_comes_of_age(self):
        """No field changes on the 18th birthday: the daily consent job catches up."""
        self.mentee_c.birth_date = (
            self.today - relativedelta(years=18) + timedelta(days=1)
        )
        self.assertTrue(self.mentee_c.is_minor)
        self.assertTrue(self._badge_shown())
        with freeze_time(self.today + timedelta(days=2)):
            self.env.invalidate_all()
            self.env.ref("odoo_mentorship.ir_cron_pair_consent").method_direct_trigger()
            self.assertFalse(self._badge_shown())
