"""The bank of practices: the author's drafts, the curators' review and publication, the
district's recommendation, and the bank of effective programmes read across schools."""

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .common import MentorshipCase


@tagged("post_install", "-at_install")
class TestPractice(MentorshipCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pair = cls._make_pair(cls.mentor_a, cls.mentee_c)
        cls.tag = cls.env["mentorship.tag"].create({"name": "Открытый урок"})

    def _write_practice(self, user=None, **vals):
        """A practice written by its author (Анна, the
        mentor of the pair) as herself."""
        Practice = self.env["mentorship.practice"].with_user(user or self.teacher_a)
        return Practice.create(
            {
                "name": "Открытый урок молодого учителя",
                "form_id": self.form_teachers.id,
                "tag_ids": [Command.set(self.tag.ids)],
                "pair_id": self.pair.id,
                "description": (
                    "<p>Наставник и молодой учитель готовят открытый урок вместе.</p>"
                ),
                **vals,
            }
        )

    def _published(self, **vals):
        practice = self._write_practice(**vals)
        practice.with_user(self.curator).action_review()
        practice.with_user(self.curator).action_publish()
        return practice

    # ------------------------------------------------------------
    # THE AUTHOR
    # ------------------------------------------------------------

    def test_author_writes_own_draft(self):
        practice = self._write_practice()
        self.assertEqual(practice.state, "draft")
        self.assertEqual(
            practice.mentor_ids, self.mentor_a, "the mentor writing it is its author"
        )
        practice.name = "Открытый урок: от наблюдения к самоанализу"
        # the mentee of the pair reads it; another mentor of
        # the school does not, nor edits it
        self.assertEqual(
            practice.with_user(self.teacher_c).name,
            "Открытый урок: от наблюдения к самоанализу",
        )
        with self.assertRaises(AccessError):
            practice.with_user(self.teacher_b).read(["name"])
        with self.assertRaises(AccessError):
            practice.with_user(self.teacher_c).write({"name": "Мой урок"})

    def test_author_cannot_review_publish_or_edit_once_reviewed(self):
        practice = self._write_practice()
        with self.assertRefused(AccessError, "Only a curator"):
            practice.action_review()
        with self.assertRefused(AccessError, "Only a curator"):
            practice.write({"state": "published"})
        with self.assertRefused(UserError, "created as a draft"):
            self._write_practice(state="published")
        practice.with_user(self.curator).action_review()
        with self.assertRaises(AccessError):
            practice.write({"name": "Исправленный урок"})
        self.assertFalse(practice.can_edit)
        self.assertTrue(practice.with_user(self.curator).can_edit)

    def test_a_mentee_is_no_author(self):
        """Only a mentor writes a practice: a participant who is no
        mentor of the school is refused."""
        with self.assertRaises(AccessError):
            self._write_practice(user=self.teacher_c)

    # ------------------------------------------------------------
    # THE CURATORS
    # ------------------------------------------------------------

    def test_curator_reviews_and_publishes(self):
        practice = self._write_practice()
        # not yet published: the school's other participants do not read it
        with self.assertRaises(AccessError):
            practice.with_user(self.teacher_b).read(["name"])
        with self.assertRefused(UserError, "not in the right status"):
            practice.with_user(self.curator).action_publish()
        practice.with_user(self.curator).action_review()
        self.assertEqual(practice.state, "reviewed")
        practice.with_user(self.curator).write(
            {"name": "Открытый урок (редакция куратора)"}
        )
        practice.with_user(self.curator).action_publish()
        self.assertEqual(practice.state, "published")
        self.assertEqual(practice.date_published, self.today)
        # published, every participant of the school reads it (and does not edit it)
        self.assertEqual(
            practice.with_user(self.teacher_b).name, "Открытый урок (редакция куратора)"
        )
        with self.assertRaises(AccessError):
            practice.with_user(self.teacher_b).write({"name": "Чужой урок"})
        # another school's curator does not read it (not recommended)
        with self.assertRaises(AccessError):
            practice.with_user(self.curator_2).read(["name"])

    def test_status_is_tracked(self):
        practice = self._write_practice().with_context(tracking_disable=False)
        # written on one day, reviewed on another: Odoo tracks no change in
        # the transaction creating a record
        self.env.flush_all()
        self.env.cr.precommit.run()
        practice.with_user(self.curator).action_review()
        self.env.flush_all()
        self.env.cr.precommit.run()
        tracked = practice.sudo().message_ids.tracking_value_ids.filtered(
            lambda value: value.field_id.name == "state"
        )
        self.assertTrue(tracked, "the review is in the chatter")

    # ------------------------------------------------------------
    # THE DISTRICT
    # ------------------------------------------------------------

    def test_only_the_coordinator_recommends(self):
        practice = self._published()
        for user in (self.curator, self.manager, self.teacher_a):
            with self.assertRefused(AccessError, "Only the municipal coordinator"):
                practice.with_user(user).write({"district_recommended": True})
        practice.with_user(self.coordinator).action_recommend()
        self.assertTrue(practice.district_recommended)
        # the coordinator recommends; the school edits
        with self.assertRefused(AccessError, "only recommends"):
            practice.with_user(self.coordinator).write({"name": "Практика района"})
        with self.assertRaises(AccessError):
            practice.with_user(self.coordinator).action_reset_draft()
        practice.with_user(self.coordinator).action_withdraw_recommendation()
        self.assertFalse(practice.district_recommended)

    def test_coordinator_reads_published_practices_only(self):
        draft = self._write_practice()
        with self.assertRaises(AccessError):
            draft.with_user(self.coordinator).read(["name"])
        reviewed = self._write_practice(name="Проверенная практика")
        reviewed.with_user(self.curator).action_review()
        with self.assertRaises(AccessError):
            reviewed.with_user(self.coordinator).action_recommend()
        published = self._published()
        self.assertEqual(
            published.with_user(self.coordinator).name, "Открытый урок молодого учителя"
        )

    def test_back_to_draft_withdraws_the_recommendation(self):
        practice = self._published()
        practice.with_user(self.coordinator).action_recommend()
        practice.with_user(self.curator).action_reset_draft()
        self.assertEqual(practice.state, "draft")
        self.assertFalse(practice.district_recommended)
        with self.assertRefused(UserError, "Only a published practice"):
            practice.with_user(self.coordinator).write({"district_recommended": True})

    def test_bank_of_effective_programmes_across_schools(self):
        """Another school's curator reads school 1's recommended published practices,
        not its drafts nor its other published ones, and edits none of them."""
        recommended = self._published()
        recommended.with_user(self.coordinator).action_recommend()
        published = self._published(name="Взаимопосещение уроков")
        draft = self._write_practice(name="Черновик практики")
        other = self.curator_2
        bank = (
            self.env["mentorship.practice"]
            .with_user(other)
            .search([("state", "=", "published"), ("district_recommended", "=", True)])
        )
        self.assertIn(recommended, bank)
        self.assertEqual(
            recommended.with_user(other).name, "Открытый урок молодого учителя"
        )
        for practice in (published, draft):
            with self.assertRaises(AccessError):
                practice.with_user(other).read(["name"])
        with self.assertRaises(AccessError):
            recommended.with_user(other).write({"name": "Наша практика"})
        with self.assertRaises(AccessError):
            recommended.with_user(other).unlink()
        # the district's action lists it for school 2's curator
        action = self.env.ref("odoo_mentorship.mentorship_practice_action_district")
        domain = safe_eval(action.domain)
        self.assertIn(
            recommended, self.env["mentorship.practice"].with_user(other).search(domain)
        )

    # ------------------------------------------------------------
    # WHAT THE PUBLIC PAGE NAMES
    # ------------------------------------------------------------

    def test_public_authors_are_those_who_consent_shown_on_purpose(self):
        pupil_mentor = self._make_mentor(
            self.env["res.partner"].create({"name": "Орлова Анастасия"}),
            kind=self.kind_pupil,
        )
        practice = self._write_practice()
        practice.mentor_ids |= pupil_mentor
        self.mentor_a.consent_id.publication_allowed = True
        self.assertEqual(
            practice.public_author_names, "", "the school has not shown the authors"
        )
        practice.show_authors = True
        self.assertEqual(
            practice.public_author_names,
            "Анна Учитель",
            "a pupil mentor without the consent to the publication is not named",
        )
        # the consent to the publication withdrawn: nobody is named
        self.mentor_a.consent_id.publication_allowed = False
        practice.invalidate_recordset(["public_author_names"])
        self.assertEqual(practice.public_author_names, "")
