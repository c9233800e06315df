"""To-dos are written in the language of whom they are for: a job or a user working
in English gives a Russian curator a Russian to-do."""

from datetime import timedelta

from odoo.tests import tagged

from .common import MentorshipCase


@tagged("post_install", "-at_install")
class TestRecipientLanguage(MentorshipCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("ru_RU")
        cls.env["ir.module.module"]._load_module_terms(["odoo_mentorship"], ["ru_RU"], overwrite=True)
        cls.curator.lang = "ru_RU"
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))

    def test_entry_diagnostics_to_do_in_the_curators_language(self):
        pair = self._make_pair(self.mentor_a, self.mentee_c)
        pair.with_context(lang="en_US").stage_id = self.stage_work
        todo = pair.activity_ids.filtered(lambda activity: activity.user_id == self.curator)
        self.assertEqual(todo.summary, "Нет входной диагностики")
        self.assertIn("Вера Молодая", todo.note)

    def test_overdue_roadmap_activity_in_the_curators_language(self):
        roadmap = self.env["mentorship.roadmap"].create({"name": "Дорожная карта", "manager_id": self.curator.id})
        stage = self.env["mentorship.roadmap.stage"].create({"roadmap_id": roadmap.id, "name": "Этап"})
        activity = self.env["mentorship.roadmap.activity"].create({
            "roadmap_id": roadmap.id,
            "stage_id": stage.id,
            "name": "Провести педсовет",
            "deadline": self.today - timedelta(days=3),
        })
        self.env["mentorship.roadmap.activity"].with_context(lang="en_US")._cron_send_reminders()
        self.assertEqual(activity.activity_ids.summary, "Просроченное мероприятие дорожной карты")
