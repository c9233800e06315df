from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import MentorshipCase


@tagged("post_install", "-at_install")
class TestProgramme(MentorshipCase):
    def test_state_flow(self):
        programme = (
            self.env["mentorship.programme"]
            .with_user(self.manager)
            .create(
                {
                    "name": "Программа 2026",
                    "date_start": self.today,
                    "date_end": self.today,
                }
            )
        )
        self.assertEqual(programme.state, "draft")
        with self.assertRefused(UserError, "not in the right state"):
            programme.action_run()
        programme.action_approve()
        programme.action_run()
        programme.action_close()
        self.assertEqual(programme.state, "closed")

    def test_counters_and_smart_buttons(self):
        pair = self._make_pair(self.mentor_a, self.mentee_c)
        self._log_meeting(pair, "intro")
        self.assertEqual(self.programme.mentor_count, 2)
        self.assertEqual(self.programme.mentee_count, 2)
        self.assertEqual(self.programme.pair_count, 1)
        self.assertEqual(self.programme.meeting_count, 1)
        action = self.programme.action_open_pairs()
        self.assertEqual(self.env[action["res_model"]].search(action["domain"]), pair)

    def test_stage_groups_show_every_stage(self):
        self._make_pair(self.mentor_a, self.mentee_c)
        groups = (
            self.env["mentorship.pair"]
            .with_user(self.curator)
            .web_read_group([], ["stage_id"], ["stage_id"])["groups"]
        )
        stages = self.env["mentorship.pair.stage"].search([])
        self.assertEqual(
            len(groups), len(stages), "empty stages are shown in the kanban"
        )
