"""The district's monitoring (issue: the seeds' remaining rules, 13)."""

from datetime import timedelta

from lxml import html

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from odoo.addons.odoo_mentorship.tests.common import MentorshipCase

from .test_documents import text_of


@tagged("post_install", "-at_install")
class TestDistrictMonitoring(MentorshipCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Monitoring = cls.env["mentorship.monitoring"]
        period = {"date_from": cls.today - timedelta(days=30), "date_to": cls.today}
        cls.confirmed = Monitoring.create(
            {"name": "Мониторинг школы 1", "programme_id": cls.programme.id, **period}
        )
        cls.confirmed.action_compute()
        cls.confirmed.write({"response_rate": 80.0, "mentee_satisfaction_rate": 75.0})
        cls.confirmed.action_confirm()
        cls.draft = Monitoring.create(
            {"name": "Мониторинг школы 2", "programme_id": cls.programme_2.id, **period}
        )

    def _print(self, user, companies):
        wizard = (
            self.env["mentorship.district.monitoring"]
            .with_user(user)
            .create(
                {
                    "date_from": self.today - timedelta(days=60),
                    "date_to": self.today,
                    "company_ids": [(6, 0, companies.ids)],
                }
            )
        )
        wizard.action_print()
        report = self.env.ref(
            "odoo_mentorship_reports.action_report_district_monitoring"
        )
        content, _type = (
            self.env["ir.actions.report"]
            .with_user(user)
            ._render_qweb_html(report, wizard.ids)
        )
        return html.fromstring(content)

    def test_coordinator_sees_who_has_not_confirmed(self):
        tree = self._print(self.coordinator, self.school_1 | self.school_2)
        rows = {
            text_of(row.xpath("./td")[0]): row
            for row in tree.xpath("//tr[contains(@class, 'o_district_school')]")
        }
        self.assertEqual(set(rows), {self.school_1.name, self.school_2.name})
        self.assertIn("80,0 %", text_of(rows[self.school_1.name]))
        self.assertIn("o_district_missing", rows[self.school_2.name].get("class"))
        self.assertEqual(
            text_of(tree.xpath("//strong[hasclass('o_district_missing_count')]")[0]),
            "1",
        )

    def test_a_curator_prints_their_school_only(self):
        """A curator of school 1 naming school 2 gets school 1 only: the figures of a
        school are read with its own rights."""
        tree = self._print(self.curator, self.school_1 | self.school_2)
        schools = [
            text_of(row.xpath("./td")[0])
            for row in tree.xpath("//tr[contains(@class, 'o_district_school')]")
        ]
        self.assertEqual(schools, [self.school_1.name])

    def test_a_participant_cannot_print_it(self):
        participant = new_test_user(
            self.env,
            "district_reader",
            groups="base.group_user,odoo_mentorship.group_mentorship_participant",
        )
        with self.assertRaises(AccessError):
            self.env["mentorship.district.monitoring"].with_user(participant).create({})
