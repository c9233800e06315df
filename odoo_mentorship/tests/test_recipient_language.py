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
        cls.env["ir.module.module"]._load_module_terms(
            ["odoo_mentorship"], ["ru_RU"], overwrite=True
        )
        cls.curator.lang = "ru_RU"
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))

    def test_entry_diagnostics_to_do_in_the_curators_language(self):
        pair = self._make_pair(self.mentor_a, self.mentee_c)
        pair.with_context(lang="en_US").stage_id = self.stage_work
        todo = pair.activity_ids.filtered(
            lambda activity: activity.user_id == self.curator
        )
        self.assertEqual(todo.summary, "Нет входной диагностики")
        self.assertIn("Вера Молодая", todo.note)

    def test_overdue_roadmap_activity_in_the_curators_language(self):
        roadmap = self.env["mentorship.roadmap"].create(
            {"name": "Дорожная карта", "manager_id": self.curator.id}
        )
        stage = self.env["mentorship.roadmap.stage"].create(
            {"roadmap_id": roadmap.id, "name": "Этап"}
        )
        activity = self.env["mentorship.roadmap.activity"].create(
            {
                "roadmap_id": roadmap.id,
                "stage_id": stage.id,
                "name": "Провести педсовет",
                "deadline": self.today - timedelta(days=3),
            }
        )
        self.env["mentorship.roadmap.activity"].with_context(
            lang="en_US"
        )._cron_send_reminders()
        self.assertEqual(
            activity.activity_ids.summary, "Просроченное мероприятие дорожной карты"
        )

    def test_creation_line_without_a_language_in_the_context(self):
        """Records created with no language in the context (demo data at install, jobs)
        name their model in the language of the line around it."""
        self.curator.partner_id.lang = "ru_RU"
        # an empty context, as at install: no language, none of the tests' keys
        Pair = self.env["mentorship.pair"].with_env(
            self.env(user=self.curator, context={})
        )
        self.assertFalse(Pair.env.lang)
        pair = Pair.create(
            {
                "programme_id": self.programme.id,
                "mentor_id": self.mentor_a.id,
                "mentee_ids": [(6, 0, self.mentee_c.ids)],
                "form_id": self.form_teachers.id,
            }
        )
        self.assertIn(
            "Создано: Наставническая пара или группа", pair.message_ids[-1].body
        )

    def test_portal_chatter_in_russian(self):
        """The portal pages of a pair show Odoo's chatter: its words (mail's) are among
        the translations the portal loads."""
        IrHttp = self.env["ir.http"]
        translations, _params = IrHttp.get_translations_for_webclient(
            IrHttp._get_translation_frontend_modules_name(), "ru_RU"
        )
        messages = {
            message["id"]: message["string"]
            for module in translations.values()
            for message in module["messages"]
        }
        self.assertEqual(messages.get("The conversation is empty."), "Беседа пуста.")

    def test_next_cycle_line_without_a_language_in_the_context(self):
        """The next cycle's line in the new programme's chatter is written in the user's
        language when the context has none (the demo data at install, a job)."""
        self.curator.partner_id.lang = "ru_RU"
        self.programme.state = "running"
        Wizard = self.env["mentorship.programme.next.cycle"].with_env(
            self.env(user=self.curator, context={})
        )
        wizard = Wizard.create({"programme_id": self.programme.id})
        new = wizard._create_next_cycle()
        self.assertIn("Следующий цикл программы", new.message_ids[0].body)
