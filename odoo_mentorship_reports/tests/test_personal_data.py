from datetime import date

from lxml import html

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.odoo_mentorship.tests.common import MentorshipCase


@tagged("post_install", "-at_install")
class TestPersonalDataDocument(MentorshipCase):
    """The printed "what we hold about me": the person's records, nobody else's."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.parent = Partner.create({"name": "Родительница Изольда"})
        cls.pupil = cls._make_mentee(
            Partner.create(
                {"name": "Ученик Аполлинарий", "email": "apollinariy@example.com"}
            ),
            kind=cls.kind_pupil,
            birth_date=date(2012, 10, 1),
            legal_representative_id=cls.parent.id,
            consent_given_by_id=cls.parent.id,
            request_ids=[Command.create({"name": "Хочет лучше понимать геометрию"})],
        )
        co_mentee = cls._make_mentee(
            Partner.create({"name": "Одногруппник Серафим"}), kind=cls.kind_pupil
        )
        mentor = cls._make_mentor(
            Partner.create({"name": "Наставник Старшеклассник"}),
            kind=cls.kind_pupil,
            capacity=3,
        )
        pair = cls._make_pair(
            mentor,
            cls.pupil | co_mentee,
            form=cls.form_pupils,
            date_start=date(2025, 10, 1),
        )
        pair.plan_line_ids = [Command.create({"goal": "Решить сборник задач"})]
        meeting = cls.env["mentorship.meeting"].create(
            {
                "pair_id": pair.id,
                "meeting_type": "intro",
                "date_start": "2025-10-02 09:00:00",
                "agenda": "Знакомство",
                "attendee_ids": [Command.set((cls.pupil | co_mentee).ids)],
            }
        )
        cls.env["mentorship.meeting.feedback"].create(
            [
                {
                    "meeting_id": meeting.id,
                    "mentee_id": cls.pupil.id,
                    "rating": "5",
                    "comment": "Было интересно",
                },
                {
                    "meeting_id": meeting.id,
                    "mentee_id": co_mentee.id,
                    "rating": "3",
                    "comment": "Отзыв Серафима",
                },
            ]
        )

    def _render(self, record, user):
        report = self.env.ref(
            "odoo_mentorship_reports.action_report_personal_data_mentee"
        )
        content, _type = (
            self.env["ir.actions.report"]
            .with_user(user)
            ._render_qweb_html(report, record.ids)
        )
        return " ".join(html.fromstring(content).text_content().split())

    def test_document_lists_the_person_and_nobody_else(self):
        text = self._render(self.pupil, self.curator)
        for expected in (
            "Ученик Аполлинарий",
            "apollinariy@example.com",
            "01 октября 2012 г.",
            "Родительница Изольда",
            "Хочет лучше понимать геометрию",
            "Наставник Старшеклассник",
            "Решить сборник задач",
            "Было интересно",
            "02 октября 2025 г.",
        ):
            self.assertIn(expected, text)
        for absent in (
            "Одногруппник Серафим",
            "Отзыв Серафима",
            "Анна Учитель",
            "Глеб Молодой",
        ):
            self.assertNotIn(absent, text)

    def test_only_curators_print_it(self):
        # a participant reads their own record, and asks the curator for this document
        self.mentee_c.with_user(self.teacher_c).check_access("read")
        with self.assertRaises(AccessError):
            self._render(self.mentee_c, self.teacher_c)
