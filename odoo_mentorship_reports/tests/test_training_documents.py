from datetime import date, datetime

from lxml import html

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.odoo_mentorship.tests.common import MentorshipCase

from .test_documents import text_of


@tagged("post_install", "-at_install")
class TestTrainingDocuments(MentorshipCase):
    """The certificate of the school of mentors and the mentor's portfolio, printed in
    Russian on the school's letterhead, with the user's rights."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the documents print in Russian throughout: Russian installed here, so that
        # the tests do not depend on the languages of the database
        cls.env["res.lang"]._activate_lang("ru_RU")
        cls.env["ir.module.module"]._load_module_terms(
            ["odoo_mentorship", "odoo_mentorship_reports"], ["ru_RU"], overwrite=True
        )
        # the demo school requires its certification too: these tests set their own
        cls.school_1.write(
            {"mentorship_training_sessions": 2, "mentorship_training_survey_id": False}
        )
        event_type = cls.env.ref("odoo_mentorship.event_type_school_of_mentors")
        cls.sessions = cls.env["event.event"].create(
            [
                {
                    "name": name,
                    "event_type_id": event_type.id,
                    "date_tz": "UTC",
                    "date_begin": datetime(2025, 9, day, 10, 0),
                    "date_end": datetime(2025, 9, day, 12, 0),
                }
                for name, day in (("Роль наставника", 10), ("Индивидуальный план", 17))
            ]
        )
        cls.env["event.registration"].create(
            [
                {
                    "event_id": session.id,
                    "mentorship_mentor_id": mentor.id,
                    "state": "done",
                }
                for session in cls.sessions
                for mentor in (cls.mentor_a,)
            ]
        )
        cls.pair = cls._make_pair(
            cls.mentor_a,
            cls.mentee_c,
            date_start=date(2025, 10, 1),
            date_end=date(2026, 5, 20),
        )
        cls.pair.stage_id = cls.stage_done
        cls.mentor_a.portfolio = "<p>Выступление на августовском педсовете.</p>"

    def _render(self, xmlid, records, user=None):
        Report = self.env["ir.actions.report"]
        if user:
            Report = Report.with_user(user)
        content, _type = Report._render_qweb_html(self.env.ref(xmlid), records.ids)
        return html.fromstring(content)

    def _russian(self):
        self.env["res.lang"]._activate_lang("ru_RU")
        self.env["ir.module.module"]._load_module_terms(
            ["odoo_mentorship_reports"], ["ru_RU"], overwrite=True
        )

    def test_certificate_of_a_trained_mentor(self):
        self.assertTrue(self.mentor_a.training_done)
        tree = self._render(
            "odoo_mentorship_reports.action_report_training_certificate",
            self.mentor_a,
            self.curator,
        )
        self.assertEqual(
            len(tree.xpath("//div[hasclass('o_mentorship_letterhead')]")), 1
        )
        self.assertEqual(
            text_of(tree.xpath("//h2[hasclass('o_certificate_name')]")[0]),
            "Анна Учитель",
        )
        self.assertEqual(
            text_of(tree.xpath("//h5[hasclass('o_certificate_school')]")[0]),
            self.school_1.name,
        )
        self.assertEqual(
            text_of(tree.xpath("//p[hasclass('o_certificate_sessions')]")[0]),
            "Посещено занятий: 2 (10 сентября 2025 г. — 17 сентября 2025 г.)",
        )
        self.assertFalse(
            tree.xpath("//p[hasclass('o_certificate_certification')]"),
            "no certification required",
        )
        self.assertEqual(
            text_of(tree.xpath("//p[hasclass('o_certificate_date')]")[0]),
            "17 сентября 2025 г.",
        )

    def test_no_certificate_for_an_untrained_mentor(self):
        with self.assertRaisesRegex(
            UserError, "Борис Учитель has not completed the school of mentors"
        ):
            self._render(
                "odoo_mentorship_reports.action_report_training_certificate",
                self.mentor_b,
                self.curator,
            )

    def test_portfolio(self):
        practice = self.env["mentorship.practice"].create(
            {"name": "Открытый урок", "mentor_ids": [(6, 0, self.mentor_a.ids)]}
        )
        practice.action_review()
        practice.action_publish()
        tree = self._render(
            "odoo_mentorship_reports.action_report_mentor_portfolio",
            self.mentor_a,
            self.curator,
        )
        self.assertEqual(
            text_of(tree.xpath("//strong[hasclass('o_portfolio_name')]")[0]),
            "Анна Учитель",
        )
        self.assertEqual(
            text_of(tree.xpath("//p[hasclass('o_portfolio_training_status')]")[0]),
            "Обучение пройдено.",
        )
        sessions = [
            text_of(row)
            for row in tree.xpath("//table[hasclass('o_portfolio_sessions')]/tbody/tr")
        ]
        self.assertEqual(
            sessions,
            [
                "1 Роль наставника 10 сентября 2025 г.",
                "2 Индивидуальный план 17 сентября 2025 г.",
            ],
        )
        pairs = tree.xpath("//tr[hasclass('o_portfolio_pair')]")
        self.assertEqual(len(pairs), 1, "the completed pair, not the others")
        self.assertIn("Вера Молодая", text_of(pairs[0]))
        self.assertIn("01 октября 2025 г. — 20 мая 2026 г.", text_of(pairs[0]))
        self.assertIn(
            "Выступление на августовском педсовете.",
            text_of(tree.xpath("//div[hasclass('o_portfolio_achievements')]")[0]),
        )
        self.assertIn(
            "«Открытый урок»",
            text_of(tree.xpath("//div[hasclass('o_portfolio_practices')]")[0]),
        )
        self.assertFalse(tree.xpath("//div[hasclass('o_portfolio_awards')]"), "none")
        # a mentor without training, pairs nor notes: the sections say so
        tree = self._render(
            "odoo_mentorship_reports.action_report_mentor_portfolio",
            self.mentor_b,
            self.curator,
        )
        self.assertEqual(
            text_of(tree.xpath("//p[hasclass('o_portfolio_training_status')]")[0]),
            "Обучение ещё не пройдено.",
        )
        self.assertFalse(tree.xpath("//tr[hasclass('o_portfolio_pair')]"))

    def test_mentor_prints_own_portfolio_only(self):
        tree = self._render(
            "odoo_mentorship_reports.action_report_mentor_portfolio",
            self.mentor_a,
            self.teacher_a,
        )
        self.assertEqual(
            len(tree.xpath("//table[hasclass('o_portfolio_sessions')]/tbody/tr")), 2
        )
        self.assertEqual(len(tree.xpath("//tr[hasclass('o_portfolio_pair')]")), 1)
        with self.assertRaises(AccessError):
            self._render(
                "odoo_mentorship_reports.action_report_mentor_portfolio",
                self.mentor_b,
                self.teacher_a,
            )
        with self.assertRaises(AccessError):
            self._render(
                "odoo_mentorship_reports.action_report_training_certificate",
                self.mentor_a,
                self.teacher_b,
            )

    def test_certificate_and_portfolio_print_in_russian(self):
        self._russian()
        text = text_of(
            self._render(
                "odoo_mentorship_reports.action_report_training_certificate",
                self.mentor_a,
                self.curator,
            )
        )
        for words in (
            "СЕРТИФИКАТ",
            "о прохождении обучения в школе наставников",
            "Анна Учитель",
            "Посещено занятий: 2",
            "17 сентября 2025 г.",
            "Директор",
        ):
            self.assertIn(words, text)
        text = text_of(
            self._render(
                "odoo_mentorship_reports.action_report_mentor_portfolio",
                self.mentor_a,
                self.curator,
            )
        )
        for words in (
            "Портфолио наставника",
            "Школа наставников",
            "Завершённые пары",
            "Вера Молодая",
        ):
            self.assertIn(words, text)
