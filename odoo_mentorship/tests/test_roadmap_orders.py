from datetime import date, timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import MentorshipCase


@tagged("post_install", "-at_install")
class TestRoadmap(MentorshipCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.template = cls.env["mentorship.roadmap.template"].create(
            {
                "name": "Test roadmap",
                "code": "test_roadmap",
                "stage_ids": [
                    (
                        0,
                        0,
                        {
                            "sequence": 1,
                            "name": "Подготовка",
                            "activity_ids": [
                                (
                                    0,
                                    0,
                                    {
                                        "number": "1",
                                        "name": "Приказ о рабочей группе",
                                        "offset_months": 1,
                                        "offset_days": -1,
                                        "deadline_text": (
                                            "Сентябрь 2025, далее ежегодно"
                                        ),
                                        "recurrence": "yearly",
                                        "document_type": "Приказ",
                                    },
                                ),
                                (
                                    0,
                                    0,
                                    {
                                        "number": "2",
                                        "name": "Информирование",
                                        "offset_months": 2,
                                        "deadline_text": "Октябрь 2025",
                                    },
                                ),
                            ],
                        },
                    ),
                    (
                        0,
                        0,
                        {
                            "sequence": 2,
                            "name": "Завершение",
                            "activity_ids": [
                                (
                                    0,
                                    0,
                                    {
                                        "number": "3",
                                        "name": "Мониторинг этапа",
                                        "offset_months": 9,
                                        "is_monitoring": True,
                                    },
                                ),
                            ],
                        },
                    ),
                ],
            }
        )

    def _create(self, template=None, start=date(2025, 9, 1)):
        wizard = Form(self.env["mentorship.roadmap.create"].with_user(self.curator))
        wizard.template_id = template or self.template
        wizard.programme_id = self.programme
        wizard.date_start = start
        action = wizard.save().action_create()
        return self.env["mentorship.roadmap"].browse(action["res_id"])

    def test_create_from_template_with_dated_deadlines(self):
        roadmap = self._create()
        self.assertEqual(roadmap.programme_id, self.programme)
        self.assertEqual(roadmap.stage_ids.mapped("name"), ["Подготовка", "Завершение"])
        first, second, third = roadmap.stage_ids.activity_ids.sorted("number")
        self.assertEqual(first.deadline, date(2025, 9, 30))
        self.assertEqual(first.deadline_text, "Сентябрь 2025, далее ежегодно")
        self.assertEqual(second.deadline, date(2025, 11, 1))
        self.assertEqual(third.deadline, date(2026, 6, 1))
        self.assertTrue(third.is_monitoring)
        self.assertEqual(roadmap.progress, 0.0)
        second.action_done()
        self.assertAlmostEqual(roadmap.stage_ids[0].progress, 50.0)
        self.assertAlmostEqual(roadmap.progress, 100.0 / 3)

    def test_seed_000_school_template(self):
        template = self.env.ref("odoo_mentorship.roadmap_template_school_2021")
        roadmap = self._create(template)
        self.assertEqual(len(roadmap.stage_ids), 7)
        activities = self.env["mentorship.roadmap.activity"].search(
            [("roadmap_id", "=", roadmap.id)]
        )
        # the document numbers 32 activities, 16 and 17
        # twice (stage 4 restarts at 17, 16)
        self.assertEqual(len(activities), 34)
        self.assertEqual(
            sorted(set(int(n) for n in activities.mapped("number"))), list(range(1, 33))
        )
        self.assertEqual(len(template.activity_ids), 34)
        self.assertTrue(all(activities.mapped("deadline")))
        self.assertTrue(activities.filtered("is_monitoring"))

    def test_yearly_activity_comes_back_next_year(self):
        roadmap = self._create()
        yearly = roadmap.stage_ids.activity_ids.filtered(
            lambda a: a.recurrence == "yearly"
        )
        yearly.action_done()
        following = self.env["mentorship.roadmap.activity"].search(
            [("previous_id", "=", yearly.id)]
        )
        self.assertEqual(len(following), 1)
        self.assertEqual(following.deadline, date(2026, 9, 30))
        self.assertEqual(following.state, "planned")
        # done again (after a reset) does not duplicate next year's occurrence
        yearly.action_reset()
        yearly.action_done()
        self.assertEqual(
            self.env["mentorship.roadmap.activity"].search_count(
                [("previous_id", "=", yearly.id)]
            ),
            1,
        )

    def test_overdue_and_reminders_are_idempotent(self):
        roadmap = self._create(start=date(2025, 9, 1))
        first, second, third = roadmap.stage_ids.activity_ids.sorted("number")
        (first | second).responsible_user_ids = self.teacher_a
        Activity = self.env["mentorship.roadmap.activity"]
        with freeze_time("2025-10-28"):
            self.assertEqual(
                Activity.search(
                    [("roadmap_id", "=", roadmap.id), ("is_overdue", "=", True)]
                ),
                first,
            )
            self.assertTrue(first.is_overdue)
            Activity._cron_send_reminders()
            Activity._cron_send_reminders()
        reminder = second.activity_ids
        self.assertEqual(
            len(reminder),
            1,
            "one to-do for the responsible teacher, however often the job runs",
        )
        self.assertEqual(reminder.user_id, self.teacher_a)
        self.assertEqual(reminder.date_deadline, date(2025, 11, 1))
        self.assertEqual(len(first.activity_ids), 1)
        self.assertEqual(first.activity_ids.user_id, roadmap.manager_id)
        self.assertFalse(third.activity_ids, "far deadlines get no reminder yet")

    def test_responsible_teacher_updates_only_own_activities(self):
        roadmap = self._create()
        first, second, _third = roadmap.stage_ids.activity_ids.sorted("number")
        first.responsible_user_ids = self.teacher_a
        first.with_user(self.teacher_a).action_start()
        self.assertEqual(first.state, "in_progress")
        self.assertEqual(second.with_user(self.teacher_a).name, "Информирование")
        with self.assertRaises(AccessError):
            second.with_user(self.teacher_a).action_done()
        with self.assertRaises(AccessError):
            roadmap.with_user(self.curator_2).read(["name"])


@tagged("post_install", "-at_install")
class TestOrders(MentorshipCase):
    def _order(self, order_type, **vals):
        return (
            self.env["mentorship.order"]
            .with_user(self.curator)
            .create(
                {
                    "order_type": order_type,
                    "programme_id": self.programme.id,
                    "date": date(2025, 10, 1),
                    "item_ids": [(0, 0, {"name": "Утвердить состав."})],
                    **vals,
                }
            )
        )

    def test_numbering_per_company_and_year(self):
        first = self._order("curators", curator_ids=[(6, 0, self.curator.ids)])
        second = self._order("curators", curator_ids=[(6, 0, self.curator.ids)])
        next_year = self._order(
            "curators", curator_ids=[(6, 0, self.curator.ids)], date=date(2026, 1, 12)
        )
        self.assertEqual(first.display_name.split(" — ")[0], "№ " + self.env._("Draft"))
        (first | second | next_year).with_user(self.manager).action_approve()
        self.assertEqual((first.name, second.name, next_year.name), ("1", "2", "1"))
        other_school = self.env["mentorship.order"].create(
            {
                "order_type": "curators",
                "company_id": self.school_2.id,
                "programme_id": self.programme_2.id,
                "curator_ids": [(6, 0, self.curator_2.ids)],
                "date": date(2025, 10, 2),
            }
        )
        other_school.with_user(self.manager).with_context(
            allowed_company_ids=[self.school_2.id]
        ).sudo().action_approve()
        self.assertEqual(other_school.name, "1")

    def test_only_the_manager_approves_and_approved_is_read_only(self):
        order = self._order(
            "curators", curator_ids=[(6, 0, (self.curator | self.manager).ids)]
        )
        with self.assertRefused(UserError, "Only the mentorship manager"):
            order.action_approve()
        with self.assertRefused(UserError, "Only the mentorship manager"):
            order.write({"state": "approved"})
        order.with_user(self.manager).action_approve()
        self.assertEqual(order.state, "approved")
        self.assertEqual(self.programme.curator_ids, self.curator | self.manager)
        for vals in (
            {"title": "Другое"},
            {"date": date(2025, 10, 5)},
            {"curator_ids": [(5, 0, 0)]},
        ):
            with self.assertRefused(
                UserError, "is approved and can no longer be changed"
            ):
                order.with_user(self.manager).write(vals)
        with self.assertRefused(UserError, "is approved and can no longer be changed"):
            order.item_ids.with_user(self.manager).write({"name": "Иное"})
        with self.assertRefused(UserError, "cannot be deleted"):
            order.with_user(self.manager).unlink()
        order.with_user(self.curator).message_post(body="Ознакомлены")
        order.with_user(self.manager).action_cancel()
        self.assertEqual(order.state, "cancelled")

    def test_fix_pairs_all_or_nothing(self):
        pupil_mentor = self._make_mentor(
            self.env["res.partner"].create({"name": "Отличник Саша"}),
            kind=self.kind_pupil,
        )
        child = self.env["res.partner"].create({"name": "Маленький Ваня"})
        minor = self._make_mentee(
            child,
            kind=self.kind_pupil,
            birth_date=self.today - timedelta(days=365 * 11),
        )
        pair_ok = self._make_pair(self.mentor_a, self.mentee_c)
        pair_minor = self._make_pair(pupil_mentor, minor, form=self.form_pupils)
        order = self._order("pairs", pair_ids=[(6, 0, (pair_ok | pair_minor).ids)])
        with self.assertRefused(UserError, "Маленький Ваня is a minor"):
            order.with_user(self.manager).action_approve()
        self.assertEqual(order.state, "draft")
        self.assertEqual(order.name, "/")
        self.assertEqual((pair_ok | pair_minor).stage_id, self.stage_forming)
        self.assertFalse(pair_ok.order_id)
        # the parent's consent arrives: now the order fixes both pairs
        parent = self.env["res.partner"].create({"name": "Мама Вани"})
        minor.write(
            {"legal_representative_id": parent.id, "consent_given_by_id": parent.id}
        )
        order.with_user(self.manager).action_approve()
        self.assertEqual(pair_ok.stage_id, self.stage_intro)
        self.assertEqual(pair_minor.stage_id, self.stage_intro)
        self.assertEqual((pair_ok | pair_minor).order_id, order)
        self.assertEqual(
            pair_ok.date_start,
            order.date,
            "a pair fixed by an order starts on its date",
        )

    def test_fix_pairs_lists_every_problem(self):
        working = self._make_pair(self.mentor_a, self.mentee_c)
        working.stage_id = self.stage_work
        self.mentee_d.consent_date = False
        unconsented = self._make_pair(self.mentor_b, self.mentee_d)
        order = self._order("pairs", pair_ids=[(6, 0, (working | unconsented).ids)])
        with self.assertRefused(
            UserError,
            "(?s)is no longer forming.*consent of Глеб Молодой is not recorded",
        ):
            order.with_user(self.manager).action_approve()
        self.assertEqual(unconsented.stage_id, self.stage_forming)

    def test_approve_programme_and_working_group(self):
        draft = self.env["mentorship.programme"].create(
            {
                "name": "Черновик",
                "date_start": date(2025, 9, 1),
                "date_end": date(2026, 8, 31),
            }
        )
        member = (
            self.env["mentorship.working.group.member"]
            .with_user(self.curator)
            .create(
                {
                    "user_id": self.manager.id,
                    "role": "chair",
                    "position": "Директор",
                }
            )
        )
        self.assertEqual(member.partner_id, self.manager.partner_id)
        self._order("programme", programme_id=draft.id).with_user(
            self.manager
        ).action_approve()
        self.assertEqual(draft.state, "approved")
        group_order = self._order("working_group", member_ids=[(6, 0, member.ids)])
        group_order.with_user(self.manager).action_approve()
        self.assertEqual(member.order_id, group_order)
        nomination = self.env["mentorship.nomination"].create(
            {"name": "Наставник года"}
        )
        closing = self._order(
            "closing",
            reward_text="Почётная грамота",
            award_ids=[
                (
                    0,
                    0,
                    {
                        "nomination_id": nomination.id,
                        "mentor_id": self.mentor_a.id,
                        "year": 2025,
                    },
                )
            ],
        )
        closing.with_user(self.manager).action_approve()
        self.assertEqual(self.programme.state, "closed")
        self.assertIn("Наставник года", self.mentor_a.message_ids[0].body)

    def test_coordinator_reads_orders_of_every_school(self):
        order = self._order("curators", curator_ids=[(6, 0, self.curator.ids)])
        self.assertEqual(order.with_user(self.coordinator).title, order.title)
        with self.assertRaises(AccessError):
            order.with_user(self.coordinator).write({"title": "x"})
        with self.assertRaises(AccessError):
            order.with_user(self.curator_2).read(["title"])
