from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import MentorshipCase


@tagged("post_install", "-at_install")
class TestDistrictMentorBase(MentorshipCase):
    """The district's mentor base (issue #15, item 12; seed 002, 2.2): the coordinator
    publishes a mentor of school 1, a curator of school 2 requests them, school 1
    accepts; school 2 gets its own record of the person and its own pairs with them,
    which school 1 does not see; the capacity is the person's, across both schools."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Base = cls.env["mentorship.district.mentor"]
        cls.Loan = cls.env["mentorship.mentor.loan"]
        cls.tag = cls.env["mentorship.tag"].create({"name": "Методика урока"})
        cls.mentor_a.write(
            {"competence_tag_ids": [(6, 0, cls.tag.ids)], "mentor_type": "consultant"}
        )
        cls.mentee_2 = cls._make_mentee(
            cls.env["res.partner"].create({"name": "Молодой Учитель Школы Два"}),
            cls.programme_2,
        )

    def _publish(self, mentor=None):
        (mentor or self.mentor_a).with_user(self.coordinator).action_district_publish()

    def _request(self, mentor=None, user=None, programme=None):
        return self.Loan.with_user(user or self.curator_2).create(
            {
                "mentor_id": (mentor or self.mentor_a).id,
                "programme_id": (programme or self.programme_2).id,
                "note": "Наставник для молодого учителя",
            }
        )

    def _lend(self, mentor=None):
        """Publish, request as school 2, accept as school 1:
        school 2's record of the mentor."""
        self._publish(mentor)
        loan = self._request(mentor)
        loan.with_user(self.curator).action_accept()
        return loan.sudo().loan_mentor_id

    # ------------------------------------------------------------
    # PUBLISHING
    # ------------------------------------------------------------

    def test_only_the_coordinator_publishes(self):
        mentor = self.mentor_a.with_user(self.curator)
        with self.assertRefused(
            AccessError, "Only the district's coordinator publishes"
        ):
            mentor.action_district_publish()
        with self.assertRefused(
            AccessError, "Only the district's coordinator publishes"
        ):
            mentor.write({"district_published": True})
        with self.assertRefused(
            AccessError, "Only the district's coordinator publishes"
        ):
            self.env["mentorship.mentor"].with_user(self.curator).create(
                {
                    "partner_id": self.teacher_d.partner_id.id,
                    "programme_id": self.programme.id,
                    "kind_id": self.kind_teacher.id,
                    "district_published": True,
                }
            )
        self.assertFalse(self.mentor_a.district_published)

        self.mentor_a.with_user(self.coordinator).with_context(
            tracking_disable=False
        ).action_district_publish()
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.assertTrue(self.mentor_a.district_published)
        # the chatter tells who published the mentor
        tracked = self.mentor_a.message_ids.tracking_value_ids.filtered(
            lambda value: value.field_id.name == "district_published"
        )
        self.assertTrue(tracked)
        self.assertEqual(tracked.mail_message_id.author_id, self.coordinator.partner_id)

        self.mentor_a.with_user(self.coordinator).action_district_unpublish()
        self.assertFalse(self.mentor_a.district_published)

    def test_a_minor_or_a_mentor_without_consent_is_not_published(self):
        pupil = self._make_mentor(
            self.env["res.partner"].create({"name": "Ученик Наставник"}),
            kind=self.kind_pupil,
            birth_date="2012-05-01",
            legal_representative_id=self.env["res.partner"]
            .create({"name": "Родитель"})
            .id,
        )
        with self.assertRefused(UserError, "minor: only adult mentors"):
            self._publish(pupil)
        no_consent = self._make_mentor(
            self.env["res.partner"].create({"name": "Без согласия"}),
            consent_date=False,
            consent_given_by_id=False,
        )
        with self.assertRefused(UserError, "consent"):
            self._publish(no_consent)

    # ------------------------------------------------------------
    # THE DISTRICT BASE: other schools' mentors, no personal data
    # ------------------------------------------------------------

    def test_the_other_schools_see_the_published_mentors_only_through_the_base(self):
        base = self.Base.with_user(self.curator_2)
        self.assertFalse(
            base.search([("mentor_id", "=", self.mentor_a.id)]), "not published yet"
        )
        self._publish()
        # (school 1 is the demo's gymnasium, whose demo mentors are published too)
        row = base.search(
            [("is_other_school", "=", True), ("mentor_id", "=", self.mentor_a.id)]
        )
        self.assertEqual(row.mentor_id, self.mentor_a)
        self.assertEqual(row.name, self.teacher_a.partner_id.name)
        self.assertEqual(row.company_id, self.school_1)
        self.assertEqual(row.competence_tag_ids, self.tag)
        self.assertEqual(row.free_places, 2)
        self.assertIn(self.form_teachers, row.form_ids)
        self.assertNotIn(
            self.form_pupils,
            row.form_ids,
            "a teacher does not mentor in «pupil – pupil»",
        )
        # nothing of the person's personal data is there to read
        for name in (
            "phone",
            "email",
            "birth_date",
            "age",
            "category_ids",
            "note",
            "partner_id",
            "employee_id",
        ):
            self.assertNotIn(name, self.Base._fields)
        # the mentor's record stays school 1's
        with self.assertRaises(AccessError):
            self.mentor_a.with_user(self.curator_2).read(["partner_id"])
        # school 1 sees its own mentor in the base, not as one to request
        self.assertFalse(
            self.Base.with_user(self.curator).search(
                [("is_other_school", "=", True), ("company_id", "=", self.school_1.id)]
            )
        )
        self.assertTrue(
            self.Base.with_user(self.curator).search([("is_other_school", "=", False)])
        )
        self.assertIn(
            row,
            self.Base.with_user(self.curator).search([("is_other_school", "=", False)]),
        )
        # the coordinator reads the base; participants do not
        self.assertIn(
            row,
            self.Base.with_user(self.coordinator).search(
                [("company_id", "=", self.school_1.id)]
            ),
        )
        with self.assertRaises(AccessError):
            self.Base.with_user(self.teacher_c).search([])

    def test_a_mentor_who_withdraws_the_consent_leaves_the_base(self):
        self._publish()
        self.mentor_a.consent_id._withdraw()
        self.assertFalse(
            self.Base.with_user(self.curator_2).search(
                [("mentor_id", "=", self.mentor_a.id)]
            )
        )

    # ------------------------------------------------------------
    # REQUESTS
    # ------------------------------------------------------------

    def test_request_accepted_by_the_home_school(self):
        self._publish()
        loan = self._request()
        self.assertEqual(loan.state, "requested")
        self.assertEqual(loan.home_company_id, self.school_1)
        # school 1's curator is asked to decide
        self.assertEqual(loan.activity_ids.user_id, self.curator)
        # the requesting school does not decide on its own request
        self.assertFalse(loan.can_decide)
        with self.assertRefused(
            AccessError, "Only a curator of .* the mentor's school"
        ):
            loan.action_accept()
        # school 1 reads the request and accepts it
        loan_1 = loan.with_user(self.curator)
        self.assertTrue(loan_1.can_decide)
        loan_1.action_accept()
        self.assertEqual(loan.state, "accepted")
        self.assertEqual(loan.decided_by_id, self.curator)
        self.assertFalse(loan.activity_ids)

        lent = loan.loan_mentor_id
        self.assertEqual(lent.programme_id, self.programme_2)
        self.assertEqual(lent.company_id, self.school_2)
        self.assertEqual(lent.origin_mentor_id, self.mentor_a)
        self.assertEqual(lent.partner_id, self.mentor_a.partner_id)
        self.assertEqual(lent.competence_tag_ids, self.tag)
        self.assertEqual(lent.home_company_id, self.school_1)
        # the consent was given to school 1: school 2 records its own
        self.assertFalse(lent.sudo().consent_ids)
        self.assertFalse(lent.has_valid_consent)
        # school 2 reads its record; school 1 does not read school 2's
        self.assertEqual(
            lent.with_user(self.curator_2).partner_id, self.mentor_a.partner_id
        )
        with self.assertRaises(AccessError):
            lent.with_user(self.curator).read(["partner_id"])

    def test_requests_that_are_refused(self):
        self._publish()
        loan = self._request()
        loan.with_user(self.coordinator).action_refuse()
        self.assertEqual(loan.state, "refused")
        self.assertFalse(loan.loan_mentor_id)
        # a mentor of one's own school, an unpublished one, a request made twice
        with self.assertRefused(UserError, "your own school"):
            self._request(user=self.curator, programme=self.programme)
        with self.assertRefused(UserError, "not in the district's mentor base"):
            self._request(mentor=self.mentor_b)
        self._request()
        with self.assertRefused(UserError, "already requested"):
            self._request()
        # the requesting school cancels its own; school 1
        # does not decide a cancelled one
        pending = self.Loan.search(
            [("state", "=", "requested"), ("company_id", "=", self.school_2.id)]
        )
        pending.with_user(self.curator_2).action_cancel()
        self.assertEqual(pending.state, "cancelled")
        with self.assertRefused(UserError, "already decided"):
            pending.with_user(self.curator).action_accept()

    def test_each_school_reads_the_requests_it_made_or_received(self):
        self._publish()
        loan = self._request()
        self.assertEqual(self.Loan.with_user(self.curator_2).search([]), loan)
        # (school 1 is the demo's gymnasium: it reads the demo's requests too)
        self.assertIn(loan, self.Loan.with_user(self.curator).search([]))
        self.assertIn(loan, self.Loan.with_user(self.coordinator).search([]))
        # the mentor's school does not change the request, it decides on it
        with self.assertRaises(AccessError):
            loan.with_user(self.curator).write({"note": "Другое"})
        with self.assertRaises(AccessError):
            self.Loan.with_user(self.teacher_a).search([])
        school_3 = self.env["res.company"].create({"name": "Школа № 3"})
        curator_3 = new_test_user(
            self.env,
            "cur3",
            groups="base.group_user,odoo_mentorship.group_mentorship_curator",
            company_id=school_3.id,
            company_ids=[Command.set(school_3.ids)],
        )
        self.assertFalse(self.Loan.with_user(curator_3).search([]))

    # ------------------------------------------------------------
    # PAIRS: the receiving school's own
    # ------------------------------------------------------------

    def test_the_pair_lives_in_the_receiving_school(self):
        lent = self._lend()
        pair = (
            self.env["mentorship.pair"]
            .with_user(self.curator_2)
            .create(
                {
                    "programme_id": self.programme_2.id,
                    "mentor_id": lent.id,
                    "mentee_ids": [(6, 0, self.mentee_2.ids)],
                    "form_id": self.form_teachers.id,
                }
            )
        )
        self.assertEqual(pair.company_id, self.school_2)
        self.assertEqual(
            pair.with_user(self.curator_2).mentor_id.partner_id,
            self.teacher_a.partner_id,
        )
        # school 1, whose mentor it is, does not read school 2's pair
        with self.assertRaises(AccessError):
            pair.with_user(self.curator).read(["name"])
        self.assertFalse(
            self.env["mentorship.pair"]
            .with_user(self.curator)
            .search([("id", "=", pair.id)])
        )
        self.assertNotIn(pair, self.mentor_a.with_user(self.curator).pair_ids)
        # the district reads it; the mentor reads their pairs in both schools
        self.assertTrue(pair.with_user(self.coordinator).read(["name"]))
        self.assertTrue(pair.with_user(self.teacher_a).read(["name"]))
        # a mentee of school 2 with the mentor's school 1
        # record: still one school per pair
        with self.assertRaises(UserError):
            self.env["mentorship.pair"].create(
                {
                    "programme_id": self.programme_2.id,
                    "mentor_id": self.mentor_a.id,
                    "mentee_ids": [(6, 0, self.mentee_2.ids)],
                    "form_id": self.form_teachers.id,
                }
            )

    def test_the_capacity_is_the_persons_across_the_schools(self):
        self.mentor_a.capacity = 1
        lent = self._lend()
        self.assertEqual(lent.capacity, 1)
        # school 2 does not change the capacity: the home school does, for both records
        with self.assertRefused(UserError, "the home school sets the capacity"):
            lent.with_user(self.curator_2).capacity = 3
        self._make_pair(self.mentor_a, self.mentee_c)
        self.assertEqual(lent.active_mentee_count, 1)
        with self.assertRefused(
            ValidationError, "can take 1 mentee.* not 2: .*pairs in the other schools"
        ):
            self.env["mentorship.pair"].with_user(self.curator_2).create(
                {
                    "programme_id": self.programme_2.id,
                    "mentor_id": lent.id,
                    "mentee_ids": [(6, 0, self.mentee_2.ids)],
                    "form_id": self.form_teachers.id,
                }
            )
        # no free place left: the base says so, and the mentor is not requested again
        self.assertEqual(
            self.Base.with_user(self.curator_2)
            .search([("mentor_id", "=", self.mentor_a.id)])
            .free_places,
            0,
        )

        # the home school raises the capacity: both records follow, the pair fits
        self.mentor_a.with_user(self.curator).capacity = 2
        self.assertEqual(lent.capacity, 2)
        self.env["mentorship.pair"].with_user(self.curator_2).create(
            {
                "programme_id": self.programme_2.id,
                "mentor_id": lent.id,
                "mentee_ids": [(6, 0, self.mentee_2.ids)],
                "form_id": self.form_teachers.id,
            }
        )
        self.assertEqual(self.mentor_a.active_mentee_count, 2)
        # now school 1 is full too, and lowering the capacity below the load is refused
        with self.assertRefused(ValidationError, "pairs in the other schools"):
            self._make_pair(self.mentor_a, self.mentee_d)
        with self.assertRefused(ValidationError, "pairs in the other schools"):
            self.mentor_a.with_user(self.curator).capacity = 1


@tagged("post_install", "-at_install")
class TestDistrictMentorBaseDemo(MentorshipCase):
    """The demo's mentor shared by the gymnasium and МБОУ «СОШ № 9»."""

    def setUp(self):
        super().setUp()
        if not self.env.ref(
            "odoo_mentorship.mentor_loan_fedorova_demo", raise_if_not_found=False
        ):
            self.skipTest("installed without the demo data")

    def test_demo_mentor_shared_between_two_schools(self):
        home = self.env.ref("odoo_mentorship.mentor_fedorova_demo")
        lent = self.env.ref("odoo_mentorship.mentor_fedorova_school9_demo")
        pair = self.env.ref("odoo_mentorship.pair_fedorova_shestakova_demo")
        curator_1 = self.env.ref("odoo_mentorship.user_curator_demo")
        curator_9 = self.env.ref("odoo_mentorship.user_curator9_demo")
        coordinator = self.env.ref("odoo_mentorship.user_coordinator_demo")
        self.assertTrue(home.district_published)
        self.assertEqual(lent.origin_mentor_id, home)
        self.assertEqual(
            self.env.ref("odoo_mentorship.mentor_loan_fedorova_demo").state, "accepted"
        )
        self.assertNotEqual(pair.company_id, home.company_id)
        # each school its own pairs; the district both
        self.assertTrue(pair.with_user(curator_9).read(["name"]))
        with self.assertRaises(AccessError):
            pair.with_user(curator_1).read(["name"])
        self.assertTrue(pair.with_user(coordinator).read(["name"]))
        # the pair in the other school takes one of her two places
        row = (
            self.env["mentorship.district.mentor"]
            .with_user(curator_9)
            .search([("mentor_id", "=", home.id)])
        )
        self.assertEqual(row.free_places, home.capacity - 1)
        # both schools read the request and its decision; the
        # school may request another mentor
        loan = self.env.ref("odoo_mentorship.mentor_loan_fedorova_demo")
        self.assertEqual(loan.with_user(curator_1).decided_by_id, curator_1)
        self.assertEqual(loan.with_user(curator_9).loan_mentor_id, lent)
        offered = (
            self.env["mentorship.district.mentor"]
            .with_user(curator_9)
            .search([("is_other_school", "=", True)])
        )
        self.assertIn(
            self.env.ref("odoo_mentorship.mentor_morozov_demo"), offered.mentor_id
        )
