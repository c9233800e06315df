"""The findings of the privacy review that are about who reads what: each as the
restricted user, on two schools."""

from datetime import timedelta

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user, tagged

from .common import MentorshipCase


@tagged("post_install", "-at_install")
class TestPrivacyFindings(MentorshipCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.representative = env["res.partner"].create({"name": "Мама Веры"})
        cls.category = env.ref("odoo_mentorship.category_young_specialist")
        cls.mentee_c.write(
            {
                "birth_date": cls.today - timedelta(days=365 * 30),
                "category_ids": [Command.set(cls.category.ids)],
                "note": "<p>Выгорание</p>",
            }
        )
        # a group: Анна mentors Вера and Глеб; Борис mentors nobody yet
        cls.group = cls._make_pair(cls.mentor_a, cls.mentee_c | cls.mentee_d)
        cls.request_c = env["mentorship.request"].create(
            {"mentee_id": cls.mentee_c.id, "name": "Тревожность"}
        )
        cls.meeting = cls._log_meeting_cls(cls.group)
        cls.feedback_c = env["mentorship.meeting.feedback"].create(
            {
                "meeting_id": cls.meeting.id,
                "mentee_id": cls.mentee_c.id,
                "rating": "3",
                "comment": "Конфликт в семье мешает",
            }
        )
        # school 2: a mentee with a request
        cls.mentee_y = cls._make_mentee(
            env["res.partner"].create({"name": "Ученик Школы Два"}), cls.programme_2
        )
        cls.request_y = env["mentorship.request"].create(
            {"mentee_id": cls.mentee_y.id, "name": "Тревожность, конфликт в семье"}
        )
        cls.coordinator_1 = new_test_user(
            env,
            "coord_one",
            groups="base.group_user,odoo_mentorship.group_mentorship_coordinator",
            company_ids=[Command.set(cls.school_1.ids)],
        )

    @classmethod
    def _log_meeting_cls(cls, pair):
        return cls.env["mentorship.meeting"].create(
            {
                "pair_id": pair.id,
                "meeting_type": "intro",
                "date_start": f"{cls.today - timedelta(days=1)} 10:00:00",
                "attendee_ids": [Command.set(pair.mentee_ids.ids)],
            }
        )

    # 1. requests
    def test_participants_read_only_the_requests_of_their_own_pairs(self):
        Request = self.env["mentorship.request"]
        # Борис has no pair: he reads no request at all, of his school or another
        self.assertFalse(
            Request.with_user(self.teacher_b).search_read([], ["mentee_id", "name"])
        )
        with self.assertRaises(AccessError):
            self.request_y.with_user(self.teacher_b).read(["name"])
        # the mentor reads the requests of their mentees, the mentee their own
        self.assertEqual(Request.with_user(self.teacher_a).search([]), self.request_c)
        self.assertEqual(Request.with_user(self.teacher_c).search([]), self.request_c)
        # a co-mentee does not read the other mentee's requests
        self.assertFalse(Request.with_user(self.teacher_d).search([]))

    # 2. personal files
    def test_co_mentee_and_mentor_read_names_not_personal_files(self):
        sensitive = [
            "birth_date",
            "age",
            "category_ids",
            "legal_representative_id",
            "consent_document",
            "note",
        ]
        for user in (self.teacher_d, self.teacher_a):  # the co-mentee, the mentor
            mentee = self.mentee_c.with_user(user)
            self.assertEqual(
                mentee.read(["partner_id"])[0]["partner_id"][1], "Вера Молодая"
            )
            # whether a person is a minor and has consented is known, not the birth date
            self.assertEqual(
                mentee.read(["is_minor", "has_valid_consent"])[0]["is_minor"], False
            )
            for name in sensitive:
                with self.assertRaises(AccessError, msg=f"{user.name} reads {name}"):
                    mentee.read([name])
        # the other mentee's feedback: the co-mentee does not read it, the mentor does
        Feedback = self.env["mentorship.meeting.feedback"]
        self.assertFalse(Feedback.with_user(self.teacher_d).search([]))
        with self.assertRaises(AccessError):
            self.feedback_c.with_user(self.teacher_d).read(["comment"])
        self.assertEqual(Feedback.with_user(self.teacher_a).search([]), self.feedback_c)
        # the curator reads the personal file
        self.assertEqual(
            self.mentee_c.with_user(self.curator).read(["category_ids"])[0][
                "category_ids"
            ],
            self.category.ids,
        )

    # 4. indicators
    def test_indicators_are_read_only_beyond_the_own_school(self):
        indicator = self.env["mentorship.kpi.indicator"].search([], limit=1)
        Target = self.env["mentorship.kpi.target"]
        with self.assertRaises(AccessError):
            Target.with_user(self.manager).create(
                {
                    "indicator_id": indicator.id,
                    "year": 2030,
                    "target": 10,
                    "company_id": self.school_2.id,
                }
            )
        own = Target.with_user(self.manager).create(
            {
                "indicator_id": indicator.id,
                "year": 2030,
                "target": 10,
                "company_id": self.school_1.id,
            }
        )
        self.assertEqual(own.target, 10)
        with self.assertRaises(AccessError):
            indicator.with_user(self.manager).unlink()
        shared = Target.create(
            {"indicator_id": indicator.id, "year": 2030, "target": 30}
        )
        with self.assertRaises(AccessError):
            shared.with_user(self.manager).write({"target": 5})
        value = self.env["mentorship.kpi.value"].create(
            {
                "indicator_id": indicator.id,
                "company_id": self.school_1.id,
                "year": 2030,
                "status": "no_data",
            }
        )
        for user in (self.coordinator, self.curator):
            self.assertEqual(
                value.with_user(user).read(["status"])[0]["status"], "no_data"
            )
            with self.assertRaises(AccessError):
                value.with_user(user).write({"value": 100})
            with self.assertRaises(AccessError):
                value.with_user(user).unlink()
        with self.assertRaises(AccessError):
            own.with_user(self.coordinator).write({"target": 90})

    def test_curator_computes_the_indicators_of_the_own_school(self):
        wizard = (
            self.env["mentorship.kpi.compute"]
            .with_user(self.curator)
            .create(
                {
                    "year": self.today.year,
                    "company_ids": [Command.set(self.school_1.ids)],
                }
            )
        )
        action = wizard.action_compute()
        values = (
            self.env["mentorship.kpi.value"]
            .with_user(self.curator)
            .search(action["domain"])
        )
        self.assertTrue(values)
        self.assertEqual(values.company_id, self.school_1)

    # 9. answers of no programme
    def test_answers_of_no_programme_belong_to_no_school(self):
        survey = self.env["survey.survey"].search(
            [("survey_type", "=", "mentorship")], limit=1
        )
        answer = self.env["survey.user_input"].create(
            {"survey_id": survey.id, "partner_id": self.teacher_x_partner().id}
        )
        self.assertFalse(answer.mentorship_programme_id)
        for curator in (self.curator, self.curator_2):
            with self.assertRaises(AccessError):
                answer.with_user(curator).read(["state"])
            with self.assertRaises(AccessError):
                answer.with_user(curator).unlink()

    def teacher_x_partner(self):
        return self.env["res.partner"].create({"name": "Аноним"})

    # 11. orders
    def test_participants_do_not_read_orders(self):
        order = self.env["mentorship.order"].create(
            {"order_type": "pairs", "pair_ids": [Command.set(self.group.ids)]}
        )
        for user in (self.teacher_a, self.teacher_c):
            with self.assertRaises(AccessError):
                order.with_user(user).read(["preamble"])
            with self.assertRaises(AccessError):
                self.env["mentorship.order"].with_user(user).search([])
        self.assertTrue(order.with_user(self.curator).read(["preamble"]))

    # 12. work records
    def test_curators_read_the_work_records_of_participants_only(self):
        Employee = self.env["hr.employee"]
        participant = Employee.create({"name": "Вера Молодая"})
        stranger = Employee.create({"name": "Бухгалтер"})
        self.mentee_c.employee_id = participant
        Experience = self.env["hr.employee.experience"]
        vals = {
            "organisation": "Школа",
            "position": "Учитель",
            "date_start": "2020-09-01",
        }
        own = Experience.create({**vals, "employee_id": participant.id})
        other = Experience.create({**vals, "employee_id": stranger.id})
        employees = participant | stranger
        self.assertEqual(
            Experience.with_user(self.curator).search(
                [("employee_id", "in", employees.ids)]
            ),
            own,
        )
        with self.assertRaises(AccessError):
            other.with_user(self.curator).read(["position"])

    # 15. the district
    def test_coordinator_reads_names_and_figures_not_personal_files(self):
        mentee = self.mentee_c.with_user(self.coordinator_1)
        self.assertEqual(
            mentee.read(["partner_id"])[0]["partner_id"][1], "Вера Молодая"
        )
        self.assertTrue(mentee.read(["stage_id"])[0]["stage_id"])
        for name in (
            "birth_date",
            "category_ids",
            "consent_document",
            "legal_representative_id",
            "note",
        ):
            with self.assertRaises(AccessError, msg=name):
                mentee.read([name])
        with self.assertRaises(AccessError):
            self.request_c.with_user(self.coordinator_1).read(["name"])
        monitoring = self.env["mentorship.monitoring"].create(
            {
                "name": "Мониторинг",
                "programme_id": self.programme.id,
                "date_from": self.today - timedelta(days=30),
                "date_to": self.today,
                "growth_line_ids": [
                    Command.create(
                        {
                            "mentee_id": self.mentee_c.id,
                            "dimension": "anxiety",
                            "entry_score": 4.0,
                        }
                    )
                ],
            }
        )
        self.assertTrue(
            monitoring.with_user(self.coordinator_1).read(["response_rate"])
        )
        with self.assertRaises(AccessError):
            monitoring.growth_line_ids.with_user(self.coordinator_1).read(
                ["entry_score"]
            )
        # and the pair form and the base load for it (restricted fields leave the views)
        for model in ("mentorship.mentee", "mentorship.pair", "mentorship.monitoring"):
            views = (
                self.env[model]
                .with_user(self.coordinator_1)
                .get_views([(False, "form"), (False, "kanban")])
            )
            self.assertNotIn("birth_date", views["models"][model]["fields"])

    # one consent rule: the filters find what the pair constraint refuses
    def test_consent_filter_follows_the_consent_rule(self):
        minor = self._make_mentee(
            self.env["res.partner"].create({"name": "Ученик"}),
            kind=self.kind_pupil,
            birth_date=self.today - timedelta(days=365 * 12),
            legal_representative_id=self.representative.id,
        )
        # consent "given" by the pupil himself: recorded, but not valid for a minor
        self.assertFalse(minor.has_valid_consent)
        Mentee = self.env["mentorship.mentee"].with_user(self.curator)
        self.assertIn(minor, Mentee.search([("has_valid_consent", "=", False)]))
        minor.consent_given_by_id = self.representative
        self.assertNotIn(minor, Mentee.search([("has_valid_consent", "=", False)]))

    def test_consent_changes_are_tracked(self):
        mentee = self.mentee_c.with_context(tracking_disable=False)
        consent = mentee.consent_id
        mentee.write(
            {
                "consent_date": self.today,
                "legal_representative_id": self.representative.id,
            }
        )
        mentee.consent_withdrawn = True
        self.env.cr.precommit.run()  # tracking values are written at commit
        self.assertIn(
            "legal_representative_id",
            mentee.message_ids.tracking_value_ids.field_id.mapped("name"),
        )
        tracked = consent.message_ids.tracking_value_ids.field_id.mapped("name")
        for name in ("date", "withdrawn_date", "withdrawn_method"):
            self.assertIn(name, tracked)
        self.assertIn(
            "Consent withdrawn on", " ".join(mentee.message_ids.mapped("body"))
        )


@tagged("post_install", "-at_install")
class TestRegisterIsKept(MentorshipCase):
    """Orders and questionnaires keep their history: the register's numbers, a
    cancelled order, the answers a monitoring counts."""

    def test_order_number_is_given_by_the_register(self):
        Order = self.env["mentorship.order"].with_user(self.curator)
        with self.assertRefused(UserError, "given by the register"):
            Order.create({"order_type": "working_group", "name": "15-ОД"})
        order = Order.create({"order_type": "curators"})
        with self.assertRefused(UserError, "given by the register"):
            order.write({"name": "15-ОД"})
        order.write(
            {
                "programme_id": self.programme.id,
                "curator_ids": [Command.set(self.curator.ids)],
            }
        )
        order.with_user(self.manager).action_approve()
        self.assertNotEqual(order.name, "/")
        self.assertNotEqual(order.name, "15-ОД")

    def test_cancelled_order_is_changed_after_a_reset_only(self):
        order = (
            self.env["mentorship.order"]
            .with_user(self.curator)
            .create({"order_type": "working_group"})
        )
        order.with_user(self.manager).action_cancel()
        with self.assertRefused(UserError, "cancelled"):
            order.write({"preamble": "<p>Иначе</p>"})
        with self.assertRefused(UserError, "cancelled"):
            self.env["mentorship.order.item"].with_user(self.curator).create(
                {"order_id": order.id, "name": "Пункт"}
            )
        order.with_user(self.manager).action_reset_draft()
        order.write({"preamble": "<p>Иначе</p>"})
        self.assertEqual(order.state, "draft")

    def test_answered_questionnaire_is_archived_not_deleted(self):
        survey = self.env["survey.survey"].create(
            {"title": "Входная диагностика", "survey_type": "mentorship"}
        )
        self.env["survey.user_input"].create(
            {"survey_id": survey.id, "mentorship_mentee_id": self.mentee_c.id}
        )
        survey_manager = self.env["res.users"].create(
            {
                "name": "Методист",
                "login": "methodist",
                "groups_id": [
                    Command.set(
                        (
                            self.env.ref("survey.group_survey_manager")
                            | self.env.ref("odoo_mentorship.group_mentorship_curator")
                        ).ids
                    )
                ],
            }
        )
        with self.assertRefused(UserError, "Archive it instead"):
            survey.with_user(survey_manager).unlink()
        unanswered = self.env["survey.survey"].create(
            {"title": "Черновик", "survey_type": "mentorship"}
        )
        unanswered.with_user(survey_manager).unlink()
        self.assertFalse(unanswered.exists())

    def test_a_wrong_meeting_is_archived_not_deleted(self):
        pair = self._make_pair(self.mentor_a, self.mentee_c)
        meeting = self._log_meeting(pair, "intro")
        self._log_meeting(pair, "trial")
        self.assertEqual(pair.meeting_count, 2)
        with self.assertRefused(UserError, "archive it"):
            meeting.with_user(self.curator).unlink()
        meeting.with_user(self.curator).action_archive()
        self.assertEqual(pair.meeting_count, 1)
        self.assertNotIn(meeting, pair.meeting_ids)
        self.assertTrue(meeting.exists())


@tagged("post_install", "-at_install")
class TestScreensOfEachRole(MentorshipCase):
    """The forms each role opens load (Form reads every field of the view as the
    user): restricted fields leave the views instead of failing them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pair = cls._make_pair(cls.mentor_a, cls.mentee_c)
        cls.env["mentorship.request"].create(
            {"mentee_id": cls.mentee_c.id, "name": "Тревожность"}
        )
        cls.meeting = cls.env["mentorship.meeting"].create(
            {"pair_id": cls.pair.id, "meeting_type": "intro"}
        )
        cls.monitoring = cls.env["mentorship.monitoring"].create(
            {
                "name": "Мониторинг",
                "programme_id": cls.programme.id,
                "date_from": cls.today - timedelta(days=30),
                "date_to": cls.today,
            }
        )

    def test_forms_load_for_each_role(self):
        screens = {
            self.teacher_a: [
                self.mentee_c,
                self.mentor_a,
                self.pair,
                self.meeting,
            ],  # the mentor
            self.teacher_c: [
                self.mentee_c,
                self.mentor_a,
                self.pair,
                self.meeting,
            ],  # the mentee
            self.coordinator: [
                self.mentee_c,
                self.mentor_a,
                self.pair,
                self.meeting,
                self.monitoring,
            ],
            self.curator: [
                self.mentee_c,
                self.mentor_a,
                self.pair,
                self.meeting,
                self.monitoring,
            ],
        }
        for user, records in screens.items():
            for record in records:
                with self.subTest(user=user.name, model=record._name):
                    form = Form(record.with_user(user))
                    self.assertEqual(form.id, record.id)

    def test_log_meeting_is_offered_to_the_mentor_and_curators(self):
        offered = {
            user: self.pair.with_user(user).can_log_meeting
            for user in (self.teacher_a, self.teacher_c, self.coordinator, self.curator)
        }
        self.assertEqual(list(offered.values()), [True, False, False, True])
