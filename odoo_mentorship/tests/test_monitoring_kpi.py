from datetime import date, datetime, timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import MentorshipCase


class MonitoringCase(MentorshipCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Survey = cls.env["survey.survey"]
        cls.satisfaction = Survey.create(
            {
                "title": "Удовлетворённость наставляемых",
                "survey_type": "mentorship",
                "mentorship_role": "mentee_satisfaction",
                "access_mode": "token",
                "question_and_page_ids": [
                    Command.create(
                        {
                            "title": f"Оценка {n}",
                            "question_type": "scale",
                            "scale_min": 1,
                            "scale_max": 5,
                            "mentorship_is_satisfaction": True,
                        }
                    )
                    for n in (1, 2)
                ],
            }
        )
        cls.entry = Survey.create(
            {
                "title": "Входная диагностика",
                "survey_type": "mentorship",
                "mentorship_role": "entry",
                "question_and_page_ids": [
                    Command.create(
                        {
                            "title": "Вовлечённость",
                            "question_type": "scale",
                            "scale_min": 1,
                            "scale_max": 5,
                            "mentorship_dimension": "engagement",
                        }
                    ),
                    Command.create(
                        {
                            "title": "Тревожность",
                            "question_type": "scale",
                            "scale_min": 1,
                            "scale_max": 5,
                            "mentorship_dimension": "anxiety",
                        }
                    ),
                ],
            }
        )
        cls.exit = cls.entry.copy(
            {"title": "Итоговая диагностика", "mentorship_role": "exit"}
        )

    @classmethod
    def _answer(cls, survey, values, participant=None, done=True, when=None, **vals):
        link = {}
        if participant and participant._name == "mentorship.mentee":
            link["mentorship_mentee_id"] = participant.id
        elif participant:
            link["mentorship_mentor_id"] = participant.id
        answer = cls.env["survey.user_input"].create(
            {
                "survey_id": survey.id,
                "partner_id": participant.partner_id.id if participant else False,
                "state": "done" if done else "new",
                "end_datetime": when if done else False,
                **link,
                **vals,
            }
        )
        questions = survey.question_ids.sorted("sequence")
        if done:
            cls.env["survey.user_input.line"].create(
                [
                    {
                        "user_input_id": answer.id,
                        "question_id": q.id,
                        "answer_type": "scale",
                        "value_scale": v,
                    }
                    for q, v in zip(questions, values, strict=False)
                ]
            )
        return answer


@tagged("post_install", "-at_install")
class TestMonitoring(MonitoringCase):
    def test_satisfaction_means_what_the_indicators_mean(self):
        """The monitoring and the indicators count the same answers (by the day they
        were finished) against the same threshold (the school's)."""
        self.school_1.mentorship_satisfaction_threshold = 4.5
        # sent in December, answered in January
        answer = self._answer(
            self.satisfaction, [4, 4], self.mentee_c, when=datetime(2025, 1, 10, 9, 0)
        )
        self.env.cr.execute(
            "UPDATE survey_user_input SET create_date = %s WHERE id = %s",
            (datetime(2024, 12, 20), answer.id),
        )
        self.env.invalidate_all()
        monitoring = (
            self.env["mentorship.monitoring"]
            .with_user(self.curator)
            .create(
                {
                    "name": "Мониторинг января",
                    "programme_id": self.programme.id,
                    "date_from": date(2025, 1, 1),
                    "date_to": date(2025, 1, 31),
                }
            )
        )
        self.assertEqual(monitoring.satisfaction_threshold, 4.5)
        monitoring.action_compute()
        line = monitoring.survey_line_ids.filtered(
            lambda ln: ln.role == "mentee_satisfaction"
        )
        self.assertEqual(line.answered_count, 1)
        # 4 is below the school's 4.5: not satisfied, for the
        # monitoring as for the indicators
        self.assertEqual(monitoring.mentee_satisfaction_rate, 0.0)
        values = self.env["mentorship.kpi.value"]._compute_values(self.school_1, 2025)
        satisfaction = values.filtered(
            lambda v: v.indicator_id.code == "mentee_satisfaction" and not v.is_district
        )
        self.assertEqual((satisfaction.numerator, satisfaction.denominator), (0, 1))

    def test_quality_and_growth(self):
        # three of four mentees answered; averages 5, 4.5 and 3 against a threshold of 4
        self._answer(self.satisfaction, [5, 5], self.mentee_c)
        self._answer(self.satisfaction, [4, 5], self.mentee_d)
        extra = self._make_mentee(
            self.env["res.partner"].create({"name": "Третий Наставляемый"})
        )
        self._answer(self.satisfaction, [3, 3], extra)
        self._answer(
            self.satisfaction,
            [],
            self._make_mentee(self.env["res.partner"].create({"name": "Молчун"})),
            done=False,
        )
        # entry and exit of one mentee: engagement 2 → 4, anxiety 4 → 2
        self._answer(self.entry, [2, 4], self.mentee_c)
        self._answer(self.exit, [4, 2], self.mentee_c)
        monitoring = (
            self.env["mentorship.monitoring"]
            .with_user(self.curator)
            .create(
                {
                    "name": "Мониторинг 1 полугодия",
                    "programme_id": self.programme.id,
                    "date_from": self.today.replace(day=1, month=1),
                    "date_to": self.today,
                }
            )
        )
        monitoring.action_compute()
        satisfaction_line = monitoring.survey_line_ids.filtered(
            lambda ln: ln.role == "mentee_satisfaction"
        )
        self.assertEqual(
            (satisfaction_line.invited_count, satisfaction_line.answered_count), (4, 3)
        )
        self.assertAlmostEqual(satisfaction_line.response_rate, 75.0)
        self.assertAlmostEqual(monitoring.mentee_satisfaction_rate, 200 / 3)
        first_question = monitoring.question_line_ids.filtered(
            lambda ln: ln.question_id.title == "Оценка 1"
        )
        self.assertAlmostEqual(first_question.average, 4.0)
        growth = {line.dimension: line for line in monitoring.growth_line_ids}
        self.assertEqual(set(growth), {"engagement", "anxiety"})
        self.assertEqual(
            (growth["engagement"].entry_score, growth["engagement"].exit_score), (2, 4)
        )
        self.assertEqual(growth["engagement"].change, 2)
        self.assertEqual(growth["anxiety"].change, -2)
        self.assertEqual(growth["engagement"].partner_id, self.mentee_c.partner_id)
        # confirmed: frozen
        monitoring.action_confirm()
        with self.assertRefused(UserError, "frozen"):
            monitoring.action_compute()
        with self.assertRefused(UserError, "frozen"):
            monitoring.write({"satisfaction_threshold": 3})
        monitoring.with_user(self.manager).action_reset_draft()
        monitoring.satisfaction_threshold = 3
        monitoring.action_compute()
        self.assertAlmostEqual(monitoring.mentee_satisfaction_rate, 100.0)

    def test_send_a_questionnaire_links_the_answers(self):
        pair = self._make_pair(self.mentor_a, self.mentee_c | self.mentee_d)
        wizard = Form(
            self.env["mentorship.survey.send"]
            .with_user(self.curator)
            .with_context(default_programme_id=self.programme.id)
        )
        wizard.role = "entry"
        wizard.survey_id = self.entry
        wizard.mentee_ids.add(self.mentee_c)
        wizard.mentee_ids.add(self.mentee_d)
        wizard.pair_id = pair
        wizard.save().action_send()
        answers = self.env["survey.user_input"].search(
            [("survey_id", "=", self.entry.id)]
        )
        self.assertEqual(answers.mentorship_mentee_id, self.mentee_c | self.mentee_d)
        self.assertEqual(answers.mentorship_pair_id, pair)
        self.assertEqual(answers.mentorship_programme_id, self.programme)
        # the participant sees their pending questionnaire, not the other one's
        mine = (
            self.env["survey.user_input"]
            .with_user(self.teacher_c)
            .search([("mentorship_programme_id", "!=", False)])
        )
        self.assertEqual(mine.mentorship_mentee_id, self.mentee_c)

    def test_final_meeting_asks_for_the_exit_diagnostics(self):
        pair = self._make_pair(self.mentor_a, self.mentee_c)
        self._log_meeting(pair, "final")
        todo = pair.activity_ids.filtered(
            lambda a: a.summary == "Exit diagnostics missing"
        )
        self.assertEqual(todo.user_id, self.teacher_a)
        self.assertIn("Вера Молодая", todo.note)
        self._log_meeting(pair, "final", days_ago=0)
        self.assertEqual(
            len(
                pair.activity_ids.filtered(
                    lambda a: a.summary == "Exit diagnostics missing"
                )
            ),
            1,
        )

    def test_working_pair_asks_for_the_entry_diagnostics(self):
        self._answer(self.entry, [3, 3], self.mentee_c)
        pair = self._make_pair(self.mentor_a, self.mentee_c | self.mentee_d)
        self._log_meeting(pair, "intro")
        self._log_meeting(pair, "trial")
        todo = pair.activity_ids.filtered(
            lambda a: a.summary == "Entry diagnostics missing"
        )
        self.assertEqual(len(todo), 1)
        self.assertEqual(todo.user_id, self.curator)
        self.assertIn("Глеб Молодой", todo.note)
        self.assertNotIn("Вера Молодая", todo.note)

    def test_unanswered_questionnaires_remind_the_curator_once(self):
        self._answer(
            self.entry,
            [],
            self.mentee_c,
            done=False,
            mentorship_programme_id=self.programme.id,
        )
        self._answer(
            self.satisfaction,
            [],
            self.mentee_c,
            done=False,
            mentorship_programme_id=self.programme.id,
        )
        Answer = self.env["survey.user_input"]
        Answer._cron_mentorship_remind_unanswered()
        self.assertFalse(
            self.mentee_c.activity_ids, "a fresh invitation is not chased yet"
        )
        with freeze_time(self.today + timedelta(days=10)):
            Answer._cron_mentorship_remind_unanswered()
            Answer._cron_mentorship_remind_unanswered()
        todos = self.mentee_c.activity_ids
        self.assertEqual(
            len(todos),
            2,
            "one to-do per questionnaire unanswered for a week, however often the job "
            "runs",
        )
        self.assertEqual(todos.user_id, self.curator)
        self.assertTrue(
            any("Входная диагностика" in summary for summary in todos.mapped("summary"))
        )

    def test_monitoring_access(self):
        monitoring = self.env["mentorship.monitoring"].create(
            {
                "name": "М",
                "programme_id": self.programme.id,
                "date_from": self.today,
                "date_to": self.today,
            }
        )
        with self.assertRaises(AccessError):
            monitoring.with_user(self.teacher_a).read(["name"])
        with self.assertRaises(AccessError):
            monitoring.with_user(self.curator_2).read(["name"])
        self.assertEqual(monitoring.with_user(self.coordinator).name, "М")


@tagged("post_install", "-at_install")
class TestKpi(MonitoringCase):
    """Known answers on a school without demo data (school 2) in 2024."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["mentorship.kpi.contingent"].create(
            {
                "company_id": cls.school_2.id,
                "year": 2024,
                "children_10_19": 20,
                "youth_15_19": 10,
                "young_teachers": 4,
            }
        )
        partner = cls.env["res.partner"].create
        parent = partner({"name": "Родитель"})
        mentor = cls._make_mentor(
            partner({"name": "Старшеклассник Олег"}),
            programme=cls.programme_2,
            kind=cls.kind_pupil,
            birth_date=date(2008, 3, 1),
            capacity=7,
            legal_representative_id=parent.id,
            consent_given_by_id=parent.id,
        )
        mentees = cls.env["mentorship.mentee"]
        for n in range(7):
            mentees |= cls._make_mentee(
                partner({"name": f"Пятиклассник {n}"}),
                programme=cls.programme_2,
                kind=cls.kind_pupil,
                birth_date=date(2012, 6, 1),
                legal_representative_id=parent.id,
                consent_given_by_id=parent.id,
            )
        cls.pupils_pair = cls._make_pair(
            mentor,
            mentees,
            form=cls.form_pupils,
            date_start=date(2024, 2, 1),
            date_end=date(2024, 12, 20),
        )
        cls.pupils_pair.stage_id = cls.stage_work
        # a young teacher in a pair, and a pair of another year that does not count
        cls.young_teacher = cls.env["hr.employee"].create(
            {"name": "Молодая Учительница", "company_id": cls.school_2.id}
        )
        cls.env["hr.contract"].create(
            {
                "name": "Договор",
                "employee_id": cls.young_teacher.id,
                "date_start": date(2023, 9, 1),
                "wage": 40000,
                "state": "open",
                "company_id": cls.school_2.id,
            }
        )
        teacher_mentor = cls._make_mentor(
            partner({"name": "Опытная Учительница"}), programme=cls.programme_2
        )
        young_mentee = cls._make_mentee(
            cls.young_teacher.work_contact_id,
            programme=cls.programme_2,
            employee_id=cls.young_teacher.id,
        )
        cls.teachers_pair = cls._make_pair(
            teacher_mentor, young_mentee, date_start=date(2024, 9, 1)
        )
        cls.teachers_pair.stage_id = cls.stage_work
        # satisfaction: 3 of 4 mentees satisfied in 2024, one answer of 2023 ignored
        when = datetime(2024, 12, 1, 10, 0)
        for n, ratings in enumerate(([5, 5], [4, 4], [5, 4], [2, 3])):
            cls._answer(cls.satisfaction, ratings, mentees[n], when=when)
        cls._answer(cls.satisfaction, [1, 1], mentees[5], when=datetime(2023, 12, 1))

    def _values(self, values, company=None):
        company = company or self.school_2
        return {
            v.indicator_id.code: v
            for v in values
            if v.company_id == company and not v.is_district
        }

    def test_values_of_a_school(self):
        values = self._values(
            self.env["mentorship.kpi.value"]._compute_values(self.school_2, 2024)
        )
        children = values["children_mentees"]
        self.assertEqual((children.numerator, children.denominator), (7, 20))
        self.assertAlmostEqual(children.value, 35.0)
        self.assertEqual(children.target, 70.0)
        self.assertEqual(children.status, "below")
        youth = values["youth_mentors"]
        self.assertEqual(
            (youth.numerator, youth.denominator, youth.value), (1, 10, 10.0)
        )
        self.assertEqual(youth.status, "on_target")
        young = values["young_teachers_mentees"]
        self.assertEqual(
            (young.numerator, young.denominator, young.value), (1, 4, 25.0)
        )
        satisfaction = values["mentee_satisfaction"]
        self.assertEqual((satisfaction.numerator, satisfaction.denominator), (3, 4))
        self.assertAlmostEqual(satisfaction.value, 75.0)
        self.assertEqual(values["mentor_satisfaction"].status, "no_data")

    def test_schools_counted_together_as_one_by_one(self):
        """All the schools are counted in one pass: no school's
        people leak into another's."""
        Value = self.env["mentorship.kpi.value"]
        alone = {
            school: {
                code: (v.numerator, v.denominator)
                for code, v in self._values(
                    Value._compute_values(school, 2024), school
                ).items()
            }
            for school in (self.school_1, self.school_2)
        }
        together = Value._compute_values(self.school_1 | self.school_2, 2024)
        for school in (self.school_1, self.school_2):
            self.assertEqual(
                {
                    code: (v.numerator, v.denominator)
                    for code, v in self._values(together, school).items()
                },
                alone[school],
            )

    def test_only_teachers_count_as_young_teachers(self):
        """A mentee who is an employee without any teaching (a lab assistant, say) is
        not a young teacher, however short the experience."""
        assistant = self.env["hr.employee"].create(
            {
                "name": "Лаборант",
                "company_id": self.school_2.id,
                "teaching_position": False,
            }
        )
        mentee = self._make_mentee(
            assistant.work_contact_id,
            programme=self.programme_2,
            employee_id=assistant.id,
        )
        mentor = self._make_mentor(
            self.env["res.partner"].create({"name": "Завлаб"}),
            programme=self.programme_2,
        )
        self._make_pair(
            mentor, mentee, date_start=date(2024, 9, 1)
        ).stage_id = self.stage_work
        values = self._values(
            self.env["mentorship.kpi.value"]._compute_values(self.school_2, 2024)
        )
        self.assertEqual(values["young_teachers_mentees"].numerator, 1)

    def test_recomputing_replaces_the_values(self):
        Value = self.env["mentorship.kpi.value"]
        Value._compute_values(self.school_2, 2024)
        Value._compute_values(self.school_2, 2024)
        self.assertEqual(
            Value.search_count(
                [("company_id", "=", self.school_2.id), ("year", "=", 2024)]
            ),
            5,
        )

    def test_young_teacher_denominator_from_employees(self):
        self.env["mentorship.kpi.contingent"].search(
            [("company_id", "=", self.school_2.id)]
        ).young_teachers = 0
        values = self._values(
            self.env["mentorship.kpi.value"]._compute_values(self.school_2, 2024)
        )
        self.assertEqual(
            (
                values["young_teachers_mentees"].numerator,
                values["young_teachers_mentees"].denominator,
            ),
            (1, 1),
        )

    def test_district_consolidation_and_coordinator_scope(self):
        self.env["mentorship.kpi.contingent"].create(
            {"company_id": self.school_1.id, "year": 2024, "children_10_19": 80}
        )
        school_3 = self.env["res.company"].create({"name": "Школа № 3"})
        self.env["mentorship.kpi.value"]._compute_values(school_3, 2024)
        district = self.env["res.company"].create({"name": "Управление образования"})
        self.coordinator.write({"company_ids": [Command.link(district.id)]})
        wizard = (
            self.env["mentorship.kpi.compute"]
            .with_user(self.coordinator)
            .with_company(district)
            .create(
                {
                    "year": 2024,
                    "company_ids": [Command.set((self.school_1 | self.school_2).ids)],
                    "consolidate": True,
                }
            )
        )
        action = wizard.action_compute()
        values = (
            self.env["mentorship.kpi.value"]
            .with_user(self.coordinator)
            .search(action["domain"])
        )
        total = values.filtered(
            lambda v: v.is_district and v.indicator_id.code == "children_mentees"
        )
        self.assertEqual(total.company_id, district)
        self.assertEqual(total.denominator, 100)
        self.assertGreaterEqual(total.numerator, 7)
        # the coordinator reads the district's schools, not a third school
        visible = (
            self.env["mentorship.kpi.value"].with_user(self.coordinator).search([])
        )
        self.assertFalse(visible.filtered(lambda v: v.company_id == school_3))
        with self.assertRaises(AccessError):
            self.env["mentorship.kpi.compute"].with_user(self.coordinator).create(
                {
                    "year": 2024,
                    "company_ids": [Command.set(school_3.ids)],
                }
            ).action_compute()

    def test_curator_of_another_school_sees_nothing(self):
        self.env["mentorship.kpi.value"]._compute_values(self.school_2, 2024)
        self.assertFalse(
            self.env["mentorship.kpi.value"]
            .with_user(self.curator)
            .search([("company_id", "=", self.school_2.id)])
        )
        self.assertEqual(
            len(
                self.env["mentorship.kpi.value"]
                .with_user(self.curator_2)
                .search([("year", "=", 2024)])
            ),
            5,
        )

    def test_personalised_accounting(self):
        Participation = self.env["mentorship.participation"].with_user(self.curator_2)
        rows = Participation.search([("pair_id", "=", self.pupils_pair.id)])
        self.assertEqual(len(rows.filtered(lambda r: r.role == "mentee")), 7)
        mentor_row = rows.filtered(lambda r: r.role == "mentor")
        # born 1 March 2008, the pair started in February 2024: 16 on 31 December 2024,
        # the age the indicators count as well
        self.assertEqual(mentor_row.age, 16)
        self.assertEqual(mentor_row.age_group, "15_19")
        self.assertEqual(
            set(rows.filtered(lambda r: r.role == "mentee").mapped("age_group")),
            {"10_14"},
        )
        self.assertFalse(
            self.env["mentorship.participation"]
            .with_user(self.curator)
            .search([("pair_id", "=", self.pupils_pair.id)])
        )

    def test_kpi_query_count_does_not_grow_with_participants(self):
        Value = self.env["mentorship.kpi.value"]

        def count_queries():
            Value._compute_values(self.school_2, 2024)  # warm the caches
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            Value._compute_values(self.school_2, 2024)
            self.env.flush_all()
            return self.cr.sql_log_count - before

        few = count_queries()
        partner = self.env["res.partner"].create
        parent = partner({"name": "Ещё родитель"})
        mentor = self._make_mentor(
            partner({"name": "Ещё наставник"}),
            programme=self.programme_2,
            kind=self.kind_pupil,
            birth_date=date(2007, 3, 1),
            capacity=5,
            legal_representative_id=parent.id,
            consent_given_by_id=parent.id,
        )
        mentees = self.env["mentorship.mentee"]
        for n in range(5):
            mentees |= self._make_mentee(
                partner({"name": f"Шестиклассник {n}"}),
                programme=self.programme_2,
                kind=self.kind_pupil,
                birth_date=date(2011, 6, 1),
                legal_representative_id=parent.id,
                consent_given_by_id=parent.id,
            )
        pair = self._make_pair(
            mentor, mentees, form=self.form_pupils, date_start=date(2024, 3, 1)
        )
        pair.stage_id = self.stage_work
        many = count_queries()
        self.assertEqual(few, many)
        children = Value.search(
            [
                ("company_id", "=", self.school_2.id),
                ("year", "=", 2024),
                ("indicator_id.code", "=", "children_mentees"),
            ]
        )
        self.assertEqual(children.numerator, 12)
