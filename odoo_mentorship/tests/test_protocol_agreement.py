from datetime import timedelta

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import MentorshipCase


@tagged("post_install", "-at_install")
class TestProtocol(MentorshipCase):
    """Minutes of meetings: written by the curator, approved by the director, then
    locked; their decisions become roadmap activities and draft orders."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Member = cls.env["mentorship.working.group.member"]
        cls.chair = Member.create(
            {
                "user_id": cls.manager.id,
                "role": "chair",
                "programme_id": cls.programme.id,
            }
        )
        cls.secretary = Member.create(
            {"user_id": cls.teacher_b.id, "role": "secretary"}
        )
        cls.member = Member.create({"user_id": cls.curator.id, "role": "member"})
        # a member of another programme's group is not at this one's meetings
        other_programme = cls._make_programme(cls.school_1, cls.curator)
        cls.outsider = Member.create(
            {
                "partner_id": cls.env["res.partner"].create({"name": "Чужой Член"}).id,
                "programme_id": other_programme.id,
            }
        )
        Member.create(
            {
                "company_id": cls.school_2.id,
                "partner_id": cls.env["res.partner"]
                .create({"name": "Член Школы Два"})
                .id,
            }
        )
        cls.roadmap = cls.env["mentorship.roadmap"].create(
            {"name": "Дорожная карта", "programme_id": cls.programme.id}
        )
        cls.stage_done = cls.env["mentorship.roadmap.stage"].create(
            {"roadmap_id": cls.roadmap.id, "name": "Подготовка", "sequence": 1}
        )
        cls.stage_open = cls.env["mentorship.roadmap.stage"].create(
            {"roadmap_id": cls.roadmap.id, "name": "Реализация", "sequence": 2}
        )
        cls.env["mentorship.roadmap.activity"].create(
            {
                "roadmap_id": cls.roadmap.id,
                "stage_id": cls.stage_done.id,
                "name": "Приказ",
                "state": "done",
            }
        )
        cls.env["mentorship.roadmap.activity"].create(
            {
                "roadmap_id": cls.roadmap.id,
                "stage_id": cls.stage_open.id,
                "name": "Встречи",
            }
        )

    def _write_minutes(self, protocol_type="working_group", user=None):
        return (
            self.env["mentorship.protocol"]
            .with_user(user or self.curator)
            .create(
                {
                    "protocol_type": protocol_type,
                    "programme_id": self.programme.id,
                    "title": "О формах наставничества",
                    "item_ids": [
                        Command.create(
                            {
                                "name": "О формах наставничества на учебный год.",
                                "heard": "Куратора о запросах наставляемых.",
                                "decision": (
                                    "Реализовать формы «учитель – учитель» и «ученик – "
                                    "ученик»."
                                ),
                            }
                        ),
                        Command.create(
                            {
                                "name": "О базе наставников.",
                                "heard": "Председателя о собеседованиях.",
                                "decision": (
                                    "Провести собеседования с потенциальными "
                                    "наставниками\nи обучить их."
                                ),
                            }
                        ),
                    ],
                }
            )
        )

    def test_working_group_minutes_name_the_group(self):
        minutes = self._write_minutes()
        self.assertEqual(minutes.chair_id, self.manager.partner_id)
        self.assertEqual(minutes.secretary_id, self.teacher_b.partner_id)
        self.assertEqual(
            minutes.attendee_ids,
            (self.manager | self.teacher_b | self.curator).partner_id,
            "the members of the school's group for this programme, not of another "
            "programme or school",
        )
        council = self._write_minutes("pedagogical_council")
        self.assertFalse(
            council.chair_id, "a council's chair is not the working group's"
        )

    def test_director_approves_and_the_minutes_lock(self):
        minutes = self._write_minutes()
        self.assertEqual(minutes.state, "draft")
        with self.assertRaises(AccessError):
            minutes.with_user(self.curator).action_approve()
        with self.assertRaises(AccessError):
            minutes.with_user(self.curator).write({"state": "approved"})
        with self.assertRefused(UserError, "created as a draft"):
            self.env["mentorship.protocol"].with_user(self.curator).create(
                {"state": "approved"}
            )

        minutes.with_user(self.manager).action_approve()
        self.assertEqual(minutes.state, "approved")
        self.assertEqual(
            minutes.name, "1", "the first minutes of the working group this year"
        )
        self.assertEqual(minutes.display_name, "Minutes № 1 — Working Group")

        curator_minutes = minutes.with_user(self.curator)
        with self.assertRefused(UserError, "approved and can no longer be changed"):
            curator_minutes.title = "Другая тема"
        with self.assertRefused(UserError, "approved and can no longer be changed"):
            curator_minutes.item_ids[0].decision = "Другое решение"
        with self.assertRefused(UserError, "approved and can no longer be changed"):
            self.env["mentorship.protocol.item"].with_user(self.curator).create(
                {"protocol_id": minutes.id, "name": "Разное"}
            )
        with self.assertRefused(UserError, "approved and can no longer be changed"):
            curator_minutes.item_ids[0].unlink()
        with self.assertRefused(UserError, "Archive them instead"):
            curator_minutes.unlink()
        curator_minutes.action_archive()
        self.assertFalse(minutes.active)

        # the registers count per body: the next working group
        # minutes are № 2, a council's № 1
        second = self._write_minutes()
        council = self._write_minutes("pedagogical_council")
        council.chair_id = second.chair_id
        council.secretary_id = second.secretary_id
        (second | council).with_user(self.manager).action_approve()
        self.assertEqual((second.name, council.name), ("2", "1"))

    def test_approval_needs_chair_secretary_and_decisions(self):
        minutes = self._write_minutes("pedagogical_council")
        minutes.item_ids[1].decision = False
        with self.assertRefused(
            UserError, "chair and the secretary(.|\n)*needs its decision"
        ):
            minutes.with_user(self.manager).action_approve()
        self.assertEqual(minutes.state, "draft")

    def test_a_decision_becomes_a_roadmap_activity(self):
        minutes = self._write_minutes()
        item = minutes.item_ids[1].with_user(self.curator)
        minutes.with_user(self.manager).action_approve()
        action = item.action_create_roadmap_activity()
        activity = item.roadmap_activity_id
        self.assertEqual(
            (action["res_model"], action["res_id"]),
            ("mentorship.roadmap.activity", activity.id),
        )
        self.assertEqual(activity.roadmap_id, self.roadmap)
        self.assertEqual(
            activity.stage_id,
            self.stage_open,
            "in the first stage with open activities",
        )
        self.assertEqual(activity.name, item.decision)
        self.assertIn("№ 1", activity.document_type)
        with self.assertRefused(UserError, "already has its roadmap activity"):
            item.action_create_roadmap_activity()

    def test_a_decision_becomes_a_draft_order(self):
        minutes = self._write_minutes()
        minutes.with_user(self.manager).action_approve()
        item = minutes.item_ids[1].with_user(self.curator)
        item.action_create_order()
        order = item.order_id
        self.assertEqual((order.state, order.order_type), ("draft", "other"))
        self.assertEqual(
            order.title, "Провести собеседования с потенциальными наставниками"
        )
        self.assertEqual(order.item_ids.name, item.decision)
        self.assertEqual(order.programme_id, self.programme)
        self.assertIn("№ 1", order.preamble)
        with self.assertRefused(UserError, "already has its order"):
            item.action_create_order()

    def test_a_decision_needs_a_roadmap(self):
        minutes = self._write_minutes()
        minutes.programme_id = self._make_programme(self.school_1, self.curator)
        with self.assertRefused(UserError, "no roadmap"):
            minutes.item_ids[0].with_user(self.curator).action_create_roadmap_activity()

    def test_who_reads_minutes(self):
        minutes = self._write_minutes()
        Protocol = self.env["mentorship.protocol"]
        for participant in (self.teacher_a, self.teacher_b):
            with self.assertRaises(AccessError):
                minutes.with_user(participant).read(["title"])
            with self.assertRaises(AccessError):
                Protocol.with_user(participant).search([])
        # the curator of another school neither finds nor reads them
        self.assertFalse(
            Protocol.with_user(self.curator_2).search([("id", "=", minutes.id)])
        )
        with self.assertRaises(AccessError):
            minutes.with_user(self.curator_2).read(["title"])
        with self.assertRaises(AccessError):
            minutes.item_ids.with_user(self.curator_2).read(["decision"])
        # the district reads, and only reads
        self.assertEqual(
            minutes.with_user(self.coordinator).item_ids.mapped("name"),
            minutes.item_ids.mapped("name"),
        )
        with self.assertRaises(AccessError):
            minutes.with_user(self.coordinator).title = "Другая тема"


@tagged("post_install", "-at_install")
class TestAgreement(MentorshipCase):
    """Cooperation agreements with partner organisations."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_partner = cls.env["res.partner"].create(
            {"name": "ООО «Цифровые решения»", "is_company": True}
        )

    def _agreement(self, number, **vals):
        return (
            self.env["mentorship.agreement"]
            .with_user(self.curator)
            .create(
                {
                    "name": number,
                    "partner_id": self.company_partner.id,
                    "subject": "Наставничество специалистов организации",
                    **vals,
                }
            )
        )

    def test_status_follows_the_dates(self):
        day = timedelta(days=1)
        agreements = {
            "draft": self._agreement("1"),
            "signed": self._agreement(
                "2", date_signed=self.today - day, date_start=self.today + 10 * day
            ),
            "active": self._agreement(
                "3", date_signed=self.today - 30 * day, date_end=self.today + 300 * day
            ),
            "open_ended": self._agreement("4", date_signed=self.today),
            "expired": self._agreement(
                "5", date_signed=self.today - 400 * day, date_end=self.today - day
            ),
            "terminated": self._agreement("6", date_signed=self.today - 30 * day),
        }
        agreements["terminated"].action_terminate()
        expected = {
            "draft": "draft",
            "signed": "signed",
            "active": "active",
            "open_ended": "active",
            "expired": "expired",
            "terminated": "terminated",
        }
        self.assertEqual({key: a.state for key, a in agreements.items()}, expected)
        Agreement = self.env["mentorship.agreement"].with_user(self.curator)
        ids = [a.id for a in agreements.values()]
        for state in ("draft", "signed", "active", "expired", "terminated"):
            found = Agreement.search([("id", "in", ids), ("state", "=", state)])
            self.assertEqual(
                found,
                Agreement.browse(
                    [a.id for key, a in agreements.items() if expected[key] == state]
                ),
                state,
            )
        in_force_or_ended = Agreement.search(
            [("id", "in", ids), ("state", "not in", ("draft", "signed"))]
        )
        self.assertEqual(len(in_force_or_ended), 4)

    def test_dates_and_deletion(self):
        with self.assertRefused(ValidationError, "cannot end before it starts"):
            self._agreement(
                "1", date_start=self.today, date_end=self.today - timedelta(days=1)
            )
        draft = self._agreement("2")
        signed = self._agreement("3", date_signed=self.today)
        with self.assertRefused(UserError, "archive it instead"):
            signed.unlink()
        draft.unlink()
        self.assertFalse(draft.exists())

    def test_mentors_provided_and_access(self):
        external = self._make_mentor(
            self.env["res.partner"].create({"name": "Инженер Внешний"})
        )
        agreement = self._agreement(
            "5", date_signed=self.today, mentor_ids=[Command.set(external.ids)]
        )
        self.assertEqual(agreement.mentor_count, 1)
        with self.assertRaises(AccessError):
            agreement.with_user(self.teacher_a).read(["subject"])
        with self.assertRaises(AccessError):
            agreement.with_user(self.curator_2).read(["subject"])
        # a mentor of another school is not provided under this school's agreement
        mentor_2 = self._make_mentor(
            self.env["res.partner"].create({"name": "Учитель Школы Два"}),
            self.programme_2,
        )
        with self.assertRaises(UserError):
            agreement.with_user(self.curator).mentor_ids = [Command.link(mentor_2.id)]
        self.assertEqual(
            agreement.with_user(self.coordinator).partner_id, self.company_partner
        )
        with self.assertRaises(AccessError):
            agreement.with_user(self.coordinator).subject = "Другое"

    def test_forms_load_for_curator_director_and_coordinator(self):
        """Form reads every field of the view as the user: the screens open."""
        external = self._make_mentor(
            self.env["res.partner"].create({"name": "Инженер Внешний"})
        )
        agreement = self._agreement(
            "9", date_signed=self.today, mentor_ids=[Command.set(external.ids)]
        )
        minutes = (
            self.env["mentorship.protocol"]
            .with_user(self.curator)
            .create(
                {
                    "protocol_type": "working_group",
                    "item_ids": [
                        Command.create(
                            {"name": "Разное", "decision": "Принять к сведению"}
                        )
                    ],
                }
            )
        )
        for user in (self.curator, self.manager, self.coordinator):
            for record in (agreement, minutes, self.company_partner):
                with self.subTest(user=user.name, model=record._name):
                    self.assertEqual(Form(record.with_user(user)).id, record.id)

    def test_partner_shows_its_agreements(self):
        self._agreement("8", date_signed=self.today)
        partner = self.company_partner.with_user(self.curator)
        self.assertEqual(partner.mentorship_agreement_count, 1)
        action = partner.action_open_mentorship_agreements()
        self.assertEqual(
            self.env["mentorship.agreement"]
            .with_user(self.curator)
            .search(action["domain"])
            .name,
            "8",
        )
        # another school's curator counts none of them
        self.assertEqual(
            self.company_partner.with_user(self.curator_2).mentorship_agreement_count, 0
        )


@tagged("post_install", "-at_install")
class TestProtocolDemo(MentorshipCase):
    def test_demo_minutes_and_agreement(self):
        minutes = self.env.ref(
            "odoo_mentorship.protocol_working_group_1_demo", raise_if_not_found=False
        )
        if not minutes:
            self.skipTest("no demo data")
        curator = self.env.ref("odoo_mentorship.user_curator_demo")
        minutes = minutes.with_user(curator)
        self.assertEqual((minutes.state, minutes.name), ("approved", "1"))
        self.assertEqual(len(minutes.item_ids), 3)
        self.assertEqual(minutes.chair_id, self.env.ref("base.partner_admin"))
        self.assertTrue(minutes.item_ids[1].roadmap_activity_id)
        self.assertEqual(
            minutes.item_ids[0].order_id,
            self.env.ref("odoo_mentorship.order_curators_demo"),
        )
        # the third decision is still to be carried out: it becomes a draft order
        minutes.item_ids[2].action_create_order()
        self.assertEqual(minutes.item_ids[2].order_id.state, "draft")
        council = self.env.ref("odoo_mentorship.protocol_council_demo").with_user(
            curator
        )
        self.assertEqual(council.state, "draft")
        agreement = self.env.ref(
            "odoo_mentorship.agreement_kuzbass_digital_demo"
        ).with_user(curator)
        self.assertEqual(agreement.state, "active")
        self.assertEqual(
            agreement.mentor_ids, self.env.ref("odoo_mentorship.mentor_lavrentiev_demo")
        )
        self.assertEqual(
            agreement.partner_id.with_user(curator).mentorship_agreement_count, 1
        )
