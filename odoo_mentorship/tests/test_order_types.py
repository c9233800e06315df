from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import MentorshipCase


@tagged("post_install", "-at_install")
class TestOrderTypes(MentorshipCase):
    """Every order of the seeds: the bases (seed 000 row 5), the motivation system and
    the accessibility measures (seed 002 1.10, 1.11), the education office's orders
    (seed 002 1.1, 1.2, 1.4) and any other order with its own title."""

    def _order(self, order_type, user=None, **vals):
        return (
            self.env["mentorship.order"]
            .with_user(user or self.curator)
            .create(
                {
                    "order_type": order_type,
                    "programme_id": self.programme.id,
                    "date": date(2025, 10, 1),
                    **vals,
                }
            )
        )

    def test_bases_order_lists_the_bases_and_is_approved(self):
        order = self._order("bases")
        self.assertEqual(order.title, "Approve the Mentor and Mentee Bases")
        self.assertEqual(order.base_mentor_ids, self.mentor_a | self.mentor_b)
        self.assertEqual(order.base_mentee_ids, self.mentee_c | self.mentee_d)
        self.assertIn("Р-145", order.preamble)
        self.assertEqual(
            len(order.item_ids), 3, "the default items of the type, the control last"
        )
        self.assertEqual(order.signatory_title, "Director")
        with self.assertRaises(AccessError):
            order.with_user(self.curator).action_approve()
        order.with_user(self.manager).action_approve()
        self.assertEqual(order.state, "approved")
        self.assertNotEqual(order.name, "/")
        # the annexes are fixed by the approval
        with self.assertRaises(UserError):
            order.with_user(self.curator).base_mentee_ids = [
                Command.unlink(self.mentee_c.id)
            ]

    def test_participants_and_other_schools_prepare_no_order(self):
        with self.assertRaises(AccessError):
            self._order("bases", user=self.teacher_a)
        with self.assertRaises(AccessError):
            self._order("motivation", user=self.coordinator)
        order = self._order("accessibility")
        with self.assertRaises(AccessError):
            order.with_user(self.curator_2).read(["title"])

    def test_bases_order_without_people_is_refused(self):
        order = self._order("bases")
        order.write(
            {"base_mentor_ids": [Command.clear()], "base_mentee_ids": [Command.clear()]}
        )
        with self.assertRaisesRegex(UserError, "neither mentors nor mentees"):
            order.with_user(self.manager).action_approve()

    def test_motivation_and_accessibility(self):
        motivation = self._order("motivation")
        accessibility = self._order("accessibility")
        self.assertEqual(
            motivation.title, "Approve the Mentor Motivation and Reward System"
        )
        self.assertIn("orphans", accessibility.item_ids[0].name)
        (motivation | accessibility).with_user(self.manager).action_approve()
        self.assertEqual(
            set((motivation | accessibility).mapped("state")), {"approved"}
        )
        self.assertEqual(
            len(self._order("motivation", item_ids=[]).item_ids),
            3,
            "the form sends no items",
        )
        emptied = self._order("motivation")
        emptied.item_ids.unlink()
        with self.assertRaisesRegex(UserError, "no items"):
            emptied.with_user(self.manager).action_approve()

    def test_other_order_needs_its_own_title(self):
        with self.assertRaisesRegex(ValidationError, "title"):
            self._order(
                "other",
                item_ids=[Command.create({"name": "Провести слёт наставников."})],
            )
        order = self._order(
            "other",
            title="О проведении слёта наставников",
            item_ids=[Command.create({"name": "Провести слёт наставников."})],
        )
        self.assertEqual(order.title, "О проведении слёта наставников")
        self.assertFalse(order.preamble)
        order.with_user(self.manager).action_approve()
        self.assertEqual(order.title, "О проведении слёта наставников")

    def test_district_orders(self):
        """The education office's orders are signed by its head and list its officers,
        its working group, the schools that introduce the model."""
        # the education office's staff have the district's schools among their companies
        (self.curator | self.manager).company_ids = self.school_1 | self.school_2
        member = (
            self.env["mentorship.working.group.member"]
            .with_user(self.curator)
            .create(
                {
                    "user_id": self.curator.id,
                    "role": "chair",
                    "position": "Начальник отдела образования",
                }
            )
        )
        officers = self._order("district_officers", programme_id=False)
        group = self._order(
            "district_working_group",
            programme_id=False,
            member_ids=[Command.set(member.ids)],
        )
        schools = self._order("district_schools", programme_id=False)
        for order in officers | group | schools:
            self.assertEqual(order.level, "district")
            self.assertEqual(order.signatory_title, "Head of the Education Office")
            self.assertIn("district", order.preamble)
        self.assertEqual(self._order("bases").level, "school")
        with self.assertRaisesRegex(UserError, "officers"):
            officers.with_user(self.manager).action_approve()
        with self.assertRaisesRegex(UserError, "List the schools"):
            schools.with_user(self.manager).action_approve()
        officers.curator_ids = self.curator
        schools.school_ids = self.school_1 | self.school_2
        (officers | group | schools).with_user(self.manager).action_approve()
        self.assertEqual(member.order_id, group)
        self.assertEqual(
            self.programme.curator_ids,
            self.curator,
            "a district's officers are not the programme's curators",
        )
        # a title written by hand is kept when the type changes
        order = self._order(
            "district_officers", programme_id=False, signatory_title="И. о. начальника"
        )
        self.assertEqual(order.signatory_title, "И. о. начальника")
