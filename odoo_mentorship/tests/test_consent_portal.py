"""Electronic consent on the portal (issue #13): the legal representative of a minor,
or the adult person, gives and withdraws the consent on /my/mentorship; a curator
invites them by e-mail from the form or the list. As the restricted users: HTTP
requests as the portal users, the invitation as the curator."""

import shutil
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import http
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common import MentorshipCase
from .test_tours import BROWSERS


@tagged("post_install", "-at_install")
class TestConsentPortal(MentorshipCase, HttpCase):
    """A pupil (a minor) represented by a parent with a portal account, without a
    consent yet, paired with an adult senior pupil; another pupil of another parent,
    consented on paper, in another pair."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # these tests count the invitations a curator sends, not the e-mail that asks
        # for the missing consent when the pair is formed (tests/test_notifications.py)
        cls.school_1.mentorship_notify_consent_missing = False
        Partner = cls.env["res.partner"]
        cls.parent = new_test_user(
            cls.env,
            "parent_ivanova",
            groups="base.group_portal",
            name="Мария Иванова",
            email="ivanova@parents.example",
        )
        cls.other_parent = new_test_user(
            cls.env,
            "parent_sidorov",
            groups="base.group_portal",
            name="Сергей Сидоров",
            email="sidorov@parents.example",
        )
        cls.child_user = new_test_user(
            cls.env,
            "pupil_petya",
            groups="base.group_portal",
            name="Петя Иванов",
            email="petya@school.example",
        )
        twelve = cls.today - relativedelta(years=12)
        cls.child = cls._make_mentee(
            cls.child_user.partner_id,
            kind=cls.kind_pupil,
            birth_date=twelve,
            legal_representative_id=cls.parent.partner_id.id,
            consent_date=False,
            consent_given_by_id=False,
        )
        cls.co_mentee = cls._make_mentee(
            Partner.create({"name": "Коля Соседов"}), kind=cls.kind_pupil
        )
        cls.senior = cls._make_mentor(
            Partner.create({"name": "Tour Senior Pupil"}),
            kind=cls.kind_pupil,
            capacity=2,
        )
        cls.pair = cls._make_pair(
            cls.senior, cls.child | cls.co_mentee, form=cls.form_pupils
        )

        cls.other_child = cls._make_mentee(
            Partner.create({"name": "Маша Сидорова"}),
            kind=cls.kind_pupil,
            birth_date=twelve,
            legal_representative_id=cls.other_parent.partner_id.id,
            consent_given_by_id=cls.other_parent.partner_id.id,
        )
        cls.other_senior = cls._make_mentor(
            Partner.create({"name": "Ирина Чужая"}), kind=cls.kind_pupil
        )
        cls.other_pair = cls._make_pair(
            cls.other_senior, cls.other_child, form=cls.form_pupils
        )
        cls.text = cls.env["mentorship.consent.text"].create(
            {
                "name": "Согласие родителя",
                "company_id": cls.school_1.id,
                "body": "<p>Tour consent text: участие в программе наставничества.</p>",
            }
        )
        cls.env["mentorship.plan.line"].create(
            {"pair_id": cls.pair.id, "goal": "Read a book a month"}
        )

    def _login(self, user):
        self.authenticate(user.login, user.login)

    def _post(self, url, data=None, csrf=True):
        data = dict(data or {})
        if csrf:
            data["csrf_token"] = http.Request.csrf_token(self)
        return self.url_open(url, data=data, allow_redirects=False)

    def _url(self, person, suffix=""):
        return (
            f"/my/mentorship/people/{person._name.split('.')[-1]}/{person.id}{suffix}"
        )

    def _give(self, person, **data):
        return self._post(
            self._url(person, "/consent"),
            {"text_id": self.text.id, "agree": "1", **data},
        )

    # ------------------------------------------------------------
    # giving the consent
    # ------------------------------------------------------------

    def test_tour_representative_gives_consent(self):
        if not any(shutil.which(name) for name in BROWSERS):
            self.skipTest(
                "No Chromium or Chrome found: install it (apt-get install chromium) to "
                "run the tours."
            )
        self.assertFalse(self.pair.consent_ok)
        with self.assertRaisesRegex(ValidationError, "without valid consents"):
            self.pair.with_user(self.curator).stage_id = self.stage_intro
        self.start_tour(
            "/my", "odoo_mentorship_consent_tour", login=self.parent.login, timeout=180
        )
        consent = self.child.consent_id
        self.assertRecordValues(
            consent,
            [
                {
                    "method": "electronic",
                    "given_by_id": self.parent.partner_id.id,
                    "signed_by_user_id": self.parent.id,
                    "text_id": self.text.id,
                    "date": self.today,
                    "state": "given",
                }
            ],
        )
        self.assertTrue(consent.signed_at)
        self.assertTrue(consent.ip_address)
        self.assertTrue(self.child.has_valid_consent)
        self.assertTrue(self.pair.consent_ok)
        # the pair can now leave forming
        self.pair.with_user(self.curator).stage_id = self.stage_intro
        self.assertEqual(self.pair.stage_id, self.stage_intro)
        messages = "".join(self.child.message_ids.mapped("body"))
        self.assertIn("Consent given on the portal.", messages)
        # the mentor reads this chatter: it does not say who the representative is
        self.assertNotIn(self.parent.name, messages)
        self.assertNotIn(self.parent.partner_id, self.child.message_ids.author_id)

    def test_adult_gives_own_consent(self):
        adult_user = new_test_user(
            self.env, "graduate", groups="base.group_portal", name="Выпускник Взрослый"
        )
        adult = self._make_mentor(
            adult_user.partner_id,
            kind=self.kind_pupil,
            consent_date=False,
            consent_given_by_id=False,
        )
        self._login(adult_user)
        page = self.url_open("/my/mentorship")
        self.assertIn(self._url(adult, "/consent"), page.text)
        self.assertIn(
            "Tour consent text", self.url_open(self._url(adult, "/consent")).text
        )
        response = self._give(adult)
        self.assertEqual(response.status_code, 303)
        self.assertRecordValues(
            adult.consent_id,
            [
                {
                    "method": "electronic",
                    "given_by_id": adult_user.partner_id.id,
                    "signed_by_user_id": adult_user.id,
                }
            ],
        )
        self.assertTrue(adult.has_valid_consent)
        # given once: the page no longer offers it, a second post records nothing
        self._give(adult)
        self.assertEqual(len(adult.consent_ids), 1)

    def test_scan_required_keeps_consent_pending(self):
        self.school_1.mentorship_consent_scan_required = True
        self._login(self.parent)
        response = self._give(self.child)
        self.assertEqual(response.status_code, 303)
        self.assertIn("consent_given_paper", response.headers["Location"])
        self.assertEqual(self.child.consent_id.method, "electronic")
        self.assertFalse(self.child.has_valid_consent)
        page = self.url_open(self._url(self.child))
        self.assertIn('data-state="awaiting_paper"', page.text)

    # ------------------------------------------------------------
    # who may consent
    # ------------------------------------------------------------

    @mute_logger("odoo.http")
    def test_wrong_person_cannot_consent(self):
        # the minor themself: a clear refusal
        self._login(self.child_user)
        self.assertNotIn(self._url(self.child), self.url_open("/my/mentorship").text)
        response = self._give(self.child)
        self.assertEqual(response.status_code, 403)
        self.assertIn(
            "only the legal representative recorded by the school", response.text
        )
        # another parent: nothing of the child
        self._login(self.other_parent)
        for url in (
            self._url(self.child),
            self._url(self.child, "/consent"),
            self._url(self.child, "/withdraw"),
        ):
            response = self.url_open(url)
            self.assertEqual(response.status_code, 404, url)
            self.assertNotIn("Петя", response.text)
        self.assertEqual(self._give(self.child).status_code, 404)
        # an adult's consent is theirs: not their former representative's
        self.other_child.birth_date = self.today - relativedelta(years=19)
        response = self._post(self._url(self.other_child, "/withdraw"))
        self.assertEqual(response.status_code, 403)
        self.assertIn(
            "Only Маша Сидорова gives or withdraws their own consent.", response.text
        )
        self.assertFalse(self.other_child.consent_id.withdrawn_date)
        # the model refuses the same, whoever calls it
        with self.assertRaisesRegex(UserError, "only the legal representative"):
            self.child._give_electronic_consent(
                self.other_parent, self.text, "127.0.0.1"
            )
        self.assertFalse(self.child.consent_ids)

    @mute_logger("odoo.http")
    def test_consent_form_is_validated(self):
        self._login(self.parent)
        response = self._give(self.child, agree="")
        self.assertEqual(response.status_code, 400)
        self.assertIn("Tick the box", response.text)
        # the text changed since the page was opened: the new version is shown
        newer = self.env["mentorship.consent.text"].create(
            {
                "name": "Согласие, новая редакция",
                "company_id": self.school_1.id,
                "body": "<p>Новая редакция</p>",
            }
        )
        response = self._give(self.child)
        self.assertEqual(response.status_code, 400)
        self.assertIn("has changed since the page was opened", response.text)
        self.assertIn("Новая редакция", response.text)
        self.assertIn(f'name="text_id" value="{newer.id}"', response.text)
        response = self._post(
            self._url(self.child, "/consent"),
            {"text_id": newer.id, "agree": "1"},
            csrf=False,
        )
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self.child.consent_ids)
        self.assertEqual(self._give(self.child, text_id=newer.id).status_code, 303)
        self.assertEqual(self.child.consent_id.text_id, newer)

    # ------------------------------------------------------------
    # what a parent reads
    # ------------------------------------------------------------

    @mute_logger("odoo.http")
    def test_representative_reads_own_child_only(self):
        self.child.write(
            {
                "consent_date": self.today,
                "consent_given_by_id": self.parent.partner_id.id,
            }
        )
        meeting = self._log_meeting(
            self.pair, "intro", days_ago=2, agenda="Повестка про Колю"
        )
        self.env["mentorship.meeting.feedback"].create(
            {
                "meeting_id": meeting.id,
                "mentee_id": self.co_mentee.id,
                "rating": "2",
                "comment": "Секретный отзыв",
            }
        )
        self._log_meeting(self.other_pair, "intro", days_ago=2, agenda="Чужая повестка")
        self._login(self.parent)
        counters = self.make_jsonrpc_request(
            "/my/counters",
            {
                "counters": [
                    "mentorship_consent_count",
                    "mentorship_child_count",
                    "mentorship_pair_count",
                ]
            },
        )
        self.assertEqual(counters["mentorship_consent_count"], 0)
        self.assertEqual(counters["mentorship_child_count"], 1)
        self.assertEqual(counters["mentorship_pair_count"], 0)
        page = self.url_open("/my/mentorship")
        self.assertIn("Петя Иванов", page.text)
        self.assertIn("Tour Senior Pupil", page.text)
        page = self.url_open(self._url(self.child))
        self.assertEqual(page.status_code, 200)
        for shown in (
            "Tour Senior Pupil",
            "Read a book a month",
            self.pair.stage_id.name,
        ):
            self.assertIn(shown, page.text)
        # the child's pair, not the other children of it,
        # its feedback, agenda or chatter
        for hidden in ("Коля", "Секретный отзыв", "Повестка", "Маша", "Ирина", "Чужая"):
            self.assertNotIn(hidden, page.text)
        # no other child's page or pair, and no pair page
        # of their own (they take no part)
        for url in (
            self._url(self.other_child),
            f"/my/mentorship/people/mentor/{self.senior.id}",
            f"/my/mentorship/people/mentee/{self.co_mentee.id}",
            f"/my/mentorship/pairs/{self.other_pair.id}",
            f"/my/mentorship/pairs/{self.pair.id}",
            "/my/mentorship/people/partner/1",
        ):
            response = self.url_open(url)
            self.assertEqual(response.status_code, 404, url)
            self.assertNotIn("Маша", response.text)
            self.assertNotIn("Коля", response.text)
        # and no ORM access: the portal pages read the pairs
        # as superuser after their checks
        self.assertFalse(self.pair.with_user(self.parent).has_access("read"))
        self.assertFalse(self.child.with_user(self.parent).has_access("read"))

    def test_an_active_parent_is_also_a_mentor(self):
        """The representative of one pupil mentors another pupil (an active parent,
        seed 001 §5): the portal shows both, each as what the parent is to it."""
        self.child.write(
            {
                "consent_date": self.today,
                "consent_given_by_id": self.parent.partner_id.id,
            }
        )
        kind_parent = self.env.ref("odoo_mentorship.kind_parent")
        as_mentor = self._make_mentor(self.parent.partner_id, kind=kind_parent)
        mentored = self._make_mentee(
            self.env["res.partner"].create({"name": "Ваня Подопечный"}),
            kind=self.kind_pupil,
        )
        own_pair = self._make_pair(
            as_mentor,
            mentored,
            form=self.env.ref("odoo_mentorship.form_employer_pupil"),
        )
        self._login(self.parent)
        page = self.url_open("/my/mentorship")
        self.assertIn("Ваня Подопечный", page.text, "the pair the parent mentors")
        self.assertIn("Петя Иванов", page.text, "the child the parent represents")
        self.assertEqual(
            self.url_open(f"/my/mentorship/pairs/{own_pair.id}").status_code, 200
        )
        # the child's pair stays a parent's view (no pair
        # page, nothing of the co-mentee)
        self.assertEqual(
            self.url_open(f"/my/mentorship/pairs/{self.pair.id}").status_code, 404
        )
        self.assertNotIn("Коля", self.url_open(self._url(self.child)).text)
        # as a mentor, the parent gives their own consent (an adult)
        self.assertEqual(as_mentor._consent_giver(), self.parent.partner_id)

    # ------------------------------------------------------------
    # withdrawal
    # ------------------------------------------------------------

    def test_withdrawal_on_portal_dissolves_open_pairs(self):
        self.child.write(
            {
                "consent_date": self.today - timedelta(days=3),
                "consent_given_by_id": self.parent.partner_id.id,
            }
        )
        self.pair.with_user(self.curator).stage_id = self.stage_intro
        self.assertEqual(self.pair.state, "working")
        self._login(self.parent)
        page = self.url_open(self._url(self.child))
        self.assertIn(self._url(self.child, "/withdraw"), page.text)
        confirm = self.url_open(self._url(self.child, "/withdraw"))
        self.assertEqual(confirm.status_code, 200)
        self.assertIn("Tour Senior Pupil", confirm.text)
        self.assertIn("withdraw_consent", confirm.text)
        self.assertFalse(self.child.consent_id.withdrawn_date, "the page only asks")
        response = self._post(self._url(self.child, "/withdraw"))
        self.assertEqual(response.status_code, 303)
        self.assertIn("consent_withdrawn", response.headers["Location"])
        consent = self.child.consent_id
        self.assertRecordValues(
            consent,
            [
                {
                    "state": "withdrawn",
                    "withdrawn_date": self.today,
                    "withdrawn_method": "electronic",
                    "withdrawn_by_user_id": self.parent.id,
                }
            ],
        )
        # the group goes on for the other pupil, without this one
        self.assertEqual(self.pair.state, "working")
        self.assertEqual(self.pair.mentee_ids, self.co_mentee)
        self.assertTrue(self.child.anonymize_date)
        self.assertEqual(self.other_pair.state, "forming")
        # withdrawn: not offered again on the portal (the curator records a new consent)
        page = self.url_open(self._url(self.child))
        self.assertIn('data-state="withdrawn"', page.text)
        self.assertEqual(self._give(self.child).status_code, 303)
        self.assertEqual(len(self.child.consent_ids), 1)

    # ------------------------------------------------------------
    # invitations
    # ------------------------------------------------------------

    def _mails_to(self, partner):
        return self.env["mail.mail"].search([("recipient_ids", "in", partner.ids)])

    def test_invitation_from_the_form(self):
        self.parent.with_user(self.parent)._update_last_login()
        self.child.with_user(self.curator).action_invite_consent()
        mail = self._mails_to(self.parent.partner_id)
        self.assertEqual(len(mail), 1)
        # the parent has signed in before: the link of the page itself
        self.assertIn(
            f'href="{self.child.get_base_url()}/my/mentorship"', mail.body_html
        )
        self.assertIn("Петя Иванов", mail.body_html)
        self.assertIn("legal representative", mail.body_html)
        self.assertFalse(
            mail.model,
            "the mail is not in the pupil's chatter (it would name the representative)",
        )
        self.assertFalse(
            self._mails_to(self.child_user.partner_id), "the minor is not the recipient"
        )
        note = self.child.message_ids[0]
        self.assertIn("sent to the legal representative", note.body)
        self.assertNotIn("Иванова", note.body)
        # a person already consented is not invited again; a participant may not invite
        with self.assertRaisesRegex(UserError, "already given"):
            self.other_child.with_user(self.curator).action_invite_consent()
        with self.assertRaises(AccessError):
            self.mentee_c.with_user(self.teacher_a).action_invite_consent()

    def test_invitation_in_bulk_grants_the_representatives_account(self):
        Partner = self.env["res.partner"]
        grandmother = Partner.create(
            {"name": "Бабушка Опекун", "email": "babushka@parents.example"}
        )
        pupil = self._make_mentee(
            Partner.create({"name": "Вова Внук"}),
            kind=self.kind_pupil,
            birth_date=self.today - relativedelta(years=10),
            legal_representative_id=grandmother.id,
            consent_date=False,
            consent_given_by_id=False,
        )
        no_email = self._make_mentee(
            Partner.create({"name": "Без Почты"}),
            kind=self.kind_pupil,
            consent_date=False,
            consent_given_by_id=False,
        )
        mentor_partner = Partner.create(
            {"name": "Взрослый Наставник", "email": "mentor@school.example"}
        )
        mentor = self._make_mentor(
            mentor_partner,
            kind=self.kind_pupil,
            consent_date=False,
            consent_given_by_id=False,
        )
        # the minor's own portal account still needs the consent first
        with self.assertRaisesRegex(UserError, "minor"):
            pupil.with_user(self.curator).action_grant_portal_access()

        mentees = (self.child | pupil | no_email | self.mentee_c).with_user(
            self.curator
        )
        action = mentees.action_invite_consent()
        self.assertEqual(
            self._mails_to(self.parent.partner_id).mapped("subject"),
            [f"{self.school_1.name}: consent to the mentorship programme"],
        )
        # the guardian had no account: a portal account is granted, the link signs up
        user = grandmother.user_ids
        self.assertTrue(user._is_portal())
        mail = self._mails_to(grandmother)
        self.assertEqual(len(mail), 1)
        self.assertIn("/web/signup?", mail.body_html)
        self.assertIn("token=", mail.body_html)
        self.assertIn("redirect=%2Fmy%2Fmentorship", mail.body_html)
        self.assertIn("Вова Внук", mail.body_html)
        # no welcome e-mail of Odoo's wizard besides the invitation
        self.assertEqual(
            self.env["mail.mail"].search_count(
                [
                    "|",
                    ("email_to", "ilike", "babushka"),
                    ("recipient_ids", "in", grandmother.ids),
                ]
            ),
            1,
        )
        # those not invited are listed
        message = action["params"]["message"]
        self.assertEqual(
            message,
            "Invitations sent: 2. Already consented: 1. Not invited: Без Почты has no "
            "e-mail address.",
        )
        self.assertFalse(self._mails_to(self.mentee_c.partner_id))
        # the bulk button of the mentor list: the adult is the recipient
        mentor.with_user(self.curator).action_invite_consent()
        self.assertEqual(len(self._mails_to(mentor_partner)), 1)
        self.assertTrue(mentor_partner.user_ids._is_portal())

    def test_consent_to_publication_ticked_and_withdrawn_on_the_portal(self):
        """152-ФЗ art. 10.1: the parent ticks the consent to the publication of the name
        and photo with the consent, and withdraws it alone later; the other parent
        cannot withdraw it."""
        self._login(self.parent)
        response = self._give(self.child, publication="1")
        self.assertEqual(response.status_code, 303)
        consent = self.child.consent_id
        self.assertTrue(consent.publication_allowed)
        self.assertTrue(self.child._mentorship_may_publish())
        page = self.url_open(self._url(self.child)).text
        self.assertIn("o_mentorship_unpublish_form", page)
        self._login(self.other_parent)
        self.assertEqual(
            self._post(self._url(self.child, "/unpublish")).status_code, 404
        )
        self.assertTrue(consent.publication_allowed)
        self._login(self.parent)
        response = self._post(self._url(self.child, "/unpublish"))
        self.assertEqual(response.status_code, 303)
        self.assertIn("message=publication_withdrawn", response.headers["Location"])
        self.assertFalse(consent.publication_allowed)
        self.assertFalse(self.child._mentorship_may_publish())
        self.assertTrue(self.child.has_valid_consent, "the consent to take part stays")

    def test_consent_without_the_tick_does_not_allow_publication(self):
        self._login(self.parent)
        self._give(self.child)
        self.assertTrue(self.child.has_valid_consent)
        self.assertFalse(self.child.consent_id.publication_allowed)
        self.assertIn(
            "The name and photo are not published.",
            self.url_open(self._url(self.child)).text,
        )
