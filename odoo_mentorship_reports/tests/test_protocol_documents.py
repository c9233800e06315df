from datetime import date

from lxml import html

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.odoo_mentorship.tests.common import MentorshipCase

from .test_documents import text_of


@tagged("post_install", "-at_install")
class TestProtocolDocuments(MentorshipCase):
    """The printed minutes and the register of agreements."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.minutes = cls.env["mentorship.protocol"].create(
            {
                "protocol_type": "pedagogical_council",
                "title": "О промежуточных итогах программы наставничества",
                "date": date(2025, 12, 24),
                "place": "Актовый зал",
                "programme_id": cls.programme.id,
                "chair_id": cls.manager.partner_id.id,
                "secretary_id": cls.teacher_b.partner_id.id,
                "attendee_ids": [
                    Command.set(
                        (cls.manager | cls.teacher_b | cls.curator).partner_id.ids
                    )
                ],
                "item_ids": [
                    Command.create(
                        {
                            "name": "О результатах мониторинга.",
                            "heard": "Куратора о результатах анкетирования.",
                            "decision": "Признать работу пар удовлетворительной.",
                        }
                    ),
                    Command.create(
                        {
                            "name": "О реестре наставников.",
                            "decision": "Утвердить реестр наставников.",
                        }
                    ),
                ],
            }
        )
        cls.minutes.with_user(cls.manager).action_approve()
        cls.organisation = cls.env["res.partner"].create(
            {"name": "ООО «Цифровые решения»", "is_company": True}
        )
        cls.agreement = cls.env["mentorship.agreement"].create(
            {
                "name": "7/С",
                "partner_id": cls.organisation.id,
                "subject": "Привлечение специалистов в качестве наставников",
                "date_signed": date(2025, 9, 1),
                "date_end": date(2028, 8, 31),
                "mentor_ids": [Command.set(cls.mentor_a.ids)],
            }
        )

    def _render(self, xmlid, records, user):
        report = self.env.ref(xmlid)
        content, _type = (
            self.env["ir.actions.report"]
            .with_user(user)
            ._render_qweb_html(report, records.ids)
        )
        return html.fromstring(content)

    def test_minutes_print(self):
        tree = self._render(
            "odoo_mentorship_reports.action_report_protocol", self.minutes, self.curator
        )
        self.assertEqual(
            text_of(tree.xpath("//span[hasclass('o_protocol_number')]")[0]), "1"
        )
        self.assertEqual(
            text_of(tree.xpath("//td[hasclass('o_protocol_date')]")[0]),
            "24 декабря 2025 г.",
        )
        self.assertEqual(
            len(tree.xpath("//div[hasclass('o_mentorship_letterhead')]")), 1
        )
        self.assertEqual(len(tree.xpath("//ol[hasclass('o_protocol_agenda')]/li")), 2)
        items = tree.xpath("//div[hasclass('o_protocol_item')]")
        self.assertEqual(len(items), 2)
        self.assertIn("Куратора о результатах анкетирования.", text_of(items[0]))
        self.assertIn("Признать работу пар удовлетворительной.", text_of(items[0]))
        self.assertFalse(
            items[1].xpath(".//p[hasclass('o_protocol_heard')]"),
            "no «heard» for an item without one",
        )
        self.assertIn(
            "Директор", text_of(tree.xpath("//p[hasclass('o_protocol_chair')]")[0])
        )
        self.assertIn(
            "(3)", text_of(tree.xpath("//p[hasclass('o_protocol_attendees')]")[0])
        )

    def test_minutes_print_in_russian(self):
        self.env["res.lang"]._activate_lang("ru_RU")
        self.env["ir.module.module"]._load_module_terms(
            ["odoo_mentorship_reports"], ["ru_RU"], overwrite=True
        )
        text = text_of(
            self._render(
                "odoo_mentorship_reports.action_report_protocol",
                self.minutes,
                self.curator,
            )
        )
        for words in (
            "ПРОТОКОЛ № 1",
            "заседания педагогического совета",
            "Председатель:",
            "Секретарь:",
            "Присутствовали (3):",
            "ПОВЕСТКА ДНЯ:",
            "РЕШИЛИ:",
        ):
            self.assertIn(words, text)
        self.assertEqual(
            text.count("СЛУШАЛИ:"), 1, "«heard» only for the item that has it"
        )
        self.assertEqual(text.count("РЕШИЛИ:"), 2)

    def test_agreement_register_prints(self):
        self.env["res.lang"]._activate_lang("ru_RU")
        self.env["ir.module.module"]._load_module_terms(
            ["odoo_mentorship"], ["ru_RU"], overwrite=True
        )
        tree = self._render(
            "odoo_mentorship_reports.action_report_agreement_list",
            self.agreement,
            self.curator,
        )
        rows = tree.xpath("//tr[hasclass('o_agreement_row')]")
        self.assertEqual(len(rows), 1)
        row = text_of(rows[0])
        for words in (
            "ООО «Цифровые решения»",
            "7/С",
            "01 сентября 2025 г.",
            "31 августа 2028 г.",
            "Анна Учитель",
        ):
            self.assertIn(words, row)
        Agreement = self.env["mentorship.agreement"].with_context(lang="ru_RU")
        in_force = dict(
            Agreement._fields["state"]._description_selection(Agreement.env)
        )["active"]
        self.assertEqual(
            text_of(rows[0].xpath("./td[hasclass('o_agreement_state')]")[0]), in_force
        )

    def test_participant_prints_nothing(self):
        with self.assertRaises(AccessError):
            self._render(
                "odoo_mentorship_reports.action_report_protocol",
                self.minutes,
                self.teacher_a,
            )
        with self.assertRaises(AccessError):
            self._render(
                "odoo_mentorship_reports.action_report_agreement_list",
                self.agreement,
                self.teacher_a,
            )
