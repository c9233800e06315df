from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged

from .common import MentorshipCase


@tagged("post_install", "-at_install")
class TestPrivacyHrData(MentorshipCase):
    """HR data (birthday, experience) reaches only the users who may read it on the
    employee, whatever the mentorship code reads as superuser."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.hr_curator = new_test_user(
            cls.env,
            "hr_cur",
            groups="base.group_user,hr.group_hr_user,odoo_mentorship.group_mentorship_curator",
            name="Куратор Кадровик",
        )
        cls.young = cls._make_employee(
            "Молодой Педагог", hired=cls.today - timedelta(days=100)
        )
        cls.young.birthday = date(1999, 5, 17)

    @classmethod
    def _make_employee(cls, name, hired):
        employee = cls.env["hr.employee"].create(
            {"name": name, "company_id": cls.school_1.id}
        )
        cls.env["hr.contract"].create(
            {
                "name": f"Трудовой договор {name}",
                "employee_id": employee.id,
                "date_start": hired,
                "wage": 50000,
                "state": "open",
            }
        )
        return employee

    def _enrol_wizard(self, user, employees):
        return (
            self.env["mentorship.enrol.employee"]
            .with_user(user)
            .create(
                {
                    "employee_ids": [(6, 0, employees.ids)],
                    "base": "mentee",
                    "programme_id": self.programme.id,
                }
            )
        )

    def test_enrol_copies_the_birthday_for_hr_only(self):
        result = self._enrol_wizard(self.curator, self.young).action_enrol()
        mentee = self.env["mentorship.mentee"].browse(result["res_id"])
        self.assertEqual(mentee.employee_id, self.young)
        self.assertFalse(
            mentee.birth_date, "a curator without HR rights does not get the birthday"
        )

        other = self._make_employee(
            "Другой Педагог", hired=self.today - timedelta(days=100)
        )
        other.birthday = date(1998, 2, 3)
        result = self._enrol_wizard(self.hr_curator, other).action_enrol()
        self.assertEqual(
            self.env["mentorship.mentee"].browse(result["res_id"]).birth_date,
            date(1998, 2, 3),
        )

    def test_picking_the_employee_fills_the_birthday_for_hr_only(self):
        values = {"programme_id": self.programme.id, "employee_id": self.young.id}
        mentee = self.env["mentorship.mentee"].with_user(self.curator).new(values)
        mentee._onchange_employee_id()
        self.assertEqual(mentee.partner_id, self.young.work_contact_id)
        self.assertFalse(mentee.birth_date)
        mentee = self.env["mentorship.mentee"].with_user(self.hr_curator).new(values)
        mentee._onchange_employee_id()
        self.assertEqual(mentee.birth_date, date(1999, 5, 17))

    def test_hr_categories_are_suggested_to_hr_only(self):
        young_category = self.env.ref("odoo_mentorship.category_young_specialist")
        new_category = self.env.ref("odoo_mentorship.category_new_workplace")
        self.assertFalse(self._enrol_wizard(self.curator, self.young).category_ids)
        self.assertEqual(
            self._enrol_wizard(self.hr_curator, self.young).category_ids,
            young_category | new_category,
        )
        # a category the curator picks goes to every
        # employee added, whatever their HR data
        veteran = self._make_employee("Опытный Педагог", hired=date(2005, 9, 1))
        wizard = self._enrol_wizard(self.curator, self.young | veteran)
        wizard.category_ids = young_category
        wizard.action_enrol()
        mentees = self.env["mentorship.mentee"].search(
            [("employee_id", "in", (self.young | veteran).ids)]
        )
        self.assertEqual(len(mentees), 2)
        self.assertEqual(mentees.mapped("category_ids"), young_category)
        self.assertTrue(all(mentee.category_ids for mentee in mentees))

    def test_eligibility_warning_is_for_curators(self):
        self.mentor_a.employee_id = (
            self.young
        )  # below the minimum of teaching experience
        pair = self._make_pair(self.mentor_a, self.mentee_c)
        self.assertIn(
            "less than the minimum", pair.with_user(self.curator).eligibility_warning
        )
        mentee_pair = pair.with_user(self.teacher_c)
        with self.assertRaises(AccessError):
            mentee_pair.read(["eligibility_warning"])
        # the form still opens for the participants, without the warning
        for user in (self.teacher_a, self.teacher_c):
            arch = pair.with_user(user).get_views([(False, "form")])["views"]["form"][
                "arch"
            ]
            self.assertNotIn("eligibility_warning", arch)
            self.assertEqual(Form(pair.with_user(user)).name, pair.name)
        self.assertIn(
            "eligibility_warning",
            pair.with_user(self.curator).get_views([(False, "form")])["views"]["form"][
                "arch"
            ],
        )
        # the rule that keeps the pair in forming still applies
        with self.assertRefused(
            ValidationError, "until the curator approves the mentor"
        ):
            pair.stage_id = self.stage_intro


@tagged("post_install", "-at_install")
class TestPrivacyPortalGrant(MentorshipCase):
    """The portal wizard a curator runs as superuser for a person of the bases."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pupil = cls.env["res.partner"].create(
            {"name": "Петя Старшеклассник", "email": "petya@school.example"}
        )
        cls.mentee = cls._make_mentee(
            cls.pupil,
            kind=cls.kind_pupil,
            birth_date=cls.today - relativedelta(years=19),
        )

    def _wizard_line(self):
        action = self.mentee.with_user(self.curator).action_grant_portal_access()
        return (
            self.env["portal.wizard"]
            .with_user(self.curator)
            .browse(action["res_id"])
            .user_ids
        )

    def test_curator_cannot_change_the_email(self):
        line = self._wizard_line()
        line.email = "curator@elsewhere.example"
        with self.assertRefused(UserError, "ask a contact manager"):
            line.action_grant_access()
        self.assertEqual(self.pupil.email, "petya@school.example")
        self.assertFalse(self.pupil.with_context(active_test=False).user_ids)
        # with the person's own e-mail the curator grants the access
        line.email = "petya@school.example"
        line.action_grant_access()
        self.assertEqual(self.pupil.user_ids.login, "petya@school.example")
        self.assertTrue(self.pupil.user_ids._is_portal())

    def test_curator_touches_the_portal_access_of_the_bases_people_only(self):
        """Curators may open Odoo's portal wizard: for the people of the base records
        they may edit, not for any contact (a customer, another school's parent)."""
        customer = self.env["res.partner"].create(
            {"name": "Клиент Посторонний", "email": "client@example.com"}
        )
        customer_user = new_test_user(
            self.env,
            "client_portal",
            groups="base.group_portal",
            partner_id=customer.id,
        )
        wizard = (
            self.env["portal.wizard"]
            .with_user(self.curator)
            .create({"partner_ids": [(6, 0, customer.ids)]})
        )
        line = wizard.user_ids
        for action in (line.action_revoke_access, line.action_invite_again):
            with self.assertRefused(AccessError, "Only a contact manager"):
                action()
        self.assertTrue(customer_user.active)
        self.assertTrue(customer_user._is_portal())
        stranger = self.env["res.partner"].create(
            {"name": "Без Доступа", "email": "stranger@example.com"}
        )
        line = (
            self.env["portal.wizard"]
            .with_user(self.curator)
            .create({"partner_ids": [(6, 0, stranger.ids)]})
            .user_ids
        )
        with self.assertRefused(AccessError, "Only a contact manager"):
            line.action_grant_access()
        self.assertFalse(stranger.with_context(active_test=False).user_ids)

    def test_adult_needs_a_valid_consent(self):
        self.mentee.consent_withdrawn = True
        with self.assertRefused(UserError, "has withdrawn the consent"):
            self.mentee.with_user(self.curator).action_grant_portal_access()
        self.mentee.consent_withdrawn = False
        line = self._wizard_line()
        self.mentee.consent_withdrawn = True
        with self.assertRefused(UserError, "has withdrawn the consent"):
            line.action_grant_access()
        self.assertFalse(self.pupil.with_context(active_test=False).user_ids)


@tagged("post_install", "-at_install")
class TestPrivacyMatchingOtherSchool(MentorshipCase):
    """The history of pairs counts within the school of the programme being matched."""

    def test_dissolved_pair_of_another_school_is_not_mentioned(self):
        Criterion = self.env["mentorship.matching.criterion"]
        for criterion in Criterion.search([]):
            criterion.weight = 1.0 if criterion.code == "form" else 0.0
        Matching = self.env["mentorship.matching"].with_user(self.curator)

        def match():
            problem = Matching._build_problem(
                self.programme,
                self.mentee_c.with_user(self.curator),
                self.mentor_a.with_user(self.curator),
            )
            return (
                problem.score[0, 0],
                problem.explain(0, 0),
                problem.exclusion_reason(0, 0),
            )

        before = match()
        # the same two people had a pair in school 2, dissolved
        pair_2 = self._make_pair(
            self._make_mentor(self.teacher_a.partner_id, programme=self.programme_2),
            self._make_mentee(self.teacher_c.partner_id, programme=self.programme_2),
        )
        pair_2.action_dissolve()
        self.assertEqual(match(), before)
        self.assertIsNone(before[2])
        wizard = (
            self.env["mentorship.match.wizard"]
            .with_user(self.curator)
            .create(
                {
                    "programme_id": self.programme.id,
                    "mode": "top",
                    "mentee_ids": [(6, 0, self.mentee_c.ids)],
                }
            )
        )
        wizard.action_suggest()
        line = wizard.line_ids.filtered(lambda line: line.mentor_id == self.mentor_a)
        self.assertTrue(line)
        self.assertFalse(line.exclusion)
        self.assertNotIn(
            "previous pair", " ".join(wizard.line_ids.mapped("explanation")).lower()
        )
        self.assertFalse(wizard.unmatched_ids)
