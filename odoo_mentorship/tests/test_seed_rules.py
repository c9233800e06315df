"""The seeds' rules the product follows (issue: the seeds' remaining rules)."""

from datetime import date

from lxml import etree

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .common import MentorshipCase


@tagged("post_install", "-at_install")
class TestSeedForms(MentorshipCase):
    def test_graduates_mentor_students(self):
        """Graduating students mentor the first-year ones (seed 003, l.58)."""
        form = self.env.ref("odoo_mentorship.form_student_student")
        self.programme.form_ids = [Command.link(form.id)]
        graduate = self._make_mentor(
            self.env["res.partner"].create({"name": "Выпускник Иван"}),
            kind=self.env.ref("odoo_mentorship.kind_graduate"),
        )
        student = self._make_mentee(
            self.env["res.partner"].create({"name": "Первокурсница Анна"}),
            kind=self.env.ref("odoo_mentorship.kind_student"),
        )
        pair = (
            self.env["mentorship.pair"]
            .with_user(self.curator)
            .create(
                {
                    "programme_id": self.programme.id,
                    "mentor_id": graduate.id,
                    "mentee_ids": [Command.set(student.ids)],
                    "form_id": form.id,
                }
            )
        )
        self.assertEqual(pair.mentor_id, graduate)

    def test_forms_of_the_model_programme_have_their_tasks_and_results(self):
        """Seed 001 §7.1 and §7.2: the tasks and expected results of «Ученик – ученик»
        and «Учитель – учитель», shown on the form."""
        for form, tasks, results in (
            (self.form_pupils, 6, 7),
            (self.form_teachers, 5, 8),
        ):
            self.assertEqual(len(form.tasks.splitlines()), tasks, form.name)
            self.assertEqual(
                len(form.expected_results.splitlines()), results, form.name
            )


@tagged("post_install", "-at_install")
class TestOneAgeRule(MentorshipCase):
    def test_indicators_and_accounting_count_the_same_age(self):
        """A pupil aged 9 when the pair starts in September and 10 by 31 December is a
        child of 10–19 for the indicators and in the personalised accounting alike."""
        partner = self.env["res.partner"].create
        parent = partner({"name": "Родитель"})
        self.env["mentorship.kpi.contingent"].create(
            {"company_id": self.school_2.id, "year": 2026, "children_10_19": 10}
        )
        mentor = self._make_mentor(
            partner({"name": "Старшеклассник Олег"}),
            programme=self.programme_2,
            kind=self.kind_pupil,
            birth_date=date(2009, 3, 1),
            legal_representative_id=parent.id,
            consent_given_by_id=parent.id,
        )
        mentee = self._make_mentee(
            partner({"name": "Третьеклассник Петя"}),
            programme=self.programme_2,
            kind=self.kind_pupil,
            birth_date=date(2016, 10, 1),
            legal_representative_id=parent.id,
            consent_given_by_id=parent.id,
        )
        pair = self._make_pair(
            mentor, mentee, form=self.form_pupils, date_start=date(2026, 9, 1)
        )
        pair.stage_id = self.stage_work
        values = self.env["mentorship.kpi.value"]._compute_values(self.school_2, 2026)
        children = values.filtered(
            lambda v: v.indicator_id.code == "children_mentees" and not v.is_district
        )
        self.assertEqual(children.numerator, 1)
        self.env.flush_all()
        row = self.env["mentorship.participation"].search(
            [("pair_id", "=", pair.id), ("role", "=", "mentee")]
        )
        self.assertEqual((row.age, row.age_group), (10, "10_14"))


@tagged("post_install", "-at_install")
class TestAccessibilityGroups(MentorshipCase):
    def test_accessibility_groups_in_the_accounting(self):
        """Orphans, low-income families and rural pupils are shipped
        categories (seed 002, 1.11), and the curator's personalised accounting
        counts their participation apart."""
        shipped = (
            self.env["mentorship.category"]
            .search([("is_accessibility", "=", True)])
            .mapped("code")
        )
        self.assertLessEqual(
            {"orphan", "low_income", "rural", "disability", "gifted", "hard_situation"},
            set(shipped),
        )
        self.mentee_c.category_ids = self.env.ref("odoo_mentorship.category_orphan")
        pair = self._make_pair(self.mentor_a, self.mentee_c | self.mentee_d)
        self.env.flush_all()
        rows = (
            self.env["mentorship.participation"]
            .with_user(self.curator)
            .search([("pair_id", "=", pair.id)])
        )
        self.assertEqual(
            {(row.role, row.partner_id, row.accessibility) for row in rows},
            {
                ("mentor", self.mentor_a.partner_id, False),
                ("mentee", self.mentee_c.partner_id, True),
                ("mentee", self.mentee_d.partner_id, False),
            },
        )
        self.assertEqual(
            self.env["mentorship.participation"]
            .with_user(self.curator)
            .search_count([("pair_id", "=", pair.id), ("accessibility", "=", True)]),
            1,
        )


@tagged("post_install", "-at_install")
class TestReadyMentors(MentorshipCase):
    def test_only_selected_and_trained_mentors_are_suggested(self):
        """Selection and training come before pairs (seed 000, seed 001): a candidate
        mentor is not suggested, and the wizard says why."""
        candidate = self._make_mentor(
            self.env["res.partner"].create({"name": "Кандидат Новиков"}),
            stage_id=self.env.ref("odoo_mentorship.mentor_stage_candidate").id,
        )
        wizard = (
            self.env["mentorship.match.wizard"]
            .with_user(self.curator)
            .create({"programme_id": self.programme.id, "mode": "top"})
        )
        wizard.action_suggest()
        self.assertTrue(wizard.line_ids)
        self.assertNotIn(candidate, wizard.line_ids.mentor_id)
        self.assertIn("Кандидат Новиков", wizard.left_out)
        self.assertIn(candidate.stage_id.name, wizard.left_out)


@tagged("post_install", "-at_install")
class TestRoadmapCalendars(MentorshipCase):
    def test_templates_start_on_their_own_calendar(self):
        """The district template is written from 1 February (seed 002): for a
        programme starting on 1 September 2026, the wizard proposes
        1 February 2027 and says why."""
        self.programme.date_start = date(2026, 9, 1)
        wizard = (
            self.env["mentorship.roadmap.create"]
            .with_user(self.curator)
            .create(
                {
                    "template_id": self.env.ref(
                        "odoo_mentorship.roadmap_template_municipality_2022"
                    ).id,
                    "programme_id": self.programme.id,
                }
            )
        )
        self.assertEqual(wizard.date_start, date(2027, 2, 1))
        self.assertTrue(wizard.anchor)
        # the school template starts with the school year
        wizard.template_id = self.env.ref(
            "odoo_mentorship.roadmap_template_school_2021"
        )
        self.assertEqual(wizard.date_start, date(2026, 9, 1))

    def test_monthly_and_quarterly_activities_come_back(self):
        """«Ежемесячно 25 числа» and «ежеквартально» (seed 001 §9, 4.1 and 4.2): each
        occurrence is an activity of its own with its own deadline."""
        template = self.env.ref("odoo_mentorship.roadmap_template_programme_2021")
        roadmap = self.env["mentorship.roadmap"]._create_from_template(
            template, date(2026, 5, 1), programme=self.programme
        )
        activities = roadmap.stage_ids.activity_ids
        monthly = activities.filtered(lambda a: a.number == "4.2")
        quarterly = activities.filtered(lambda a: a.number == "4.1")
        self.assertEqual(
            (monthly.recurrence, monthly.deadline), ("monthly", date(2026, 5, 25))
        )
        self.assertEqual(
            (quarterly.recurrence, quarterly.deadline), ("quarterly", date(2026, 6, 30))
        )
        (monthly | quarterly).with_user(self.curator).action_done()
        following = self.env["mentorship.roadmap.activity"].search(
            [("previous_id", "in", (monthly | quarterly).ids)]
        )
        self.assertEqual(
            sorted(following.mapped("deadline")), [date(2026, 6, 25), date(2026, 9, 30)]
        )
        # the end of a quarter stays the end of a quarter
        next_quarter = following.filtered(lambda a: a.previous_id == quarterly)
        next_quarter.with_user(self.curator).action_done()
        self.assertEqual(
            self.env["mentorship.roadmap.activity"]
            .search([("previous_id", "=", next_quarter.id)])
            .deadline,
            date(2026, 12, 31),
        )


@tagged("post_install", "-at_install")
class TestPairsFixedByOrder(MentorshipCase):
    def test_a_pair_starts_working_once_an_order_fixes_it(self):
        """Seed 004 and seed 000, row 20: with the school's setting (on for a new
        school), a forming pair takes no meeting and does not move on by hand until the
        director approves the order that lists it; the pair then shows that order."""
        self.assertTrue(
            self.env["res.company"]
            .create({"name": "Новая школа"})
            .mentorship_pairs_need_order
        )
        self.school_1.mentorship_pairs_need_order = True
        pair = self._make_pair(self.mentor_a, self.mentee_c)
        Meeting = self.env["mentorship.meeting"].with_user(self.teacher_a)
        with self.assertRefused(UserError, "not fixed by an approved order"):
            Meeting.create({"pair_id": pair.id, "meeting_type": "intro"})
        with self.assertRefused(UserError, "not fixed by an approved order"):
            pair.with_user(self.curator).stage_id = self.stage_intro
        self.assertIn(
            pair,
            self.env["mentorship.pair"]
            .with_user(self.curator)
            .search([("order_id", "=", False)]),
        )
        order = (
            self.env["mentorship.order"]
            .with_user(self.curator)
            .create(
                {
                    "order_type": "pairs",
                    "programme_id": self.programme.id,
                    "pair_ids": [Command.set(pair.ids)],
                }
            )
        )
        order.with_user(self.manager).action_approve()
        self.assertEqual(pair.order_id, order)
        self.assertEqual(pair.state, "working")
        meeting = Meeting.create({"pair_id": pair.id, "meeting_type": "intro"})
        self.assertEqual(meeting.pair_id, pair)


@tagged("post_install", "-at_install")
class TestCategoriesByKind(MentorshipCase):
    def test_the_form_offers_the_categories_of_the_persons_kind(self):
        """A pupil's categories are those of pupils (orphan, low
        results...), not a teacher's (young specialist): the kinds of a
        category decide where it is offered."""
        arch = (
            self.env["mentorship.mentee"]
            .with_user(self.curator)
            .get_views([(False, "form")])["views"]["form"]["arch"]
        )
        node = etree.fromstring(arch).xpath("//sheet//field[@name='category_ids']")[0]
        domain = safe_eval(node.get("domain"), {"kind_id": self.kind_pupil.id})
        offered = self.env["mentorship.category"].with_user(self.curator).search(domain)
        self.assertIn(self.env.ref("odoo_mentorship.category_orphan"), offered)
        self.assertNotIn(
            self.env.ref("odoo_mentorship.category_young_specialist"), offered
        )
