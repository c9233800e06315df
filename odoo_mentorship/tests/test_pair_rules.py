from datetime import timedelta

from psycopg2 import IntegrityError

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import MentorshipCase


@tagged("post_install", "-at_install")
class TestPairRules(MentorshipCase):
    def test_mentor_cannot_be_own_mentee(self):
        self_mentee = self._make_mentee(self.teacher_a.partner_id)
        with self.assertRefused(ValidationError, "cannot be the mentor and a mentee"):
            self._make_pair(self.mentor_a, self_mentee)

    def test_kinds_must_fit_the_form(self):
        pupil = self.env["res.partner"].create({"name": "Ученик Петя"})
        pupil_mentee = self._make_mentee(pupil, kind=self.kind_pupil)
        with self.assertRefused(ValidationError, "a mentee cannot be"):
            self._make_pair(self.mentor_a, pupil_mentee, form=self.form_teachers)
        with self.assertRefused(ValidationError, "the mentor cannot be"):
            self._make_pair(self.mentor_a, pupil_mentee, form=self.form_pupils)
        self.assertFalse(
            self.env["mentorship.pair"].search([("mentee_ids", "in", pupil_mentee.ids)])
        )

    def test_variant_must_belong_to_the_form(self):
        pupil_variant = self.env.ref("odoo_mentorship.variant_pupil_pupil_peer_peer")
        with self.assertRefused(ValidationError, "does not belong to the form"):
            self._make_pair(self.mentor_a, self.mentee_c, variant_id=pupil_variant.id)

    def test_pair_starts_forming_and_names_itself(self):
        pair = self._make_pair(self.mentor_a, self.mentee_c | self.mentee_d)
        self.assertEqual(pair.stage_id, self.stage_forming)
        self.assertTrue(pair.is_group)
        self.assertEqual(pair.name, "Анна Учитель — Вера Молодая, Глеб Молодой")
        self.assertEqual(pair.curator_id, self.curator)

    def test_mentor_capacity(self):
        self._make_pair(self.mentor_b, self.mentee_c)
        with self.assertRefused(ValidationError, "can take 1 mentee"):
            self._make_pair(self.mentor_b, self.mentee_d)
        # a completed pair frees the place
        finished = self.mentor_b.pair_ids
        finished.stage_id = self.stage_done
        self.assertEqual(self.mentor_b.active_mentee_count, 0)
        self._make_pair(self.mentor_b, self.mentee_d)
        self.assertEqual(self.mentor_b.active_mentee_count, 1)
        with self.assertRefused(ValidationError, "not 2"):
            finished.stage_id = self.stage_work
        with self.assertRefused(ValidationError, "at least one mentee"):
            self.mentor_a.capacity = 0

    def test_mentee_in_one_pair_under_way(self):
        first = self._make_pair(self.mentor_b, self.mentee_c)
        with self.assertRefused(
            ValidationError,
            "Вера Молодая is already in a pair under way: Борис Учитель",
        ):
            self._make_pair(self.mentor_a, self.mentee_c)
        # nor added to a group, nor brought back into one
        group = self._make_pair(self.mentor_a, self.mentee_d)
        with self.assertRefused(
            ValidationError, "Вера Молодая is already in a pair under way"
        ):
            group.mentee_ids = [(4, self.mentee_c.id)]
        first.action_dissolve()
        group.mentee_ids = [(4, self.mentee_c.id)]
        with self.assertRefused(
            ValidationError, "Вера Молодая is already in a pair under way"
        ):
            first.stage_id = self.stage_forming
        # a completed or archived pair is not under way
        group.stage_id = self.stage_done
        again = self._make_pair(self.mentor_a, self.mentee_c)
        again.active = False
        self._make_pair(self.mentor_b, self.mentee_c)
        with self.assertRefused(ValidationError, "already in a pair under way"):
            again.active = True

    def test_consent_required_to_leave_forming(self):
        self.mentee_c.consent_date = False
        pair = self._make_pair(self.mentor_a, self.mentee_c)
        with self.assertRefused(
            ValidationError, "consent of Вера Молодая is not recorded"
        ):
            pair.stage_id = self.stage_intro
        self.assertFalse(pair.consent_ok)
        self.mentee_c.consent_date = self.today
        pair.stage_id = self.stage_intro
        self.assertEqual(pair.stage_id, self.stage_intro)

    def test_withdrawn_consent_blocks_the_pair(self):
        self.mentee_c.consent_withdrawn = True
        self.assertEqual(self.mentee_c.consent_withdrawn_date, self.today)
        pair = self._make_pair(self.mentor_a, self.mentee_c)
        with self.assertRefused(ValidationError, "withdrawn the consent"):
            pair.stage_id = self.stage_work

    def test_minor_needs_consent_of_legal_representative(self):
        pupil_mentor = self._make_mentor(
            self.env["res.partner"].create({"name": "Отличница Маша"}),
            kind=self.kind_pupil,
        )
        child = self.env["res.partner"].create({"name": "Коля Иванов"})
        parent = self.env["res.partner"].create({"name": "Иванова Мария Петровна"})
        minor = self._make_mentee(
            child,
            kind=self.kind_pupil,
            birth_date=self.today - timedelta(days=365 * 12 + 10),
        )
        self.assertTrue(minor.is_minor)
        self.assertEqual(minor.age, 12)
        pair = self._make_pair(pupil_mentor, minor, form=self.form_pupils)
        # the child's own signature is not enough
        with self.assertRefused(
            ValidationError, "legal representative must be recorded"
        ):
            pair.stage_id = self.stage_intro
        minor.legal_representative_id = parent
        with self.assertRefused(
            ValidationError, "must be given by the legal representative"
        ):
            pair.stage_id = self.stage_intro
        minor.consent_given_by_id = parent
        pair.stage_id = self.stage_intro
        self.assertTrue(pair.consent_ok)

    def test_consent_form_fills_who_gave_it(self):
        child = self.env["res.partner"].create({"name": "Оля Петрова"})
        parent = self.env["res.partner"].create({"name": "Петров Олег"})
        with Form(self.env["mentorship.mentee"]) as form:
            form.partner_id = child
            form.programme_id = self.programme
            form.kind_id = self.kind_pupil
            form.birth_date = self.today - timedelta(days=365 * 11)
            form.legal_representative_id = parent
            form.consent_date = self.today
        mentee = form.record
        self.assertEqual(mentee.consent_given_by_id, parent)
        self.assertTrue(mentee.has_valid_consent)

    def test_dates(self):
        with self.assertRefused(ValidationError, "cannot end before it starts"):
            self._make_pair(
                self.mentor_a,
                self.mentee_c,
                date_start=self.today,
                date_end=self.today - timedelta(days=1),
            )
        with self.assertRefused(ValidationError, "cannot end before it starts"):
            self.programme.date_end = self.programme.date_start - timedelta(days=1)
        with self.assertRefused(ValidationError, "birth date of .* is in the future"):
            self.mentee_c.birth_date = self.today + timedelta(days=1)

    def test_meeting_inside_pair_period(self):
        pair = self._make_pair(
            self.mentor_a, self.mentee_c, date_start=self.today - timedelta(days=10)
        )
        with self.assertRefused(ValidationError, "outside the period of the pair"):
            self._log_meeting(pair, "intro", days_ago=20)
        self.assertFalse(pair.meeting_ids)
        self.assertEqual(pair.stage_id, self.stage_forming)
        meeting = self._log_meeting(pair, "intro", days_ago=5)
        # the period cannot shrink around an existing meeting
        with self.assertRefused(ValidationError, "outside the period of the pair"):
            pair.date_start = self.today - timedelta(days=2)
        self.assertTrue(meeting.exists())

    def test_pair_with_meetings_is_archived_not_deleted(self):
        pair = self._make_pair(self.mentor_a, self.mentee_c)
        self._log_meeting(pair, "intro")
        with self.assertRefused(UserError, "archive it instead"):
            pair.unlink()
        pair.action_archive()
        self.assertFalse(pair.active)
        empty = self._make_pair(self.mentor_a, self.mentee_d)
        empty.unlink()
        self.assertFalse(empty.exists())

    def test_no_cross_company_references(self):
        other_mentee = self._make_mentee(
            self.teacher_c.partner_id, programme=self.programme_2
        )
        with self.assertRaises(UserError):
            self.env["mentorship.pair"].create(
                {
                    "programme_id": self.programme.id,
                    "mentor_id": self.mentor_a.id,
                    "mentee_ids": [(6, 0, other_mentee.ids)],
                    "form_id": self.form_teachers.id,
                }
            )

    def test_one_record_per_person_and_programme(self):
        with (
            self.assertRaises(IntegrityError),
            mute_logger("odoo.sql_db"),
            self.cr.savepoint(),
        ):
            self._make_mentee(self.teacher_c.partner_id)
            self.env.flush_all()
        # the same person may be in another school's programme
        self.assertTrue(
            self._make_mentee(self.teacher_c.partner_id, programme=self.programme_2)
        )

    def test_a_pair_formed_by_someone_else_goes_to_a_curator_not_the_director(self):
        """A pair formed by HR or a job: its curator (who gets its to-dos) is a curator
        of the programme other than the director, when there is one."""
        self.programme.curator_ids = self.manager | self.curator
        pair = self._make_pair(self.mentor_a, self.mentee_c)
        self.assertEqual(pair.curator_id, self.curator)
        self.programme.curator_ids = self.manager
        self.assertEqual(self.programme._get_lead_curator(), self.manager)

    def test_mentor_ne_mentee_through_the_form(self):
        with Form(self.env["mentorship.pair"]) as form:
            form.programme_id = self.programme
            form.mentor_id = self.mentor_a
            form.mentee_ids.add(self.mentee_c)
            form.form_id = self.form_teachers
            form.variant_id = self.env.ref(
                "odoo_mentorship.variant_teacher_teacher_experienced_young"
            )
        pair = form.record
        self.assertEqual(pair.mentor_id, self.mentor_a)
        self.assertEqual(pair.stage_id, self.stage_forming)

    def test_people_in_pairs_are_archived_not_deleted(self):
        self._make_pair(self.mentor_a, self.mentee_c)
        with self.assertRefused(UserError, "archive the record instead"):
            self.mentee_c.unlink()
        with self.assertRefused(UserError, "archive the record instead"):
            self.mentor_a.unlink()
        self.mentee_d.unlink()
        self.assertFalse(self.mentee_d.exists())
