"""The consent as a record: its text versions, its history, the school's scan rule,
and what a withdrawal stops (152-ФЗ art. 9, 21)."""

from datetime import timedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from ..models.mentorship_pair import MEETING_NUDGE
from .common import MentorshipCase


@tagged("post_install", "-at_install")
class TestConsentRecord(MentorshipCase):
    def test_consent_given_with_the_record_is_a_paper_consent(self):
        consent = self.mentee_c.consent_id
        self.assertEqual(consent.method, "paper")
        self.assertEqual(consent.given_by_id, self.mentee_c.partner_id)
        self.assertEqual(consent.date, self.today - timedelta(days=30))
        self.assertEqual(consent.programme_id, self.programme)
        self.assertTrue(self.mentee_c.has_valid_consent)

    def test_curator_records_a_minor_consent_on_the_form(self):
        child = self.env["res.partner"].create({"name": "Петя Школьников"})
        parent = self.env["res.partner"].create({"name": "Школьникова Ольга Ивановна"})
        with Form(self.env["mentorship.mentee"].with_user(self.curator)) as form:
            form.partner_id = child
            form.programme_id = self.programme
            form.kind_id = self.kind_pupil
            form.birth_date = self.today - timedelta(days=365 * 11)
            form.legal_representative_id = parent
            form.consent_date = self.today
        mentee = form.record
        self.assertEqual(
            mentee.consent_ids.given_by_id,
            parent,
            "for a minor, the representative by default",
        )
        self.assertTrue(mentee.consent_ids.by_representative)
        self.assertTrue(mentee.has_valid_consent)

    def test_a_consent_given_again_keeps_the_history(self):
        mentee = self.mentee_c.with_user(self.curator)
        first = mentee.consent_id
        mentee.consent_withdrawn = True
        self.assertEqual(first.state, "withdrawn")
        self.assertFalse(mentee.has_valid_consent)
        # the person signs again: a new consent, the withdrawn one stays
        mentee.consent_date = self.today
        self.assertEqual(len(mentee.consent_ids), 2)
        self.assertNotEqual(mentee.consent_id, first)
        self.assertEqual(first.state, "withdrawn")
        self.assertTrue(mentee.has_valid_consent)

    def test_an_electronic_consent_is_kept_as_confirmed(self):
        consent = self.env["mentorship.consent"].create(
            {
                "mentee_id": self.mentee_c.id,
                "given_by_id": self.mentee_c.partner_id.id,
                "method": "electronic",
                "date": self.today,
            }
        )
        with self.assertRefused(UserError, "kept as it was confirmed"):
            consent.with_user(self.curator).date = self.today - timedelta(days=3)
        with self.assertRefused(UserError, "kept as it was confirmed"):
            consent.with_user(self.curator).given_by_id = self.teacher_a.partner_id
        # the scan is still uploaded by the curator
        consent.with_user(self.curator).write(
            {"document": b"JVBERi0xLjQ=", "document_name": "согласие.pdf"}
        )

    def test_a_valid_consent_moves_the_mentee_to_consent_received(self):
        stage_consent = self.env.ref("odoo_mentorship.mentee_stage_consent")
        newcomer = self._make_mentee(
            self.env["res.partner"].create({"name": "Новичок Без Согласия"}),
            consent_date=False,
            consent_given_by_id=False,
        )
        self.assertEqual(
            newcomer.stage_id, self.env.ref("odoo_mentorship.mentee_stage_request")
        )
        newcomer.with_user(self.curator).consent_date = self.today
        self.assertEqual(newcomer.stage_id, stage_consent)
        # a later stage is not moved back
        waiting = self.env.ref("odoo_mentorship.mentee_stage_waiting")
        newcomer.stage_id = waiting
        newcomer.with_user(self.curator).consent_withdrawn = True
        action = newcomer.with_user(self.curator).action_record_consent()
        with Form(
            self.env["mentorship.consent"]
            .with_user(self.curator)
            .with_context(**action["context"])
        ) as form:
            form.date = self.today
        self.assertTrue(newcomer.has_valid_consent)
        self.assertEqual(newcomer.stage_id, waiting)

    def test_nobody_deletes_a_consent(self):
        consent = self.mentee_c.consent_id
        for user in (self.curator, self.manager):
            with self.assertRaises(AccessError):
                consent.with_user(user).unlink()
        self.assertTrue(consent.exists())

    def test_consents_are_the_curators_of_the_school(self):
        consent = self.mentee_c.consent_id
        consent.with_user(self.curator).read(["given_by_id", "date"])
        for user in (self.teacher_a, self.teacher_c, self.curator_2, self.coordinator):
            with self.assertRaises(AccessError, msg=user.name):
                consent.with_user(user).read(["given_by_id"])

    def test_scan_required_for_an_electronic_consent(self):
        mentee = self.mentee_c
        self.env["mentorship.consent"].create(
            {
                "mentee_id": mentee.id,
                "given_by_id": mentee.partner_id.id,
                "method": "electronic",
                "date": self.today,
            }
        )
        self.assertTrue(
            mentee.has_valid_consent, "an electronic consent suffices by default"
        )
        self.school_1.mentorship_consent_scan_required = True
        self.assertFalse(mentee.has_valid_consent)
        self.assertIn("upload its scan", mentee._get_consent_problem())
        mentee.with_user(self.curator).consent_document_name = "согласие.pdf"
        mentee.with_user(self.curator).consent_document = b"JVBERi0xLjQ="
        self.assertTrue(mentee.has_valid_consent)


@tagged("post_install", "-at_install")
class TestConsentText(MentorshipCase):
    def test_versions_and_frozen_wording(self):
        Text = self.env["mentorship.consent.text"].with_user(self.manager)
        first = Text.create(
            {
                "name": "Согласие",
                "company_id": self.school_1.id,
                "body": "<p>Цели: участие</p>",
            }
        )
        self.assertEqual(Text._get_current(self.school_1), first)
        consent = self.env["mentorship.consent"].create(
            {
                "mentee_id": self.mentee_c.id,
                "given_by_id": self.mentee_c.partner_id.id,
                "date": self.today,
            }
        )
        self.assertEqual(
            consent.text_id, first, "a new consent refers to the wording in force"
        )
        with self.assertRefused(UserError, "cannot change"):
            first.body = "<p>Другие цели</p>"
        second = first.copy({"body": "<p>Цели: участие и мониторинг</p>"})
        self.assertEqual(second.version, first.version + 1)
        self.assertEqual(Text._get_current(self.school_1), second)
        self.assertEqual(
            consent.text_id, first, "the consent keeps the version agreed to"
        )
        with self.assertRefused(UserError, "archive it"):
            first.unlink()
        for vals in (
            {"name": "Другое согласие"},
            {"date": self.today - timedelta(days=1)},
        ):
            with self.assertRefused(UserError, "cannot change"):
                first.write(vals)
        with self.assertRefused(UserError, "numbered by the system"):
            second.version = 7

    def test_curator_of_another_school_does_not_see_the_text(self):
        text = self.env["mentorship.consent.text"].create(
            {"name": "Согласие", "company_id": self.school_1.id, "body": "<p>Текст</p>"}
        )
        with self.assertRaises(AccessError):
            text.with_user(self.curator_2).read(["body"])


@tagged("post_install", "-at_install")
class TestConsentWithdrawal(MentorshipCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pair = cls._make_pair(cls.mentor_a, cls.mentee_c)
        cls.pair.stage_id = cls.stage_intro
        cls.other_pair = cls._make_pair(cls.mentor_b, cls.mentee_d)
        cls.survey = cls.env["survey.survey"].create(
            {
                "title": "Входная диагностика",
                "survey_type": "mentorship",
                "mentorship_role": "entry",
            }
        )

    def _withdraw_as_curator(self, participant):
        action = participant.with_user(self.curator).action_withdraw_consent()
        wizard = Form(
            self.env[action["res_model"]]
            .with_user(self.curator)
            .with_context(**action["context"])
        )
        return wizard.save().action_withdraw()

    def test_the_wizard_says_what_follows(self):
        action = self.mentee_c.with_user(self.curator).action_withdraw_consent()
        wizard = Form(
            self.env[action["res_model"]]
            .with_user(self.curator)
            .with_context(**action["context"])
        )
        self.assertEqual(wizard.pair_names, self.pair.name)
        self.assertEqual(wizard.anonymize_date, self.today + timedelta(days=30))

    def test_withdrawal_stops_the_processing(self):
        self.pair._mentorship_schedule_nudge(
            MEETING_NUDGE, self.teacher_a, "Встреч давно не было", ""
        )
        pending = self.env["survey.user_input"].create(
            {
                "survey_id": self.survey.id,
                "partner_id": self.mentee_c.partner_id.id,
                "mentorship_mentee_id": self.mentee_c.id,
            }
        )
        answered = self.env["survey.user_input"].create(
            {
                "survey_id": self.survey.id,
                "partner_id": self.mentee_c.partner_id.id,
                "mentorship_mentee_id": self.mentee_c.id,
                "state": "done",
            }
        )
        self._withdraw_as_curator(self.mentee_c)

        self.assertEqual(self.pair.state, "dissolved")
        self.assertEqual(self.pair.dissolution_reason, "consent_withdrawn")
        self.assertFalse(
            self.pair.activity_ids.filtered(
                lambda a: a.activity_type_id == self.env.ref(MEETING_NUDGE)
            )
        )
        self.assertEqual(self.other_pair.state, "forming", "other people's pairs go on")
        self.assertFalse(pending.exists(), "a questionnaire not started is cancelled")
        self.assertTrue(answered.exists(), "answers given stay for the statistics")
        self.assertEqual(self.mentee_c.anonymize_date, self.today + timedelta(days=30))
        todo = self.mentee_c.activity_ids.filtered(lambda a: a.user_id == self.curator)
        self.assertEqual(todo.summary, "Consent withdrawn: stop the processing")
        self.assertIn(self.pair.name, todo.note)
        # no more nudges, questionnaires or suggestions
        self.env["mentorship.pair"]._cron_mentorship_nudges()
        self.assertFalse(
            self.pair.activity_ids.filtered(
                lambda a: a.activity_type_id == self.env.ref(MEETING_NUDGE)
            )
        )
        wizard = (
            self.env["mentorship.survey.send"]
            .with_user(self.curator)
            .create(
                {
                    "programme_id": self.programme.id,
                    "survey_id": self.survey.id,
                    "mentee_ids": [(6, 0, (self.mentee_c | self.mentee_d).ids)],
                }
            )
        )
        wizard.action_send()
        sent = self.env["survey.user_input"].search(
            [("survey_id", "=", self.survey.id), ("state", "=", "new")]
        )
        self.assertEqual(sent.mentorship_mentee_id, self.mentee_d)
        match = (
            self.env["mentorship.match.wizard"]
            .with_user(self.curator)
            .create({"programme_id": self.programme.id})
        )
        match.action_suggest()
        self.assertNotIn(self.mentee_c, match.line_ids.mentee_id)

    def test_a_group_goes_on_without_the_pupil_who_withdraws(self):
        newcomer = self._make_mentee(
            self.env["res.partner"].create({"name": "Ещё Один"})
        )
        self.pair.mentee_ids = [(4, newcomer.id)]
        self._withdraw_as_curator(self.mentee_c)
        self.assertEqual(self.pair.state, "working")
        self.assertEqual(self.pair.mentee_ids, newcomer)
        self.assertFalse(self.pair.dissolution_reason)
        todo = self.mentee_c.activity_ids.filtered(lambda a: a.user_id == self.curator)
        self.assertIn("Left the groups, which go on", todo.note)

    def test_curator_records_a_new_consent_after_a_withdrawal(self):
        mentee = self.mentee_c.with_user(self.curator)
        self._withdraw_as_curator(self.mentee_c)
        action = mentee.action_record_consent()
        with Form(
            self.env["mentorship.consent"]
            .with_user(self.curator)
            .with_context(**action["context"])
        ) as form:
            form.date = self.today
        self.assertEqual(form.record.given_by_id, self.mentee_c.partner_id)
        self.assertEqual(mentee.consent_id, form.record)
        self.assertTrue(mentee.has_valid_consent)
        self.assertFalse(mentee.anonymize_date)

    def test_curator_cancels_a_withdrawal_recorded_by_mistake(self):
        mentee = self.mentee_c.with_user(self.curator)
        self._withdraw_as_curator(self.mentee_c)
        mentee.action_cancel_withdrawal()
        self.assertTrue(mentee.has_valid_consent)
        self.assertFalse(mentee.anonymize_date)
        with self.assertRaises(AccessError):
            self.mentee_c.with_user(self.teacher_c).action_cancel_withdrawal()

    def test_mentor_withdrawal_dissolves_every_open_pair(self):
        second = self._make_pair(
            self.mentor_a,
            self._make_mentee(self.env["res.partner"].create({"name": "Ещё Один"})),
        )
        self._withdraw_as_curator(self.mentor_a)
        self.assertEqual(
            (self.pair | second).mapped("state"), ["dissolved", "dissolved"]
        )

    def test_finished_pairs_stay_finished(self):
        self.pair.sudo().stage_id = self.stage_done
        self._withdraw_as_curator(self.mentee_c)
        self.assertEqual(self.pair.state, "done")
        self.assertFalse(self.pair.dissolution_reason)

    def test_only_curators_record_a_withdrawal(self):
        with self.assertRaises(AccessError):
            self.mentee_c.consent_id.with_user(self.teacher_c).write(
                {"withdrawn_date": self.today}
            )
        self.assertFalse(self.mentee_c.consent_withdrawn)

    def test_consent_given_again_is_no_longer_anonymised(self):
        mentee = self.mentee_c.with_user(self.curator)
        mentee.consent_withdrawn = True
        self.assertTrue(mentee.anonymize_date)
        mentee.consent_date = self.today
        self.assertEqual(len(mentee.consent_ids), 2)
        self.assertFalse(mentee.anonymize_date)

    def test_cancelled_withdrawal_is_no_longer_anonymised(self):
        mentee = self.mentee_c.with_user(self.curator)
        mentee.consent_withdrawn = True
        self.assertTrue(mentee.anonymize_date)
        mentee.consent_withdrawn = False
        self.assertFalse(mentee.anonymize_date)
        self.assertTrue(mentee.has_valid_consent)
