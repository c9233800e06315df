from datetime import date, timedelta

from lxml import html

from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.odoo_mentorship.tests.common import MentorshipCase

from ..report.report_tools import date_in_words


@tagged("post_install", "-at_install")
class TestPairCard(MentorshipCase):
    """The card is printed in Russian throughout (Russian paperwork), while the
    curator who prints it reads Odoo in English: the tests install Russian
    themselves, so that they do not depend on the languages of the database."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("ru_RU")
        cls.env["ir.module.module"]._load_module_terms(
            ["odoo_mentorship", "odoo_mentorship_reports"], ["ru_RU"], overwrite=True
        )
        cls.pair = cls._make_pair(
            cls.mentor_a,
            cls.mentee_c | cls.mentee_d,
            variant_id=cls.env.ref(
                "odoo_mentorship.variant_teacher_teacher_experienced_young"
            ).id,
            date_start=date(2025, 10, 1),
            date_end=cls.today + timedelta(days=100),
        )
        cls.pair.plan_line_ids = [
            (
                0,
                0,
                {
                    "goal": "Открытый урок по физике",
                    "deadline": date(2025, 12, 15),
                    "status": "done",
                },
            ),
            (0, 0, {"goal": "Портфолио молодого педагога", "status": "in_progress"}),
        ]
        cls.env["mentorship.meeting"].create(
            [
                {
                    "pair_id": cls.pair.id,
                    "meeting_type": "intro",
                    "date_start": "2025-10-02 09:00:00",
                    "agenda": "Знакомство и ожидания",
                },
                {
                    "pair_id": cls.pair.id,
                    "meeting_type": "trial",
                    "date_start": "2025-10-09 09:00:00",
                    "agenda": "Пробное занятие",
                },
            ]
        )

    def _render(self, pairs, user):
        report = self.env.ref("odoo_mentorship_reports.action_report_pair_card")
        content, content_type = (
            self.env["ir.actions.report"]
            .with_user(user)
            ._render_qweb_html(report, pairs.ids)
        )
        self.assertEqual(content_type, "html")
        return html.fromstring(content)

    def test_date_in_words(self):
        self.assertEqual(date_in_words(date(2021, 10, 1)), "01 октября 2021 г.")
        self.assertEqual(date_in_words(date(2024, 2, 29)), "29 февраля 2024 г.")
        self.assertEqual(date_in_words(False), "")

    def test_card_shows_the_pair(self):
        tree = self._render(self.pair, self.curator)
        text = " ".join(tree.text_content().split())
        self.assertEqual(self.curator.lang, "en_US")
        mentor = " ".join(tree.xpath("string(//td[hasclass('o_pair_mentor')])").split())
        # the participant's kind in the document's language,
        # not the reader's («(Teacher)»)
        self.assertEqual(mentor, "Анна Учитель (Педагог)")
        mentees = [
            " ".join(el.text_content().split())
            for el in tree.xpath("//div[hasclass('o_pair_mentee')]")
        ]
        self.assertEqual(mentees, ["Вера Молодая (Педагог)", "Глеб Молодой (Педагог)"])
        self.assertIn(self.pair.variant_id.with_context(lang="ru_RU").name, text)
        self.assertNotIn(self.pair.variant_id.with_context(lang="en_US").name, text)
        self.assertIn(
            self.pair.stage_id.with_context(lang="ru_RU").name,
            tree.xpath("string(//td[hasclass('o_pair_stage')])"),
        )
        self.assertIn("01 октября 2025 г.", text)
        plan_rows = tree.xpath("//table[hasclass('o_pair_plan')]/tbody/tr")
        self.assertEqual(len(plan_rows), 2)
        self.assertIn("Открытый урок по физике", plan_rows[0].text_content())
        self.assertIn("15 декабря 2025 г.", plan_rows[0].text_content())
        meeting_rows = tree.xpath("//table[hasclass('o_pair_meetings')]/tbody/tr")
        self.assertEqual(len(meeting_rows), 2)
        self.assertIn("02 октября 2025 г.", meeting_rows[0].text_content())
        self.assertEqual(
            tree.xpath("string(//span[hasclass('o_pair_meeting_count')])"), "2"
        )

    def test_several_cards_at_once(self):
        newcomer = self._make_mentee(
            self.env["res.partner"].create({"name": "Дарья Новенькая"})
        )
        other = self._make_pair(self.mentor_b, newcomer)
        tree = self._render(self.pair | other, self.curator)
        self.assertEqual(
            len(tree.xpath("//div[hasclass('o_mentorship_pair_card')]")), 2
        )
        self.assertIn("Дарья Новенькая", tree.text_content())
        self.assertIn("Индивидуальный план ещё не заполнен.", tree.text_content())

    def test_participant_prints_only_own_pair(self):
        tree = self._render(self.pair, self.teacher_c)
        self.assertIn("Вера Молодая", tree.text_content())
        outsider = self._make_pair(
            self.mentor_b,
            self._make_mentee(
                self.env["res.partner"].create({"name": "Чужой Наставляемый"})
            ),
        )
        with self.assertRaises(AccessError):
            self._render(outsider, self.teacher_c)
