from datetime import timedelta

from odoo import http
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .common import MentorshipCase


class MentorshipPortalCase(MentorshipCase, HttpCase):
    """Two pupil–pupil pairs whose four participants are portal users."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()

        def portal_user(login, name):
            return new_test_user(
                cls.env,
                login,
                groups="base.group_portal",
                name=name,
                password=f"{login}-pass-1234",
                email=f"{login}@school.example",
            )

        cls.portal_mentor = portal_user("pupil_mentor", "Олег Старшеклассник")
        cls.portal_mentee = portal_user("pupil_mentee", "Петя Ученик")
        cls.other_mentor = portal_user("pupil_mentor2", "Ирина Старшеклассница")
        cls.other_mentee = portal_user("pupil_mentee2", "Маша Ученица")
        kind = cls.kind_pupil
        cls.p_mentor = cls._make_mentor(cls.portal_mentor.partner_id, kind=kind)
        cls.p_mentee = cls._make_mentee(cls.portal_mentee.partner_id, kind=kind)
        cls.o_mentor = cls._make_mentor(cls.other_mentor.partner_id, kind=kind)
        cls.o_mentee = cls._make_mentee(cls.other_mentee.partner_id, kind=kind)
        cls.pair = cls._make_pair(cls.p_mentor, cls.p_mentee, form=cls.form_pupils)
        cls.other_pair = cls._make_pair(
            cls.o_mentor, cls.o_mentee, form=cls.form_pupils
        )

    def setUp(self):
        super().setUp()
        self.meeting = self._log_meeting(
            self.pair, "intro", days_ago=2, agenda="Знакомство"
        )
        self.other_meeting = self._log_meeting(
            self.other_pair, "intro", days_ago=2, agenda="Секретная повестка"
        )
        self.other_line = self.env["mentorship.plan.line"].create(
            {
                "pair_id": self.other_pair.id,
                "goal": "Чужая цель",
            }
        )

    def _login(self, user):
        self.authenticate(user.login, f"{user.login}-pass-1234")

    def _post(self, url, data=None, csrf=True):
        data = dict(data or {})
        if csrf:
            data["csrf_token"] = http.Request.csrf_token(self)
        return self.url_open(url, data=data, allow_redirects=False)


@tagged("post_install", "-at_install")
class TestPortal(MentorshipPortalCase):
    # ------------------------------------------------------------
    # pages and counters
    # ------------------------------------------------------------

    def test_home_and_list_show_own_pairs_only(self):
        self._login(self.portal_mentee)
        counters = self.make_jsonrpc_request(
            "/my/counters",
            {"counters": ["mentorship_pair_count", "mentorship_survey_count"]},
        )
        self.assertEqual(counters["mentorship_pair_count"], 1)
        self.assertEqual(counters["mentorship_survey_count"], 0)
        home = self.url_open("/my")
        self.assertEqual(home.status_code, 200)
        self.assertIn("/my/mentorship", home.text)
        page = self.url_open("/my/mentorship")
        self.assertEqual(page.status_code, 200)
        self.assertIn(f"/my/mentorship/pairs/{self.pair.id}", page.text)
        self.assertNotIn(f"/my/mentorship/pairs/{self.other_pair.id}", page.text)
        self.assertNotIn("Маша", page.text)

    def test_pair_page(self):
        self._login(self.portal_mentee)
        page = self.url_open(f"/my/mentorship/pairs/{self.pair.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Олег Старшеклассник", page.text)
        self.assertIn(self.stage_intro.name, page.text)
        self.assertIn(f"/my/mentorship/meetings/{self.meeting.id}", page.text)
        self.assertNotIn("log_meeting", page.text, "a mentee does not log meetings")
        meeting_page = self.url_open(f"/my/mentorship/meetings/{self.meeting.id}")
        self.assertEqual(meeting_page.status_code, 200)
        self.assertIn("Знакомство", meeting_page.text)
        self.assertIn("save_feedback", meeting_page.text)

    # ------------------------------------------------------------
    # isolation
    # ------------------------------------------------------------

    @mute_logger("odoo.http")
    def test_guessed_ids_return_404(self):
        self._login(self.portal_mentee)
        missing = self.other_pair.id + 1000
        for url in (
            f"/my/mentorship/pairs/{self.other_pair.id}",
            f"/my/mentorship/pairs/{missing}",
            f"/my/mentorship/meetings/{self.other_meeting.id}",
            f"/my/mentorship/meetings/{self.other_meeting.id + 1000}",
        ):
            response = self.url_open(url)
            self.assertEqual(response.status_code, 404, url)
            self.assertNotIn("Секретная повестка", response.text)
            self.assertNotIn("Маша", response.text)

    @mute_logger("odoo.http")
    def test_posts_on_foreign_records_are_refused(self):
        self._login(self.portal_mentee)
        response = self._post(
            f"/my/mentorship/meetings/{self.other_meeting.id}/feedback",
            {"rating": "1", "comment": "чужое"},
        )
        self.assertEqual(response.status_code, 404)
        response = self._post(f"/my/mentorship/meetings/{self.other_meeting.id}/attend")
        self.assertEqual(response.status_code, 404)
        self._login(self.portal_mentor)
        response = self._post(
            f"/my/mentorship/pairs/{self.other_pair.id}/meetings",
            {
                "meeting_type": "work",
                "date_start": "2024-01-01T10:00",
                "agenda": "взлом",
            },
        )
        self.assertEqual(response.status_code, 404)
        response = self._post(
            f"/my/mentorship/pairs/{self.other_pair.id}/plan", {"goal": "взлом"}
        )
        self.assertEqual(response.status_code, 404)
        # a line of another pair through the URL of one's own pair
        response = self._post(
            f"/my/mentorship/pairs/{self.pair.id}/plan/{self.other_line.id}",
            {"goal": "взлом", "status": "done"},
        )
        self.assertEqual(response.status_code, 404)
        self.assertFalse(self.other_meeting.feedback_ids)
        self.assertEqual(self.other_pair.meeting_count, 1)
        self.assertEqual(self.other_pair.plan_line_ids.goal, "Чужая цель")
        self.assertEqual(self.other_line.status, "todo")

    @mute_logger("odoo.http")
    def test_role_checks(self):
        self._login(self.portal_mentee)
        response = self._post(
            f"/my/mentorship/pairs/{self.pair.id}/meetings",
            {
                "meeting_type": "work",
                "date_start": "2024-01-01T10:00",
                "agenda": "не моя роль",
            },
        )
        self.assertEqual(response.status_code, 403)
        response = self._post(
            f"/my/mentorship/pairs/{self.pair.id}/plan", {"goal": "не моя роль"}
        )
        self.assertEqual(response.status_code, 403)
        self._login(self.portal_mentor)
        response = self._post(
            f"/my/mentorship/meetings/{self.meeting.id}/feedback", {"rating": "5"}
        )
        self.assertEqual(response.status_code, 403)
        self.assertEqual(self.pair.meeting_count, 1)
        self.assertFalse(self.meeting.feedback_ids)

    @mute_logger("odoo.http")
    def test_csrf_is_required(self):
        self._login(self.portal_mentee)
        response = self._post(
            f"/my/mentorship/meetings/{self.meeting.id}/feedback",
            {"rating": "5"},
            csrf=False,
        )
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self.meeting.feedback_ids)

    @mute_logger("odoo.http")
    def test_chatter_and_attachments_of_own_pairs_only(self):
        self.assertTrue(self.pair.with_user(self.portal_mentee).has_access("read"))
        self.assertFalse(
            self.other_pair.with_user(self.portal_mentee).has_access("read")
        )
        own = self.env["ir.attachment"].create(
            {
                "name": "plan.txt",
                "raw": b"own",
                "res_model": "mentorship.pair",
                "res_id": self.pair.id,
            }
        )
        foreign = self.env["ir.attachment"].create(
            {
                "name": "secret.txt",
                "raw": b"secret",
                "res_model": "mentorship.pair",
                "res_id": self.other_pair.id,
            }
        )
        self._login(self.portal_mentee)
        # attachments reach portal users with their access
        # token only (as in Odoo's portal)
        own.generate_access_token()
        response = self.url_open(
            f"/web/content/{own.id}?access_token={own.access_token}"
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, b"own")
        response = self.url_open(f"/web/content/{foreign.id}")
        self.assertIn(response.status_code, (403, 404))
        self.assertNotIn("secret", response.text)
        # the messages of one's own pair are readable, of another pair not
        self.pair.message_post(
            body="Встреча в четверг",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        self.other_pair.message_post(
            body="Секрет другой пары",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        own_messages = self.make_jsonrpc_request(
            "/mail/thread/messages",
            {"thread_model": "mentorship.pair", "thread_id": self.pair.id},
        )
        self.assertIn("Встреча в четверг", str(own_messages))
        other_messages = self.make_jsonrpc_request(
            "/mail/thread/messages",
            {"thread_model": "mentorship.pair", "thread_id": self.other_pair.id},
        )
        self.assertNotIn("Секрет другой пары", str(other_messages))
        # posting in the chatter of one's own pair works, of another pair does not
        self.make_jsonrpc_request(
            "/mail/message/post",
            {
                "thread_model": "mentorship.pair",
                "thread_id": self.pair.id,
                "post_data": {"body": "Привет от Пети", "message_type": "comment"},
            },
        )
        self.assertIn("Привет от Пети", "".join(self.pair.message_ids.mapped("body")))
        with self.assertRaisesRegex(JsonRpcException, "NotFound"):
            self.make_jsonrpc_request(
                "/mail/message/post",
                {
                    "thread_model": "mentorship.pair",
                    "thread_id": self.other_pair.id,
                    "post_data": {"body": "Чужой чат", "message_type": "comment"},
                },
            )
        self.assertNotIn(
            "Чужой чат", "".join(self.other_pair.message_ids.mapped("body"))
        )

    # ------------------------------------------------------------
    # mentee: attendance and feedback
    # ------------------------------------------------------------

    def test_mentee_gives_feedback(self):
        self.meeting.attendee_ids = False
        self._login(self.portal_mentee)
        response = self._post(f"/my/mentorship/meetings/{self.meeting.id}/attend")
        self.assertEqual(response.status_code, 303)
        self.assertEqual(self.meeting.attendee_ids, self.p_mentee)
        response = self._post(
            f"/my/mentorship/meetings/{self.meeting.id}/feedback",
            {"rating": "5", "comment": "Было интересно"},
        )
        self.assertEqual(response.status_code, 303)
        feedback = self.meeting.feedback_ids
        self.assertEqual(
            (feedback.mentee_id, feedback.rating, feedback.comment),
            (self.p_mentee, "5", "Было интересно"),
        )
        self.assertEqual(self.pair.average_rating, 5.0)
        # a second answer updates the same feedback
        self._post(
            f"/my/mentorship/meetings/{self.meeting.id}/feedback", {"rating": "4"}
        )
        self.assertEqual(self.meeting.feedback_ids.rating, "4")
        self.assertEqual(len(self.meeting.feedback_ids), 1)

    def test_feedback_is_validated(self):
        self._login(self.portal_mentee)
        response = self._post(
            f"/my/mentorship/meetings/{self.meeting.id}/feedback", {"rating": "9"}
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("Choose a rating from 1 to 5.", response.text)
        response = self._post(
            f"/my/mentorship/meetings/{self.meeting.id}/feedback",
            {"rating": "3", "not_good_fit": "1"},
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("after the trial meeting only", response.text)
        future = self._log_meeting(self.pair, "trial", days_ago=-3)
        response = self._post(
            f"/my/mentorship/meetings/{future.id}/feedback", {"rating": "3"}
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("has not taken place yet", response.text)
        self.assertFalse((self.meeting | future).feedback_ids)

    # ------------------------------------------------------------
    # mentor: meetings and the plan
    # ------------------------------------------------------------

    def test_mentor_logs_meeting(self):
        self._login(self.portal_mentor)
        day = self.today - timedelta(days=1)
        response = self._post(
            f"/my/mentorship/pairs/{self.pair.id}/meetings",
            {
                "meeting_type": "trial",
                "meeting_format": "online",
                "date_start": f"{day}T16:30",
                "agenda": "Пробная встреча",
                "outcome": "Договорились о плане",
            },
        )
        self.assertEqual(response.status_code, 303)
        meeting = self.pair.meeting_ids.filtered(lambda m: m.meeting_type == "trial")
        self.assertEqual(meeting.agenda, "Пробная встреча")
        self.assertEqual(meeting.meeting_format, "online")
        self.assertTrue(meeting.mentor_confirmed)
        self.assertEqual(meeting.attendee_ids, self.p_mentee)
        self.assertEqual(self.pair.stage_id, self.stage_trial)
        self.assertEqual(self.pair.meeting_count, 2)

    def test_meeting_is_validated(self):
        self._login(self.portal_mentor)
        response = self._post(
            f"/my/mentorship/pairs/{self.pair.id}/meetings",
            {
                "meeting_type": "party",
                "date_start": "yesterday",
                "agenda": "",
            },
        )
        self.assertEqual(response.status_code, 400)
        for message in (
            "Choose the type of the meeting.",
            "Enter the date and time of the meeting.",
            "Describe the agenda of the meeting.",
        ):
            self.assertIn(message, response.text)
        # the models' own constraints come back as messages too
        before = self.programme.date_start - timedelta(days=400)
        self.pair.date_start = self.today - timedelta(days=10)
        response = self._post(
            f"/my/mentorship/pairs/{self.pair.id}/meetings",
            {
                "meeting_type": "work",
                "date_start": f"{before}T10:00",
                "agenda": "Слишком рано",
            },
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("outside the period of the pair", response.text)
        self.assertEqual(self.pair.meeting_count, 1)

    def test_plan(self):
        self._login(self.portal_mentor)
        response = self._post(
            f"/my/mentorship/pairs/{self.pair.id}/plan",
            {
                "goal": "Подтянуть математику",
                "task": "Решить 20 задач",
                "deadline": str(self.today + timedelta(days=30)),
            },
        )
        self.assertEqual(response.status_code, 303)
        line = self.pair.plan_line_ids
        self.assertEqual((line.goal, line.status), ("Подтянуть математику", "todo"))
        response = self._post(
            f"/my/mentorship/pairs/{self.pair.id}/plan",
            {"goal": "", "deadline": "31.12"},
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("Enter the goal of the plan line.", response.text)
        self.assertIn("Enter the deadline as a date.", response.text)
        # the mentee updates the status and nothing else
        self._login(self.portal_mentee)
        response = self._post(
            f"/my/mentorship/pairs/{self.pair.id}/plan/{line.id}",
            {"status": "in_progress", "goal": "Ничего не делать"},
        )
        self.assertEqual(response.status_code, 303)
        self.assertEqual(
            (line.goal, line.status), ("Подтянуть математику", "in_progress")
        )
        response = self._post(
            f"/my/mentorship/pairs/{self.pair.id}/plan/{line.id}",
            {"status": "cancelled"},
        )
        self.assertEqual(response.status_code, 400)
        self.assertEqual(line.status, "in_progress")

    # ------------------------------------------------------------
    # questionnaires
    # ------------------------------------------------------------

    def test_pending_questionnaires(self):
        survey = self.env.ref("odoo_mentorship.survey_mentee_satisfaction")
        answer = self.env["survey.user_input"].create(
            {
                "survey_id": survey.id,
                "partner_id": self.portal_mentee.partner_id.id,
                "mentorship_mentee_id": self.p_mentee.id,
            }
        )
        self.env["survey.user_input"].create(
            {
                "survey_id": survey.id,
                "partner_id": self.other_mentee.partner_id.id,
                "mentorship_mentee_id": self.o_mentee.id,
            }
        )
        self._login(self.portal_mentee)
        counters = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["mentorship_survey_count"]}
        )
        self.assertEqual(counters["mentorship_survey_count"], 1)
        page = self.url_open("/my/mentorship")
        self.assertIn(answer.get_start_url(), page.text.replace("&amp;", "&"))
        answer.state = "done"
        page = self.url_open("/my/mentorship")
        self.assertNotIn(answer.access_token, page.text)


@tagged("post_install", "-at_install")
class TestPortalAccessGrant(MentorshipCase):
    """Granting the portal access from a base record, through Odoo's portal wizard."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.parent = cls.env["res.partner"].create({"name": "Мама Коли"})
        cls.kolya = cls.env["res.partner"].create(
            {"name": "Коля Маленький", "email": "kolya@school.example"}
        )
        cls.minor = cls._make_mentee(
            cls.kolya,
            kind=cls.kind_pupil,
            birth_date=cls.today.replace(year=cls.today.year - 12),
            consent_date=False,
            consent_given_by_id=False,
        )

    def test_minor_needs_the_representatives_consent(self):
        with self.assertRefused(UserError, "is a minor"):
            self.minor.with_user(self.curator).action_grant_portal_access()
        # the wizard opened from the contact refuses too
        wizard = self.env["portal.wizard"].create(
            {"partner_ids": [(6, 0, self.kolya.ids)]}
        )
        with self.assertRefused(UserError, "is a minor"):
            wizard.user_ids.action_grant_access()
        self.assertFalse(self.minor.user_id)

        self.minor.write(
            {
                "legal_representative_id": self.parent.id,
                "consent_date": self.today,
                "consent_given_by_id": self.parent.id,
            }
        )
        action = self.minor.with_user(self.curator).action_grant_portal_access()
        self.assertEqual(action["res_model"], "portal.wizard")
        wizard = (
            self.env["portal.wizard"].with_user(self.curator).browse(action["res_id"])
        )
        self.assertEqual(wizard.user_ids.partner_id, self.kolya)
        wizard.user_ids.action_grant_access()
        self.minor.invalidate_recordset(["user_id"])
        self.assertTrue(self.minor.user_id)
        self.assertTrue(self.minor.user_id._is_portal())

    def test_curator_of_another_school_cannot_grant(self):
        with self.assertRaises(AccessError):
            self.mentor_a.with_user(self.curator_2).action_grant_portal_access()
