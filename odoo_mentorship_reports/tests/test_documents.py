import base64
from datetime import date, datetime

from lxml import html

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged
from odoo.tools.misc import find_in_path

from odoo.addons.odoo_mentorship.tests.common import MentorshipCase
from odoo.addons.odoo_mentorship_reports.report.report_tools import date_in_words


def text_of(element):
    return " ".join(element.text_content().split())


@tagged("post_install", "-at_install")
class TestDocuments(MentorshipCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.director = cls.env["res.partner"].create(
            {"name": "Новикова Людмила Александровна"}
        )
        cls.pair = cls._make_pair(
            cls.mentor_a, cls.mentee_c | cls.mentee_d, date_start=date(2025, 10, 1)
        )
        cls.order = cls.env["mentorship.order"].create(
            {
                "order_type": "pairs",
                "programme_id": cls.programme.id,
                "date": date(2025, 10, 1),
                "signatory_id": cls.director.id,
                "preamble": (
                    "<p>В соответствии с распоряжением Минпросвещения России от "
                    "25.12.2019 № Р-145</p>"
                ),
                "item_ids": [
                    Command.create(
                        {"name": "Закрепить наставнические пары согласно приложению."}
                    ),
                    Command.create(
                        {"name": "Контроль исполнения приказа оставляю за собой."}
                    ),
                ],
                "pair_ids": [Command.set(cls.pair.ids)],
                "acquainted_ids": [
                    Command.set((cls.teacher_a | cls.teacher_c).partner_id.ids)
                ],
            }
        )

    def _render(self, xmlid, records, user=None, data=None):
        report = self.env.ref(xmlid)
        Report = self.env["ir.actions.report"]
        if user:
            Report = Report.with_user(user)
        content, _type = Report._render_qweb_html(report, records.ids, data=data)
        return html.fromstring(content)

    def test_order_of_pairs(self):
        self.order.with_user(self.manager).action_approve()
        tree = self._render(
            "odoo_mentorship_reports.action_report_order", self.order, self.curator
        )
        self.assertEqual(
            text_of(tree.xpath("//td[hasclass('o_order_number')]")[0]), "№ 1"
        )
        self.assertEqual(
            text_of(tree.xpath("//td[hasclass('o_order_date')]")[0]),
            "01 октября 2025 г.",
        )
        self.assertIn(
            "Р-145", text_of(tree.xpath("//div[hasclass('o_order_preamble')]")[0])
        )
        self.assertEqual(len(tree.xpath("//ol[hasclass('o_order_items')]/li")), 2)
        pair_row = text_of(tree.xpath("//table[hasclass('o_order_pairs')]/tbody/tr")[0])
        for name in (
            "Анна Учитель",
            "Вера Молодая",
            "Глеб Молодой",
            "01 октября 2025 г.",
        ):
            self.assertIn(name, pair_row)
        consents = [
            text_of(row) for row in tree.xpath("//tr[hasclass('o_order_consent')]")
        ]
        self.assertEqual(len(consents), 3, "a consent line for every participant")
        self.assertTrue(consents[1].startswith("Вера Молодая Вера Молодая"))
        self.assertIn("Новикова Людмила Александровна", text_of(tree))
        acquainted = tree.xpath("//table[hasclass('o_order_acquainted')]//tr")
        self.assertEqual(len(acquainted), 2)

    def test_letterhead_of_the_school(self):
        """Documents open with the school's letterhead in the body (Debian's wkhtmltopdf
        prints no page header), without Odoo's "Your logo" picture of a new company."""
        company = self.order.company_id
        # a new school has Odoo's "Your logo" picture as its logo
        company.write(
            {
                "city": "Таштагол",
                "street": "ул. Ленина, д. 21",
                "phone": "+7 (38473) 3-15-05",
                "logo": company._get_logo(),
            }
        )
        tree = self._render(
            "odoo_mentorship_reports.action_report_order", self.order, self.curator
        )
        letterhead = tree.xpath("//div[hasclass('o_mentorship_letterhead')]")
        self.assertEqual(len(letterhead), 1)
        self.assertEqual(
            text_of(letterhead[0].xpath(".//div[hasclass('o_letterhead_name')]")[0]),
            company.name,
        )
        self.assertIn("Таштагол, ул. Ленина, д. 21", text_of(letterhead[0]))
        self.assertFalse(tree.xpath("//img"))
        # the school's own logo is printed
        company.logo = base64.b64encode(
            b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
        )
        tree = self._render(
            "odoo_mentorship_reports.action_report_order", self.order, self.curator
        )
        self.assertEqual(len(tree.xpath("//img[hasclass('o_letterhead_logo')]")), 1)

    def test_individual_plan_and_diary(self):
        self.pair.plan_line_ids = [
            Command.create(
                {"goal": "Провести открытый урок", "deadline": date(2025, 12, 20)}
            )
        ]
        self._log_meeting(self.pair, "intro", days_ago=0)
        self.env["mentorship.meeting"].create(
            [
                {
                    "pair_id": self.pair.id,
                    "meeting_type": "trial",
                    "date_start": datetime(2025, 10, 8, 9),
                    "agenda": "Пробная встреча",
                },
                {
                    "pair_id": self.pair.id,
                    "meeting_type": "planning",
                    "date_start": datetime(2025, 11, 12, 9),
                    "agenda": "План",
                },
            ]
        )
        tree = self._render(
            "odoo_mentorship_reports.action_report_plan", self.pair, self.teacher_c
        )
        self.assertEqual(
            text_of(tree.xpath("//strong[hasclass('o_plan_mentees')]")[0]),
            "Вера Молодая, Глеб Молодой",
        )
        self.assertIn(
            "20 декабря 2025 г.",
            text_of(tree.xpath("//table[hasclass('o_plan_lines')]")[0]),
        )
        # the diary for October only
        tree = self._render(
            "odoo_mentorship_reports.action_report_diary",
            self.pair,
            self.teacher_a,
            data={"date_from": "2025-10-01", "date_to": "2025-10-31"},
        )
        rows = tree.xpath("//table[hasclass('o_diary_meetings')]/tbody/tr")
        self.assertEqual(len(rows), 1)
        self.assertIn("08 октября 2025 г.", text_of(rows[0]))
        self.assertEqual(
            text_of(tree.xpath("//span[hasclass('o_diary_count')]")[0]), "1"
        )
        wizard = (
            self.env["mentorship.diary.print"]
            .with_user(self.teacher_a)
            .create(
                {
                    "pair_ids": [Command.set(self.pair.ids)],
                    "date_from": date(2025, 10, 1),
                }
            )
        )
        self.assertEqual(wizard.action_print()["data"]["date_from"], "2025-10-01")

    def test_diary_printed_from_the_wizard(self):
        """The web client prints a report with data without ids in the URL: the
        wizard's pairs must reach the report all the same."""
        self.env["mentorship.meeting"].create(
            {
                "pair_id": self.pair.id,
                "meeting_type": "trial",
                "date_start": datetime(2025, 10, 8, 9),
                "agenda": "Пробная",
            }
        )
        wizard = (
            self.env["mentorship.diary.print"]
            .with_user(self.teacher_a)
            .with_context(active_ids=self.pair.ids)
            .create({"date_from": date(2025, 10, 1)})
        )
        action = wizard.action_print()
        report = self.env.ref("odoo_mentorship_reports.action_report_diary")
        # as /report/html/<report>?options=<data> does: no docids
        content, _type = (
            self.env["ir.actions.report"]
            .with_user(self.teacher_a)
            ._render_qweb_html(report, None, data=action["data"])
        )
        tree = html.fromstring(content)
        self.assertEqual(
            len(tree.xpath("//table[hasclass('o_diary_meetings')]/tbody/tr")), 1
        )
        self.assertIn("Пробная", text_of(tree))

    def test_participant_cannot_print_another_pair(self):
        other = self._make_pair(
            self.mentor_b,
            self._make_mentee(self.env["res.partner"].create({"name": "Чужой"})),
        )
        with self.assertRaises(AccessError):
            self._render(
                "odoo_mentorship_reports.action_report_plan", other, self.teacher_c
            )
        with self.assertRaises(AccessError):
            self._render(
                "odoo_mentorship_reports.action_report_diary", other, self.teacher_c
            )

    def test_order_of_the_bases(self):
        """Seed 000, row 5: the order approving the bases prints them as
        its annexes; the categories of the people (sensitive data) only
        for those who may read them."""
        gifted = self.env.ref("odoo_mentorship.category_gifted")
        self.mentee_c.category_ids = gifted
        order = (
            self.env["mentorship.order"]
            .with_user(self.curator)
            .create(
                {
                    "order_type": "bases",
                    "programme_id": self.programme.id,
                    "date": date(2025, 10, 1),
                }
            )
        )
        order.with_user(self.manager).action_approve()
        tree = self._render(
            "odoo_mentorship_reports.action_report_order", order, self.curator
        )
        mentors = [
            text_of(row)
            for row in tree.xpath("//table[hasclass('o_order_base_mentors')]/tbody/tr")
        ]
        mentees = [
            text_of(row)
            for row in tree.xpath("//table[hasclass('o_order_base_mentees')]/tbody/tr")
        ]
        self.assertEqual(len(mentors), 2)
        self.assertTrue(mentors[0].startswith("1 Анна Учитель"), mentors)
        self.assertEqual(len(mentees), 2)
        self.assertIn(gifted.name, mentees[0])
        self.assertEqual(len(tree.xpath("//ol[hasclass('o_order_items')]/li")), 3)
        # the district reads the bases order without the categories
        tree = self._render(
            "odoo_mentorship_reports.action_report_order", order, self.coordinator
        )
        mentees = [
            text_of(row)
            for row in tree.xpath("//table[hasclass('o_order_base_mentees')]/tbody/tr")
        ]
        self.assertEqual(len(mentees), 2)
        self.assertNotIn(gifted.name, " ".join(mentees))

    def test_order_of_the_education_office_in_russian(self):
        """A district's order prints its schools and is signed by the head of the
        education office; printed in Russian, its wording is Russian."""
        self.env["res.lang"]._activate_lang("ru_RU")
        self.env["ir.module.module"]._load_module_terms(
            ["odoo_mentorship", "odoo_mentorship_reports"], ["ru_RU"], overwrite=True
        )
        self.curator.company_ids = self.school_1 | self.school_2
        order = (
            self.env["mentorship.order"]
            .with_user(self.curator)
            .create(
                {
                    "order_type": "district_schools",
                    "date": date(2025, 10, 1),
                    "school_ids": [Command.set((self.school_1 | self.school_2).ids)],
                }
            )
        )
        tree = self._render(
            "odoo_mentorship_reports.action_report_order", order, self.curator
        )
        schools = [
            text_of(li) for li in tree.xpath("//ol[hasclass('o_order_schools')]/li")
        ]
        self.assertEqual(
            schools, sorted((self.school_1 | self.school_2).mapped("name"))
        )
        self.assertEqual(
            text_of(tree.xpath("//td[hasclass('o_order_signatory_title')]")[0]),
            "Head of the Education Office",
        )
        self.curator.lang = "ru_RU"
        order_ru = (
            self.env["mentorship.order"]
            .with_user(self.curator)
            .create(
                {
                    "order_type": "motivation",
                    "date": date(2025, 10, 1),
                }
            )
        )
        self.assertIn("Р-145", order_ru.preamble)
        tree = self._render(
            "odoo_mentorship_reports.action_report_order", order_ru, self.curator
        )
        self.assertIn("ПРИКАЗЫВАЮ:", text_of(tree))
        self.assertNotIn("ORDER", text_of(tree))

    def test_district_prints_figures_without_personal_data(self):
        """The coordinator prints the school's documents it reads: the
        order without the consents (who gave them, when), the monitoring
        with the averages of the growth."""
        self.order.with_user(self.manager).action_approve()
        tree = self._render(
            "odoo_mentorship_reports.action_report_order", self.order, self.coordinator
        )
        self.assertTrue(tree.xpath("//table[hasclass('o_order_pairs')]/tbody/tr"))
        self.assertFalse(tree.xpath("//tr[hasclass('o_order_consent')]"))
        self.assertEqual(
            len(
                self._render(
                    "odoo_mentorship_reports.action_report_order",
                    self.order,
                    self.curator,
                ).xpath("//tr[hasclass('o_order_consent')]")
            ),
            3,
        )
        monitoring = self._monitoring()
        monitoring.growth_line_ids = [
            Command.create(
                {
                    "mentee_id": self.mentee_c.id,
                    "dimension": "anxiety",
                    "entry_score": 4.0,
                    "exit_score": 2.0,
                }
            )
        ]
        tree = self._render(
            "odoo_mentorship_reports.action_report_monitoring",
            monitoring,
            self.coordinator,
        )
        self.assertTrue(tree.xpath("//table[hasclass('o_monitoring_growth')]"))
        self.assertNotIn(
            "Вера Молодая",
            text_of(tree.xpath("//table[hasclass('o_monitoring_growth')]")[0]),
        )
        # the letter to the parents is the school's: not among the coordinator's prints
        letter = self.env.ref("odoo_mentorship_reports.action_report_parents_letter")
        for user, offered in ((self.coordinator, False), (self.curator, True)):
            bindings = (
                self.env["ir.actions.actions"]
                .with_user(user)
                .get_bindings("mentorship.mentor")
            )
            self.assertEqual(
                letter.id in [action["id"] for action in bindings.get("report", [])],
                offered,
            )

    def _monitoring(self):
        monitoring = self.env["mentorship.monitoring"].create(
            {
                "name": "Мониторинг",
                "programme_id": self.programme.id,
                "date_from": date(2025, 9, 1),
                "date_to": date(2026, 5, 31),
                "strengths": "<p>Регулярные встречи</p>",
            }
        )
        monitoring.action_compute()
        return monitoring

    def test_monitoring_certificate(self):
        self.env["mentorship.meeting"].create(
            {
                "pair_id": self.pair.id,
                "meeting_type": "intro",
                "date_start": datetime(2025, 10, 2, 9),
                "duration": 1.5,
            }
        )
        monitoring = self._monitoring()
        tree = self._render(
            "odoo_mentorship_reports.action_report_monitoring", monitoring, self.curator
        )
        self.assertIn("01 сентября 2025 г.", text_of(tree))
        self.assertEqual(
            text_of(tree.xpath("//td[hasclass('o_monitoring_pair_count')]")[0]),
            str(len(self.programme.pair_ids)),
        )
        self.assertIn(
            "1,5", text_of(tree.xpath("//p[hasclass('o_monitoring_meetings')]")[0])
        )
        self.assertIn("Регулярные встречи", text_of(tree))

    def test_indicators_plan_vs_fact(self):
        Value = self.env["mentorship.kpi.value"]
        self.env["mentorship.kpi.contingent"].create(
            {"company_id": self.school_2.id, "year": 2024, "children_10_19": 40}
        )
        values = Value._consolidate(self.school_1, self.school_2, 2024)
        tree = self._render(
            "odoo_mentorship_reports.action_report_kpi", values, self.coordinator
        )
        self.assertEqual(len(tree.xpath("//tr[hasclass('o_kpi_row')]")), 5)
        totals = tree.xpath("//tr[hasclass('o_kpi_total')]")
        self.assertEqual(len(totals), 5)
        children_total = [text_of(row) for row in totals if "10–19" in text_of(row)][0]
        self.assertIn(" 40 ", f" {children_total} ")
        self.assertIn("0,0 %", children_total)

    def test_empty_selection_says_so(self):
        tree = self._render(
            "odoo_mentorship_reports.action_report_kpi",
            self.env["mentorship.kpi.value"],
        )
        self.assertIn("nothing to print", text_of(tree).lower())

    def test_certificates_and_letter(self):
        tree = self._render(
            "odoo_mentorship_reports.action_report_reward_mentor_of_year",
            self.mentor_a | self.mentor_b,
        )
        names = [text_of(el) for el in tree.xpath("//h2[hasclass('o_reward_name')]")]
        self.assertEqual(names, ["Анна Учитель", "Борис Учитель"])
        self.assertIn(
            "Mentor of the Year",
            text_of(tree.xpath("//h2[hasclass('o_reward_title')]")[0]),
        )
        tree = self._render(
            "odoo_mentorship_reports.action_report_reward_best_pair", self.pair
        )
        self.assertEqual(
            text_of(tree.xpath("//h2[hasclass('o_reward_name')]")[0]), self.pair.name
        )
        parent = self.env["res.partner"].create({"name": "Петрова Ирина Сергеевна"})
        pupil_mentor = self._make_mentor(
            self.env["res.partner"].create({"name": "Петров Пётр"}),
            kind=self.kind_pupil,
            birth_date=date(2010, 1, 1),
            legal_representative_id=parent.id,
        )
        tree = self._render(
            "odoo_mentorship_reports.action_report_parents_letter",
            pupil_mentor | self.mentor_a,
        )
        self.assertEqual(
            text_of(tree.xpath("//strong[hasclass('o_letter_parent')]")[0]),
            "Петрова Ирина Сергеевна",
        )
        self.assertEqual(
            text_of(tree.xpath("//strong[hasclass('o_letter_mentor')]")[0]),
            "Петров Пётр",
        )
        self.assertEqual(len(tree.xpath("//p[hasclass('o_letter_none')]")), 1)

    def test_certificate_of_an_award_and_the_order_granting_it(self):
        contest = self.env["mentorship.nomination"].create(
            {"name": "Наставник+", "is_contest": True}
        )
        order = (
            self.env["mentorship.order"]
            .with_user(self.curator)
            .create(
                {
                    "order_type": "closing",
                    "programme_id": self.programme.id,
                    "date": date(2025, 10, 1),
                    "reward_text": "Почётная грамота",
                    "award_ids": [
                        Command.create(
                            {
                                "nomination_id": contest.id,
                                "mentor_id": self.mentor_a.id,
                                "year": 2025,
                                "rank": "prize",
                                "citation": "За проект «Школа молодого педагога»",
                            }
                        )
                    ],
                }
            )
        )
        order.with_user(self.manager).action_approve()
        award = order.award_ids
        # a document prints in Russian throughout (installed here: the database may not)
        self.env["res.lang"]._activate_lang("ru_RU")
        self.env["ir.module.module"]._load_module_terms(
            ["odoo_mentorship", "odoo_mentorship_reports"], ["ru_RU"], overwrite=True
        )
        # the participant prints the certificate of their own award
        tree = self._render(
            "odoo_mentorship_reports.action_report_award", award, self.teacher_a
        )
        self.assertEqual(
            text_of(tree.xpath("//h2[hasclass('o_reward_name')]")[0]), "Анна Учитель"
        )
        self.assertEqual(
            text_of(tree.xpath("//h2[hasclass('o_reward_title')]")[0]),
            "«Наставник+» 2025",
        )
        self.assertIn(
            "призёр конкурса",
            text_of(tree.xpath("//p[hasclass('o_reward_rank')]")[0]),
        )
        self.assertIn(
            "Школа молодого педагога",
            text_of(tree.xpath("//p[hasclass('o_reward_citation')]")[0]),
        )
        self.assertIn(
            order.name, text_of(tree.xpath("//p[hasclass('o_reward_order')]")[0])
        )
        with self.assertRaises(AccessError):
            self._render(
                "odoo_mentorship_reports.action_report_award", award, self.teacher_b
            )
        # the order lists its awards
        tree = self._render(
            "odoo_mentorship_reports.action_report_order", order, self.curator
        )
        row = text_of(tree.xpath("//table[hasclass('o_order_rewards')]/tbody/tr")[0])
        for text in ("«Наставник+»", "2025", "Анна Учитель"):
            self.assertIn(text, row)

    def test_roadmap_print(self):
        template = self.env.ref("odoo_mentorship.roadmap_template_school_2021")
        roadmap = self.env["mentorship.roadmap"]._create_from_template(
            template, date(2026, 9, 1), programme=self.programme
        )
        first = roadmap.stage_ids[0].activity_ids[0]
        first.action_done()
        tree = self._render(
            "odoo_mentorship_reports.action_report_roadmap", roadmap, self.curator
        )
        self.assertEqual(len(tree.xpath("//tr[hasclass('o_roadmap_stage')]")), 7)
        self.assertGreaterEqual(
            len(tree.xpath("//tr[hasclass('o_roadmap_activity')]")), 34
        )
        # a dated activity prints its date, not the template's wording of another year
        template_years = roadmap.stage_ids.activity_ids.filtered(
            lambda a: a.deadline and "Ноябрь 2020" in (a.deadline_text or "")
        )[:1]
        self.assertTrue(template_years)
        deadline_cells = [
            text_of(td) for td in tree.xpath("//td[hasclass('o_roadmap_deadline')]")
        ]
        self.assertEqual([cell for cell in deadline_cells if "2020" in cell], [])
        self.assertTrue(
            any(
                cell.startswith(date_in_words(template_years.deadline))
                for cell in deadline_cells
            )
        )
        self.assertIn(first.name.split()[0], text_of(tree))


@tagged("post_install", "-at_install")
class TestDocumentsPdf(MentorshipCase, HttpCase):
    """wkhtmltopdf fetches the styles from the running server, hence an HttpCase."""

    def test_orders_and_certificate_print_in_pdf(self):
        if not find_in_path("wkhtmltopdf"):
            self.skipTest("wkhtmltopdf is not installed: apt-get install wkhtmltopdf")
        director = self.env["res.partner"].create(
            {"name": "Новикова Людмила Александровна"}
        )
        order = self.env["mentorship.order"].create(
            {
                "order_type": "curators",
                "programme_id": self.programme.id,
                "signatory_id": director.id,
                "curator_ids": [Command.set(self.curator.ids)],
                "item_ids": [Command.create({"name": "Назначить куратора программы."})],
            }
        )
        monitoring = self.env["mentorship.monitoring"].create(
            {
                "name": "Мониторинг",
                "programme_id": self.programme.id,
                "date_from": date(2025, 9, 1),
                "date_to": date(2026, 5, 31),
            }
        )
        monitoring.action_compute()
        Report = self.env["ir.actions.report"].with_context(force_report_rendering=True)
        for xmlid, records in (
            ("odoo_mentorship_reports.action_report_order", order),
            ("odoo_mentorship_reports.action_report_monitoring", monitoring),
        ):
            pdf, content_type = Report._render_qweb_pdf(xmlid, records.ids)
            self.assertEqual(content_type, "pdf")
            self.assertTrue(pdf.startswith(b"%PDF"))


@tagged("post_install", "-at_install")
class TestDemoDocuments(MentorshipCase):
    """The demo school's orders read as real ones (with demo data only)."""

    def test_demo_order_reads_as_a_real_one(self):
        order = self.env.ref(
            "odoo_mentorship.order_working_group_demo", raise_if_not_found=False
        )
        if not order:
            self.skipTest("no demo data")
        self.assertEqual(
            order.signatory_id.display_name, "Новикова Людмила Александровна"
        )
        self.env["res.lang"]._activate_lang("ru_RU")
        self.env["ir.module.module"]._load_module_terms(
            ["odoo_mentorship_reports"], ["ru_RU"], overwrite=True
        )
        report = self.env.ref("odoo_mentorship_reports.action_report_order")
        content, _type = self.env["ir.actions.report"]._render_qweb_html(
            report, order.ids
        )
        self.assertEqual(text_of(html.fromstring(content)).count("ПРИКАЗЫВАЮ"), 1)

    def test_demo_users_land_in_mentorship(self):
        curator = self.env.ref(
            "odoo_mentorship.user_curator_demo", raise_if_not_found=False
        )
        if not curator:
            self.skipTest("no demo data")
        pairs = self.env.ref("odoo_mentorship.mentorship_pair_action")
        for xmlid in ("user_curator_demo", "user_mentor_demo", "user_mentee_demo"):
            self.assertEqual(
                self.env.ref(f"odoo_mentorship.{xmlid}").action_id.id, pairs.id
            )
