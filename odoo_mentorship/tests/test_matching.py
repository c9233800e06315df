from dateutil.relativedelta import relativedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import MentorshipCase


@tagged("post_install", "-at_install")
class TestMatching(MentorshipCase):
    """Mentor suggestions: scores and explanations, hard exclusions, the optimal
    assignment of a pool within capacities, and the pairs the curator accepts."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Tag = cls.env["mentorship.tag"]
        cls.tags = Tag.create([{"name": f"Тема подбора {n}"} for n in range(1, 7)])
        cls.criteria = {
            criterion.code: criterion
            for criterion in cls.env["mentorship.matching.criterion"].search([])
        }
        cls.kind_parent = cls.env.ref("odoo_mentorship.kind_parent")
        cls.stage_dissolved = cls.env.ref("odoo_mentorship.pair_stage_dissolved")

    # ------------------------------------------------------------
    # HELPERS
    # ------------------------------------------------------------

    def _set_weights(self, **weights):
        """Only the given criteria count, with these weights."""
        for code, criterion in self.criteria.items():
            criterion.weight = weights.get(code, 0.0)

    def _request(self, mentee, *tags, **vals):
        return self.env["mentorship.request"].create(
            {
                "mentee_id": mentee.id,
                "name": f"Запрос {len(mentee.request_ids) + 1}",
                "tag_ids": [(6, 0, [tag.id for tag in tags])],
                **vals,
            }
        )

    def _teacher(self, name, **vals):
        return self.env["res.partner"].create({"name": name, **vals})

    def _employee(self, name, hired, department=None, **vals):
        employee = self.env["hr.employee"].create(
            {
                "name": name,
                "company_id": self.school_1.id,
                "department_id": department and department.id,
                **vals,
            }
        )
        self.env["hr.contract"].create(
            {
                "name": f"Трудовой договор {name}",
                "employee_id": employee.id,
                "date_start": hired,
                "wage": 50000,
                "state": "open",
            }
        )
        return employee

    def _suggest(self, mentees=None, mode="pool"):
        wizard = (
            self.env["mentorship.match.wizard"]
            .with_user(self.curator)
            .create(
                {
                    "programme_id": self.programme.id,
                    "mode": mode,
                    "mentee_ids": [(6, 0, mentees.ids if mentees else [])],
                }
            )
        )
        wizard.action_suggest()
        return wizard

    def _assignment(self, wizard):
        return {line.mentee_id: line.mentor_id for line in wizard.line_ids}

    def _problem(self, mentees, mentors=None):
        Matching = self.env["mentorship.matching"].with_user(self.curator)
        mentors = mentors or self.programme.mentor_ids
        return Matching._build_problem(
            self.programme,
            mentees.with_user(self.curator),
            mentors.with_user(self.curator),
        )

    def _score(self, mentee, mentor):
        problem = self._problem(mentee, mentor)
        return (
            problem.score[0, 0],
            problem.explain(0, 0),
            problem.exclusion_reason(0, 0),
        )

    # ------------------------------------------------------------
    # SCORES AND EXPLANATIONS
    # ------------------------------------------------------------

    def test_score_and_explanation(self):
        self._set_weights(
            topics=4, department=1, form=1, experience=2, age=1, preference=2
        )
        digital, maths, psychology = self.tags[:3]
        self.mentor_a.competence_tag_ids = digital | maths
        self._request(self.mentee_c, digital)
        self._request(self.mentee_c, psychology)
        self._request(
            self.mentee_c, maths, is_met=True
        )  # answered already: not counted
        self._request(self.mentee_c)  # without topics: not counted
        score, explanation, exclusion = self._score(self.mentee_c, self.mentor_a)
        # topics 1 of 2 (weight 4), the form names both kinds (1), experience unknown
        # (2); department, age and preference do not apply to this pair
        self.assertAlmostEqual(score, round(100 * (4 * 0.5 + 1) / 7, 2))
        self.assertEqual(
            explanation,
            "Requests matched: 1 of 2; Form: Teacher – Teacher; Mentor's teaching "
            "experience unknown",
        )
        self.assertIsNone(exclusion)

        self.mentee_c.preferred_mentor_id = self.mentor_b
        score_a, explanation_a, _exclusion = self._score(self.mentee_c, self.mentor_a)
        score_b, explanation_b, _exclusion = self._score(self.mentee_c, self.mentor_b)
        self.assertIn("The mentee prefers Борис Учитель", explanation_a)
        self.assertIn("The mentee's preferred mentor", explanation_b)
        self.assertAlmostEqual(score_a, round(100 * 3 / 9, 2))
        self.assertAlmostEqual(score_b, round(100 * (1 + 2) / 9, 2))

    def test_experience_and_department_for_teachers(self):
        self._set_weights(department=1, experience=1)
        self.criteria["experience"].target = 5
        today = self.today
        maths = self.env["hr.department"].create(
            {"name": "Кафедра математики", "company_id": self.school_1.id}
        )
        history = self.env["hr.department"].create(
            {"name": "Кафедра истории", "company_id": self.school_1.id}
        )
        veteran = self._employee(
            "Опытный Математик", today - relativedelta(years=15), maths
        )
        junior = self._employee(
            "Учитель Истории", today - relativedelta(years=2, months=6), history
        )
        young = self._employee(
            "Молодой Математик", today - relativedelta(years=1, months=6), maths
        )
        mentor_veteran = self._make_mentor(
            veteran.work_contact_id, employee_id=veteran.id
        )
        mentor_junior = self._make_mentor(junior.work_contact_id, employee_id=junior.id)
        mentee = self._make_mentee(young.work_contact_id, employee_id=young.id)

        score, explanation, _exclusion = self._score(mentee, mentor_veteran)
        self.assertEqual(
            score, 100.0, "same department, lead of 13 years over a target of 5"
        )
        self.assertIn("Same department: Кафедра математики", explanation)
        self.assertIn("Mentor's teaching experience: 15 years", explanation)
        self.assertIn("Mentee's teaching experience: 1 years", explanation)
        score, explanation, _exclusion = self._score(mentee, mentor_junior)
        self.assertAlmostEqual(
            score, 10.0, delta=0.5, msg="other department, lead of one year of 5"
        )
        self.assertIn("Another department", explanation)
        self.assertIn("Mentor's teaching experience: 2 years", explanation)

        wizard = self._suggest(mentee)
        self.assertEqual(self._assignment(wizard), {mentee: mentor_veteran})

        # the direct manager is never suggested
        young.parent_id = veteran
        _score, _explanation, exclusion = self._score(mentee, mentor_veteran)
        self.assertEqual(exclusion, "Опытный Математик is the mentee's direct manager.")
        wizard = self._suggest(mentee)
        self.assertEqual(self._assignment(wizard), {mentee: mentor_junior})

    def test_age_gap_for_pupils(self):
        self._set_weights(age=1)
        self.criteria["age"].target = 2
        parent = self._teacher("Родитель Учеников")

        def pupil(name, age, base):
            vals = {
                "birth_date": self.today - relativedelta(years=age),
                "legal_representative_id": parent.id,
                "consent_given_by_id": parent.id,
            }
            return base(self._teacher(name), kind=self.kind_pupil, **vals)

        mentee = pupil("Ученик Семиклассник", 13, self._make_mentee)
        two_older = pupil("Ученик Девятиклассник", 15, self._make_mentor)
        one_older = pupil("Ученик Восьмиклассник", 14, self._make_mentor)
        younger = pupil("Ученик Шестиклассник", 12, self._make_mentor)
        self.assertTrue(mentee.has_valid_consent)
        mentors = two_older | one_older | younger
        problem = self._problem(mentee, mentors)
        scores = dict(zip(problem.mentors, problem.score[0].tolist(), strict=False))
        self.assertAlmostEqual(scores[two_older], 100.0, delta=0.5)
        self.assertAlmostEqual(scores[one_older], 50.0, delta=0.5)
        self.assertEqual(scores[younger], 0.0, "a younger pupil earns no age points")
        j = problem.index_of_mentor[two_older.id]
        self.assertIn("Age gap: 2.0 years", problem.explain(0, j))
        self.assertIn("Form: Pupil – Pupil", problem.explain(0, j))
        wizard = self._suggest(mentee)
        self.assertEqual(self._assignment(wizard), {mentee: two_older})

    # ------------------------------------------------------------
    # HARD EXCLUSIONS
    # ------------------------------------------------------------

    def test_exclusion_same_person(self):
        self_mentee = self._make_mentee(self.teacher_a.partner_id)
        _score, _explanation, exclusion = self._score(self_mentee, self.mentor_a)
        self.assertEqual(exclusion, "Анна Учитель cannot mentor themselves.")
        wizard = self._suggest(self_mentee, mode="top")
        self.assertEqual(wizard.line_ids.mentor_id, self.mentor_b)

    def test_exclusion_mentor_at_capacity(self):
        self._make_pair(self.mentor_b, self.mentee_d)
        _score, _explanation, exclusion = self._score(self.mentee_c, self.mentor_b)
        self.assertEqual(exclusion, "Борис Учитель has no free place (1 of 1).")
        self.mentor_a.capacity = 1
        self._make_pair(
            self.mentor_a, self._make_mentee(self._teacher("Третий Наставляемый"))
        )
        wizard = self._suggest(self.mentee_c)
        self.assertFalse(wizard.line_ids)
        self.assertEqual(wizard.unmatched_ids.mentee_id, self.mentee_c)
        self.assertEqual(
            wizard.unmatched_ids.reason, "No admissible mentor (no free place: 2)."
        )

    def test_exclusion_missing_consent(self):
        self.mentor_b.consent_withdrawn = True
        _score, _explanation, exclusion = self._score(self.mentee_c, self.mentor_b)
        self.assertEqual(exclusion, "Борис Учитель has withdrawn the consent.")
        self.mentee_d.consent_date = False
        wizard = self._suggest(self.mentee_c | self.mentee_d)
        self.assertEqual(self._assignment(wizard), {self.mentee_c: self.mentor_a})
        self.assertEqual(wizard.unmatched_ids.mentee_id, self.mentee_d)
        self.assertEqual(
            wizard.unmatched_ids.reason, "The consent of Глеб Молодой is not recorded."
        )

    def test_exclusion_dissolved_pair(self):
        self._set_weights(form=1)
        pair = self._make_pair(self.mentor_a, self.mentee_c)
        pair.action_dissolve()
        self.assertEqual(pair.stage_id, self.stage_dissolved)
        _score, _explanation, exclusion = self._score(self.mentee_c, self.mentor_a)
        self.assertEqual(
            exclusion,
            "A previous pair with Анна Учитель was dissolved or found not a good fit.",
        )
        # the same two people in the next programme are not suggested either
        programme = self._make_programme(self.school_1, self.curator)
        mentor = self._make_mentor(self.teacher_a.partner_id, programme=programme)
        mentee = self._make_mentee(self.teacher_c.partner_id, programme=programme)
        problem = self.env["mentorship.matching"]._build_problem(
            programme, mentee, mentor
        )
        self.assertFalse(problem.admissible[0, 0])
        wizard = self._suggest(self.mentee_c)
        self.assertEqual(self._assignment(wizard), {self.mentee_c: self.mentor_b})

    def test_exclusion_not_a_good_fit_and_reforming(self):
        pair = self._make_pair(self.mentor_a, self.mentee_c)
        self._log_meeting(pair, "intro", days_ago=3)
        trial = self._log_meeting(pair, "trial", days_ago=1)
        self.env["mentorship.meeting.feedback"].with_user(self.teacher_c).create(
            {
                "meeting_id": trial.id,
                "mentee_id": self.mentee_c.id,
                "rating": "2",
                "not_good_fit": True,
            }
        )
        self.assertEqual(pair.stage_id, self.stage_forming)
        # sent back, the mentee waits again, but not for the same mentor
        wizard = self._suggest()
        self.assertEqual(wizard.line_ids.mentee_id, self.mentee_c | self.mentee_d)
        self.assertEqual(self._assignment(wizard)[self.mentee_c], self.mentor_b)
        wizard.line_ids.filtered(
            lambda line: line.mentee_id == self.mentee_d
        ).accepted = False
        wizard.action_create_pairs()
        self.assertEqual(
            pair.stage_id,
            self.stage_dissolved,
            "the pair sent back gives way to the new one",
        )
        new_pair = self.mentee_c.pair_ids - pair
        self.assertEqual(new_pair.mentor_id, self.mentor_b)
        self.assertEqual(new_pair.stage_id, self.stage_forming)

    def test_exclusion_no_form_for_the_kinds(self):
        parent = self._make_mentor(
            self._teacher("Активный Родитель"), kind=self.kind_parent
        )
        _score, _explanation, exclusion = self._score(self.mentee_c, parent)
        self.assertEqual(
            exclusion, "No form of the programme lets a Parent mentor a Teacher."
        )

    # ------------------------------------------------------------
    # THE ASSIGNMENT OF A POOL
    # ------------------------------------------------------------

    def test_capacity_respected(self):
        self._set_weights(form=1)
        mentees = self.mentee_c | self.mentee_d
        for n in range(3):
            mentees |= self._make_mentee(self._teacher(f"Наставляемый {n}"))
        self._make_pair(self.mentor_a, self._make_mentee(self._teacher("Уже в паре")))
        wizard = self._suggest(mentees)
        loads = {}
        for mentor in wizard.line_ids.mentor_id:
            loads[mentor] = len(
                wizard.line_ids.filtered(lambda line, m=mentor: line.mentor_id == m)
            )
        self.assertEqual(
            loads, {self.mentor_a: 1, self.mentor_b: 1}, "one place left each"
        )
        self.assertEqual(len(wizard.unmatched_ids), 3)
        self.assertEqual(
            set(wizard.unmatched_ids.mapped("reason")),
            {
                (
                    "The places of the 2 admissible mentor(s) went to mentees with "
                    "better matches."
                )
            },
        )
        self.assertEqual(
            wizard.summary, "2 of 5 mentee(s) matched, average score 100.0."
        )

    def test_optimal_where_greedy_fails(self):
        self._set_weights(topics=1)
        t1, t2, t3, t4, t5, t6 = self.tags
        self.mentor_a.write(
            {
                "capacity": 1,
                "competence_tag_ids": [(6, 0, (t1 | t2 | t3 | t4 | t5).ids)],
            }
        )
        self.mentor_b.competence_tag_ids = t1 | t2 | t3
        for tag in (t1, t2, t3, t4):
            self._request(self.mentee_c, tag)
        for tag in (t5, t6):
            self._request(self.mentee_d, tag)
        problem = self._problem(self.mentee_c | self.mentee_d)
        self.assertEqual(problem.score.tolist(), [[100.0, 75.0], [50.0, 0.0]])
        # greedy, best score first: Вера takes Анна (100), Глеб gets Борис (0): 100 in
        # all; the optimum gives Анна to Глеб: 75 + 50 = 125
        wizard = self._suggest(self.mentee_c | self.mentee_d)
        self.assertEqual(
            self._assignment(wizard),
            {self.mentee_c: self.mentor_b, self.mentee_d: self.mentor_a},
        )
        self.assertEqual(sum(wizard.line_ids.mapped("score")), 125.0)
        line_d = wizard.line_ids.filtered(lambda line: line.mentee_id == self.mentee_d)
        self.assertIn("Requests matched: 1 of 2", line_d.explanation)

    def test_deterministic_with_ties_by_id(self):
        self._set_weights(form=1)
        extra = self._make_mentor(self._teacher("Третий Наставник"), capacity=3)
        mentees = self.mentee_c | self.mentee_d
        first = self._assignment(self._suggest(mentees))
        for _run in range(3):
            self.assertEqual(self._assignment(self._suggest(mentees)), first)
        self.assertEqual(
            first,
            {self.mentee_c: self.mentor_a, self.mentee_d: self.mentor_a},
            "ties go to the lower id",
        )
        top = self._suggest(self.mentee_c, mode="top")
        self.assertEqual(
            top.line_ids.mapped("mentor_id"), self.mentor_a | self.mentor_b | extra
        )
        self.assertEqual(
            top.line_ids.sorted("rank").mentor_id.ids,
            sorted((self.mentor_a | self.mentor_b | extra).ids),
        )

    def test_waiting_base(self):
        working = self._make_mentee(self._teacher("В работающей паре"))
        finished = self._make_mentee(self._teacher("Завершивший"))
        pair = self._make_pair(self.mentor_a, working)
        pair.stage_id = self.stage_work
        done = self._make_pair(self.mentor_a, finished)
        done.stage_id = self.stage_done
        wizard = self._suggest()
        self.assertEqual(
            wizard.line_ids.mentee_id | wizard.unmatched_ids.mentee_id,
            self.mentee_c | self.mentee_d,
        )
        # a mentee chosen by hand in a pair under way is listed with the reason
        wizard = self._suggest(working)
        self.assertIn("Already in a pair under way", wizard.unmatched_ids.reason)

    # ------------------------------------------------------------
    # THE CURATOR'S DECISIONS
    # ------------------------------------------------------------

    def test_accepted_lines_become_forming_pairs(self):
        wizard = self._suggest(self.mentee_c | self.mentee_d)
        self.assertTrue(all(wizard.line_ids.mapped("accepted")))
        line_d = wizard.line_ids.filtered(lambda line: line.mentee_id == self.mentee_d)
        line_d.accepted = False
        action = wizard.action_create_pairs()
        pairs = self.env["mentorship.pair"].search(action["domain"])
        self.assertEqual(pairs.mentee_ids, self.mentee_c)
        self.assertEqual(pairs.stage_id, self.stage_forming)
        self.assertEqual(pairs.programme_id, self.programme)
        self.assertEqual(pairs.form_id, self.form_teachers)
        self.assertEqual(pairs.curator_id, self.curator)
        self.assertFalse(self.mentee_d.pair_ids)

    def test_curator_edits_a_suggestion(self):
        self._set_weights(topics=1)
        self.mentor_b.competence_tag_ids = self.tags[0]
        self._request(self.mentee_c, self.tags[0])
        wizard = self._suggest(self.mentee_c)
        self.assertEqual(self._assignment(wizard), {self.mentee_c: self.mentor_b})
        with Form(wizard) as form:
            with form.line_ids.edit(0) as line:
                line.mentor_id = self.mentor_a
                self.assertEqual(line.score, 0.0)
                self.assertIn("Requests matched: 0 of 1", line.explanation)
        self.assertEqual(wizard.line_ids.mentor_id, self.mentor_a)
        # a mentor that may not be chosen is shown with the reason and refused
        self_mentee = self._make_mentee(self.teacher_b.partner_id)
        wizard.line_ids.write(
            {"mentee_id": self_mentee.id, "mentor_id": self.mentor_b.id}
        )
        self.assertEqual(
            wizard.line_ids.exclusion, "Борис Учитель cannot mentor themselves."
        )
        with self.assertRefused(UserError, "cannot be paired with"):
            wizard.action_create_pairs()
        wizard.line_ids.accepted = False
        with self.assertRefused(UserError, "Accept at least one"):
            wizard.action_create_pairs()

    def test_top_five_from_the_mentee_form(self):
        self._set_weights(topics=1)
        mentors = self.mentor_a | self.mentor_b
        for n in range(4):
            mentors |= self._make_mentor(self._teacher(f"Наставник {n}"))
        for tag in self.tags[:5]:
            self._request(self.mentee_c, tag)
        # the n-th mentor knows n of the 5 topics of the mentee
        for n, mentor in enumerate(mentors):
            mentor.competence_tag_ids = self.tags[:n]
        action = (
            self.env.ref("odoo_mentorship.mentorship_match_wizard_action_top")
            .with_user(self.curator)
            .with_context(
                active_model="mentorship.mentee",
                active_id=self.mentee_c.id,
                active_ids=self.mentee_c.ids,
            )
            .run()
        )
        wizard = (
            self.env["mentorship.match.wizard"]
            .with_user(self.curator)
            .browse(action["res_id"])
        )
        lines = wizard.line_ids.sorted("rank")
        self.assertEqual(lines.mapped("rank"), [1, 2, 3, 4, 5])
        self.assertEqual(lines.mentor_id.ids, mentors.ids[::-1][:5])
        self.assertEqual(lines.mapped("score"), [100.0, 80.0, 60.0, 40.0, 20.0])
        self.assertEqual(
            lines[0].explanation, "Requests matched: 5 of 5; Form: Teacher – Teacher"
        )
        self.assertFalse(any(lines.mapped("accepted")))
        lines[1].accepted = True
        wizard.action_create_pairs()
        self.assertEqual(self.mentee_c.pair_ids.mentor_id, lines[1].mentor_id)

    def test_access(self):
        Wizard = self.env["mentorship.match.wizard"]
        for user in (self.teacher_a, self.coordinator):
            with self.assertRaises(AccessError):
                Wizard.with_user(user).create({"programme_id": self.programme.id})
        with self.assertRaises(AccessError):
            Wizard.with_user(self.curator_2).create(
                {"programme_id": self.programme.id}
            ).action_suggest()
        criterion = self.criteria["topics"]
        with self.assertRaises(AccessError):
            criterion.with_user(self.curator).weight = 2
        criterion.with_user(self.manager).weight = 2
        self.assertEqual(criterion.weight, 2)
