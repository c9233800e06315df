"""The guards of the privacy issue, each tried as the restricted user it stops."""

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import MentorshipCase


@tagged("post_install", "-at_install")
class TestPrivacyGuards(MentorshipCase):
    """Анна (teacher_a) mentors Вера (teacher_c) and Глеб (teacher_d) in one group."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pair = cls._make_pair(cls.mentor_a, cls.mentee_c | cls.mentee_d)

    # ------------------------------------------------------------
    # 3. approval cannot be skipped
    # ------------------------------------------------------------

    def test_orders_are_created_as_drafts(self):
        Order = self.env["mentorship.order"]
        vals = {"order_type": "curators", "programme_id": self.programme.id, "curator_ids": [Command.set(self.curator.ids)]}
        for user in (self.curator, self.manager):
            for state in ("approved", "cancelled"):
                with self.assertRefused(UserError, "created as a draft"):
                    Order.with_user(user).create({**vals, "state": state})
            with self.assertRefused(UserError, "created as a draft"):
                Order.with_user(user).with_context(default_state="approved").create(vals)
        order = Order.with_user(self.curator).create(vals)
        self.assertEqual((order.state, order.name), ("draft", "/"))

    def test_only_the_manager_creates_a_programme_past_draft(self):
        Programme = self.env["mentorship.programme"]
        vals = {"name": "Программа", "date_start": self.today, "date_end": self.today}
        for state in ("approved", "running", "closed"):
            with self.assertRefused(AccessError, "Only the mentorship manager"):
                Programme.with_user(self.curator).create({**vals, "state": state})
        with self.assertRefused(AccessError, "Only the mentorship manager"):
            Programme.with_user(self.curator).with_context(default_state="running").create(vals)
        self.assertEqual(Programme.with_user(self.curator).create(vals).state, "draft")
        self.assertEqual(Programme.with_user(self.manager).create({**vals, "state": "running"}).state, "running")
