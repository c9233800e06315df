import shutil
from datetime import date, timedelta

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import MentorshipCase
from .test_tours import BROWSERS

HR_GROUPS = "base.group_user,hr.group_hr_user"


class HrOfficerCase(MentorshipCase):
    """A school's HR officer (Employees / Officer, no mentorship group), the staff of
    school 1 in two departments, and the mentor base of its running programme:
    Анна (mathematics, since 2010, 2 places, already mentoring Вера), Борис (history,
    since 2012, 3 places) and a beginner with a year of teaching (not eligible)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.hr_officer = new_test_user(
            env, "hr_officer", groups=HR_GROUPS, name="Кадровик Школы"
        )
        Department = env["hr.department"]
        cls.maths = Department.create(
            {"name": "Кафедра математики", "company_id": cls.school_1.id}
        )
        cls.history = Department.create(
            {"name": "Кафедра истории", "company_id": cls.school_1.id}
        )

        def days_ago(days):
            return cls.today - timedelta(days=days)

        cls.young = cls._make_employee("Молодой Учитель", cls.maths, days_ago(60))
        cls.newcomer = cls._make_employee("Новый Учитель", cls.history, days_ago(30))
        cls.newcomer.experience_ids = [
            Command.create(
                {
                    "organisation": "Гимназия № 2",
                    "position": "Учитель истории",
                    "date_start": date(2020, 9, 1),
                    "date_end": days_ago(31),
                }
            )
        ]
        cls.just_hired = cls._make_employee("Только Пришёл", cls.maths, days_ago(5))
        cls.veteran = cls._make_employee("Опытный Завуч", cls.maths, date(2005, 9, 1))

        cls.employee_a = cls._make_employee(
            "Анна Учитель", cls.maths, date(2010, 9, 1), user=cls.teacher_a
        )
        cls.employee_b = cls._make_employee(
            "Борис Учитель", cls.history, date(2012, 9, 1), user=cls.teacher_b
        )
        cls.employee_c = cls._make_employee(
            "Вера Молодая", cls.maths, days_ago(100), user=cls.teacher_c
        )
        cls.mentor_a.employee_id = cls.employee_a
        cls.mentor_b.write({"employee_id": cls.employee_b.id, "capacity": 3})
        cls.mentee_c.employee_id = cls.employee_c
        cls.pair_c = cls._make_pair(cls.mentor_a, cls.mentee_c)
        beginner = cls._make_employee("Начинающий Наставник", cls.maths, days_ago(400))
        cls.mentor_beginner = cls._make_mentor(
            beginner.work_contact_id, employee_id=beginner.id, capacity=3
        )

    @classmethod
    def _make_employee(cls, name, department, hired, user=None):
        employee = cls.env["hr.employee"].create(
            {
                "name": name,
                "company_id": cls.school_1.id,
                "department_id": department.id,
                "user_id": user.id if user else False,
            }
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

    def _find_mentor(self, employee, user=None):
        action = employee.with_user(
            user or self.hr_officer
        ).action_mentorship_find_mentor()
        return (
            self.env[action["res_model"]]
            .with_user(user or self.hr_officer)
            .browse(action["res_id"])
        )


@tagged("post_install", "-at_install")
class TestHrOfficer(HrOfficerCase):
    def test_hr_officer_finds_the_young_specialists_without_a_mentor(self):
        Employee = self.env["hr.employee"].with_user(self.hr_officer)
        found = Employee.search([("mentorship_needs_mentor", "=", True)])
        self.assertIn(self.young, found)
        self.assertIn(self.newcomer, found, "a teacher new at the school")
        self.assertIn(self.just_hired, found)
        self.assertNotIn(self.employee_c, found, "Вера has a mentor")
        self.assertNotIn(self.veteran, found)
        self.assertEqual(
            Employee.search([("mentorship_has_mentor", "=", True)]) & found, Employee
        )
        self.assertIn(
            self.employee_c, Employee.search([("mentorship_has_mentor", "=", True)])
        )
        self.assertIn(
            self.veteran, Employee.search([("mentorship_needs_mentor", "=", False)])
        )

        young, vera, anna = (
            e.with_user(self.hr_officer)
            for e in (self.young, self.employee_c, self.employee_a)
        )
        self.assertTrue(young.mentorship_needs_mentor)
        self.assertEqual(young.mentorship_status, "No mentor")
        self.assertEqual(
            vera.mentorship_status,
            f"Mentor: Анна Учитель, stage: {self.stage_forming.name}",
        )
        self.assertEqual(anna.mentorship_mentor_load, "1 mentee(s) of 2")
        self.assertFalse(young.mentorship_mentor_load)

    def test_hr_officer_proposes_a_mentor_from_the_employee_form(self):
        wizard = self._find_mentor(self.young)
        self.assertEqual(wizard.programme_id, self.programme)
        self.assertFalse(wizard.message)
        # the same department first, then the score; the
        # beginner is not experienced enough
        self.assertEqual(wizard.line_ids.mentor_id, self.mentor_a | self.mentor_b)
        first, second = wizard.line_ids.sorted("rank")
        self.assertEqual(first.mentor_id, self.mentor_a)
        self.assertTrue(first.same_department)
        self.assertEqual(first.free_places, 1)
        self.assertIn("Same department: Кафедра математики", first.explanation)
        self.assertIn("Mentor's teaching experience", first.explanation)
        self.assertEqual(second.mentor_id, self.mentor_b)
        self.assertFalse(second.same_department)
        self.assertFalse(
            self.env["mentorship.mentee"].search([("employee_id", "=", self.young.id)]),
            "looking for a mentor adds nobody to the base",
        )

        action = first.action_choose()
        self.assertEqual(action["tag"], "display_notification")
        mentee = self.env["mentorship.mentee"].search(
            [("employee_id", "=", self.young.id)]
        )
        self.assertEqual(mentee.programme_id, self.programme)
        self.assertEqual(mentee.partner_id, self.young.work_contact_id)
        self.assertIn(
            self.env.ref("odoo_mentorship.category_young_specialist"),
            mentee.category_ids,
        )
        pair = mentee.pair_ids
        self.assertEqual(pair.mentor_id, self.mentor_a)
        self.assertEqual(pair.stage_id, self.stage_forming)
        self.assertEqual(pair.form_id, self.form_teachers)
        self.assertEqual(
            pair.variant_id,
            self.env.ref("odoo_mentorship.variant_teacher_teacher_experienced_young"),
        )
        # the pair is in forming for the curator, with a to-do to confirm it
        self.assertEqual(pair.curator_id, self.curator)
        self.assertIn(
            pair,
            self.env["mentorship.pair"]
            .with_user(self.curator)
            .search([("state", "=", "forming")]),
        )
        todo = pair.activity_ids.filtered(
            lambda activity: activity.summary == "Confirm the pair proposed by HR"
        )
        self.assertEqual(todo.user_id, self.curator)
        self.assertIn("Кадровик Школы", str(todo.note))

        # back on the employee: the mentor and the stage; the mentor is now full
        young = self.young.with_user(self.hr_officer)
        young.invalidate_recordset()
        self.assertEqual(
            young.mentorship_status,
            f"Mentor: Анна Учитель, stage: {self.stage_forming.name}",
        )
        self.assertFalse(young.mentorship_needs_mentor)
        self.assertEqual(
            self.employee_a.with_user(self.hr_officer).mentorship_mentor_load,
            "2 mentee(s) of 2",
        )
        # the HR officer follows the pair, but does not write it
        self.assertEqual(pair.with_user(self.hr_officer).stage_id, self.stage_forming)
        with self.assertRaises(AccessError):
            pair.with_user(self.hr_officer).write({"color": 2})
        # once paired, nothing more to find
        self.assertRegex(self._find_mentor(self.young).message, "already has a mentor")

    def test_a_full_mentor_is_not_offered_and_an_existing_mentee_record_is_reused(self):
        self._make_pair(
            self.mentor_a,
            self._make_mentee(self.env["res.partner"].create({"name": "Третий"})),
        )
        mentee = self._make_mentee(
            self.newcomer.work_contact_id, employee_id=self.newcomer.id
        )
        wizard = self._find_mentor(self.newcomer)
        self.assertEqual(wizard.line_ids.mentor_id, self.mentor_b, "Анна is full")
        self.assertTrue(wizard.line_ids.same_department)
        wizard.line_ids.action_choose()
        self.assertEqual(
            self.env["mentorship.mentee"].search(
                [("employee_id", "=", self.newcomer.id)]
            ),
            mentee,
        )
        self.assertEqual(mentee.pair_ids.mentor_id, self.mentor_b)
        self.assertFalse(mentee.pair_ids.variant_id, "not a young specialist")

    def test_the_programme_and_mentor_are_checked_again_on_choosing(self):
        wizard = self._find_mentor(self.young)
        # a line forged over RPC with a mentor of another school is refused
        forged = (
            self.env["mentorship.employee.match.line"]
            .with_user(self.hr_officer)
            .create(
                {
                    "wizard_id": wizard.id,
                    "mentor_id": self._make_mentor(
                        self.env["res.partner"].create({"name": "Чужой"}),
                        self.programme_2,
                    ).id,
                }
            )
        )
        with self.assertRaisesRegex(UserError, "can no longer mentor"):
            forged.action_choose()
        wizard.programme_id = self.programme_2
        with self.assertRaisesRegex(UserError, "find a mentor again"):
            wizard.line_ids[:1].action_choose()
        self.assertFalse(
            self.env["mentorship.mentee"].search([("employee_id", "=", self.young.id)])
        )

    def test_no_running_teacher_programme(self):
        self.env["mentorship.programme"].search(
            [
                ("company_id", "=", self.school_1.id),
                ("state", "=", "running"),
            ]
        ).state = "closed"
        wizard = self._find_mentor(self.young)
        self.assertFalse(wizard.line_ids)
        self.assertRegex(wizard.message, "runs no teacher–teacher programme")

    def test_hr_officer_sees_no_pupil_feedback_or_diagnostic(self):
        pupil = self._make_mentee(
            self.env["res.partner"].create({"name": "Ученик Петя"}),
            kind=self.kind_pupil,
        )
        pupil_mentor = self._make_mentor(
            self.env["res.partner"].create({"name": "Ученик Старший"}),
            kind=self.kind_pupil,
        )
        pupil_pair = self._make_pair(pupil_mentor, pupil, form=self.form_pupils)
        meeting = self._log_meeting(self.pair_c, "intro")
        feedback = self.env["mentorship.meeting.feedback"].create(
            {
                "meeting_id": meeting.id,
                "mentee_id": self.mentee_c.id,
                "rating": "5",
                "comment": "Полезно",
            }
        )
        monitoring = self.env["mentorship.monitoring"].create(
            {
                "name": "Мониторинг",
                "programme_id": self.programme.id,
                "date_from": self.today - timedelta(days=30),
                "date_to": self.today,
            }
        )
        diagnostic = self.env["mentorship.monitoring.growth.line"].create(
            {
                "monitoring_id": monitoring.id,
                "mentee_id": self.mentee_c.id,
                "partner_id": self.mentee_c.partner_id.id,
                "dimension": "anxiety",
                "entry_score": 3.0,
            }
        )
        survey = self.env["survey.survey"].search(
            [("survey_type", "=", "mentorship")], limit=1
        )
        answers = self.env["survey.user_input"].create(
            {
                "survey_id": survey.id,
                "partner_id": self.mentee_c.partner_id.id,
                "mentorship_mentee_id": self.mentee_c.id,
            }
        )
        request = self.env["mentorship.request"].create(
            {"mentee_id": self.mentee_c.id, "name": "Дисциплина"}
        )
        for record in (
            pupil,
            pupil_pair,
            feedback,
            meeting,
            diagnostic,
            answers,
            request,
            self.programme,
        ):
            with self.subTest(model=record._name), self.assertRaises(AccessError):
                record.with_user(self.hr_officer).read(["display_name"])
        # the teachers' records, and not their personal data
        mentee_c = self.mentee_c.with_user(self.hr_officer)
        self.assertEqual(
            mentee_c.read(["display_name"])[0]["display_name"], "Вера Молодая"
        )
        for field_name in ("birth_date", "category_ids", "note", "request_ids"):
            with self.subTest(field=field_name), self.assertRaises(AccessError):
                mentee_c.read([field_name])
        with self.assertRaises(AccessError):
            self.env["mentorship.pair"].with_user(self.hr_officer).create(
                {
                    "programme_id": self.programme.id,
                    "mentor_id": self.mentor_b.id,
                    "mentee_ids": [Command.set(self.mentee_d.ids)],
                    "form_id": self.form_teachers.id,
                }
            )

    def test_only_hr_officers_of_the_school_find_a_mentor(self):
        other_hr = new_test_user(
            self.env,
            "hr_other",
            groups=HR_GROUPS,
            name="Кадровик Два",
            company_id=self.school_2.id,
            company_ids=[Command.set(self.school_2.ids)],
        )
        with self.assertRaises(AccessError):
            self._find_mentor(self.young, user=other_hr)
        wizard = self._find_mentor(self.young)
        with self.assertRaises(AccessError):
            wizard.line_ids[:1].with_user(self.curator).action_choose()

    def test_hr_gets_a_to_do_for_those_left_without_a_mentor(self):
        Activity = self.env["mail.activity"]

        def todos(employee, user=self.hr_officer):
            return Activity.search(
                [
                    ("res_model", "=", "hr.employee"),
                    ("res_id", "=", employee.id),
                    ("user_id", "=", user.id),
                ]
            )

        # the employee's HR responsible, when the contract names one
        responsible = new_test_user(
            self.env, "hr_resp", groups=HR_GROUPS, name="Ответственный Кадровик"
        )
        self.newcomer.contract_id.hr_responsible_id = responsible
        self.env["hr.employee"]._cron_mentorship_remind_without_mentor()
        todo = todos(self.young)
        self.assertEqual(todo.summary, "Find a mentor for Молодой Учитель")
        self.assertEqual(self.young.mentorship_reminder_date, self.today)
        self.assertEqual(len(todos(self.newcomer, responsible)), 1)
        self.assertFalse(todos(self.newcomer), "only the responsible one")
        self.assertFalse(todos(self.just_hired), "within the 14 days")
        self.assertFalse(todos(self.employee_c), "has a mentor")
        self.assertFalse(todos(self.veteran))
        # once per person: again tomorrow, or after the to-do is done, nothing more
        self.env["hr.employee"]._cron_mentorship_remind_without_mentor()
        self.assertEqual(len(todos(self.young)), 1)
        todo.action_feedback()
        self.env["hr.employee"]._cron_mentorship_remind_without_mentor()
        self.assertFalse(todos(self.young))
        # proposing a mentor marks the to-do done
        self.assertEqual(len(todos(self.newcomer, responsible)), 1)
        self._find_mentor(self.newcomer, user=responsible).line_ids[:1].action_choose()
        self.assertFalse(todos(self.newcomer, responsible))
        # the period is the school's setting
        self.school_1.mentorship_no_mentor_days = 3
        self.env["hr.employee"]._cron_mentorship_remind_without_mentor()
        self.assertEqual(len(todos(self.just_hired)), 1)


@tagged("post_install", "-at_install")
class TestHrOfficerTour(HrOfficerCase, HttpCase):
    def setUp(self):
        super().setUp()
        if not any(shutil.which(name) for name in BROWSERS):
            self.skipTest(
                "No Chromium or Chrome found: install it (apt-get install chromium) to "
                "run the tours."
            )

    def test_hr_officer_tour(self):
        # English names the tour finds
        self.young.name = "Tour Young Teacher"
        self.teacher_a.partner_id.name = "Tour Mentor"
        self.start_tour(
            "/odoo/employees",
            "odoo_mentorship_hr_officer_tour",
            login=self.hr_officer.login,
            timeout=180,
        )
        pair = (
            self.env["mentorship.mentee"]
            .search([("employee_id", "=", self.young.id)])
            .pair_ids
        )
        self.assertEqual(pair.mentor_id, self.mentor_a)
        self.assertEqual(pair.stage_id, self.stage_forming)
        self.assertTrue(
            pair.activity_ids.filtered(
                lambda activity: activity.user_id == self.curator
            )
        )
