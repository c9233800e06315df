"""The guards of the privacy issue, each tried as the restricted user it stops."""

from datetime import timedelta

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import MentorshipCase
from .test_portal import MentorshipPortalCase


@tagged("post_install", "-at_install")
class TestPrivacyGuards(MentorshipCase):
    """Анна (teacher_a) mentors Вера (teacher_c) and Глеб (teacher_d) in one group."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pair = cls._make_pair(cls.mentor_a, cls.mentee_c | cls.mentee_d)

    def _meeting(self, meeting_type="intro", **vals):
        return self._log_meeting(self.pair, meeting_type, attendee_ids=[], **vals)

    # ------------------------------------------------------------
    # 3. approval cannot be skipped
    # ------------------------------------------------------------

    def test_orders_are_created_as_drafts(self):
        Order = self.env["mentorship.order"]
        vals = {
            "order_type": "curators",
            "programme_id": self.programme.id,
            "curator_ids": [Command.set(self.curator.ids)],
        }
        for user in (self.curator, self.manager):
            for state in ("approved", "cancelled"):
                with self.assertRefused(UserError, "created as a draft"):
                    Order.with_user(user).create({**vals, "state": state})
            with self.assertRefused(UserError, "created as a draft"):
                Order.with_user(user).with_context(default_state="approved").create(
                    vals
                )
        order = Order.with_user(self.curator).create(vals)
        self.assertEqual((order.state, order.name), ("draft", "/"))

    def test_only_the_manager_creates_a_programme_past_draft(self):
        Programme = self.env["mentorship.programme"]
        vals = {"name": "Программа", "date_start": self.today, "date_end": self.today}
        for state in ("approved", "running", "closed"):
            with self.assertRefused(AccessError, "Only the mentorship manager"):
                Programme.with_user(self.curator).create({**vals, "state": state})
        with self.assertRefused(AccessError, "Only the mentorship manager"):
            Programme.with_user(self.curator).with_context(
                default_state="running"
            ).create(vals)
        self.assertEqual(Programme.with_user(self.curator).create(vals).state, "draft")
        self.assertEqual(
            Programme.with_user(self.manager)
            .create({**vals, "state": "running"})
            .state,
            "running",
        )

    # ------------------------------------------------------------
    # 5. meetings: who changes what
    # ------------------------------------------------------------

    def test_mentee_confirms_own_attendance_only(self):
        meeting = self._meeting()
        as_vera = meeting.with_user(self.teacher_c)
        for vals in (
            {"mentor_confirmed": True},
            {"meeting_type": "final"},
            {"date_start": f"{self.today} 09:00:00"},
            {"outcome": "Всё отлично"},
            {"attendee_ids": [Command.link(self.mentee_d.id)]},
            {"attendee_ids": [Command.set((self.mentee_c | self.mentee_d).ids)]},
        ):
            with self.assertRefused(UserError, "confirms their own attendance only"):
                as_vera.write(vals)
        self.assertEqual(
            self.pair.stage_id, self.stage_intro, "no jump to the final stage"
        )
        self.assertFalse(meeting.mentor_confirmed)
        as_vera.write({"attendee_ids": [Command.link(self.mentee_c.id)]})
        self.assertEqual(meeting.attendee_ids, self.mentee_c)
        # nor withdraw someone else's attendance
        meeting.attendee_ids = self.mentee_c | self.mentee_d
        with self.assertRefused(UserError, "confirms their own attendance only"):
            as_vera.write({"attendee_ids": [Command.unlink(self.mentee_d.id)]})
        with self.assertRefused(
            AccessError, "Only the mentor of the pair or a curator"
        ):
            self.env["mentorship.meeting"].with_user(self.teacher_c).create(
                {"pair_id": self.pair.id, "meeting_type": "final"}
            )
        self.assertEqual(self.pair.meeting_count, 1)

    def test_confirmed_meeting_changes_by_a_curator_only(self):
        meeting = (
            self.env["mentorship.meeting"]
            .with_user(self.teacher_a)
            .create(
                {
                    "pair_id": self.pair.id,
                    "meeting_type": "intro",
                    "date_start": f"{self.today - timedelta(days=2)} 10:00:00",
                    "mentor_confirmed": True,
                }
            )
        )
        meeting.write({"outcome": "Познакомились"})
        for vals in (
            {"meeting_type": "final"},
            {"date_start": f"{self.today - timedelta(days=1)} 10:00:00"},
            {"mentor_confirmed": False},
        ):
            with self.assertRefused(UserError, "is confirmed: only a curator"):
                meeting.write(vals)
        self.assertEqual(self.pair.stage_id, self.stage_intro)
        curator_meeting = meeting.with_user(self.curator)
        curator_meeting.write({"meeting_type": "trial", "mentor_confirmed": False})
        self.assertEqual(
            (meeting.meeting_type, meeting.mentor_confirmed), ("trial", False)
        )
        # unconfirmed again: the mentor corrects it
        meeting.write({"meeting_type": "intro"})
        self.assertEqual(meeting.meeting_type, "intro")

    def test_no_meeting_changes_on_a_closed_pair(self):
        meeting = self._meeting()
        self.pair.stage_id = self.stage_done
        with self.assertRefused(UserError, "is no longer open"):
            meeting.with_user(self.teacher_a).write({"outcome": "Переписано"})
        with self.assertRefused(UserError, "is no longer open"):
            meeting.with_user(self.teacher_c).write(
                {"attendee_ids": [Command.link(self.mentee_c.id)]}
            )
        with self.assertRefused(UserError, "is no longer open"):
            self.env["mentorship.meeting"].with_user(self.teacher_a).create(
                {"pair_id": self.pair.id, "meeting_type": "work"}
            )
        self.assertFalse(meeting.outcome)
        meeting.with_user(self.curator).write({"outcome": "Исправлено куратором"})
        self.assertEqual(meeting.outcome, "Исправлено куратором")

    # ------------------------------------------------------------
    # 6. feedback: the mentee's own word
    # ------------------------------------------------------------

    def test_feedback_belongs_to_its_mentee(self):
        meeting = self._meeting()
        other_meeting = self._meeting(days_ago=0)
        Feedback = self.env["mentorship.meeting.feedback"]
        feedback = Feedback.with_user(self.teacher_c).create(
            {"meeting_id": meeting.id, "mentee_id": self.mentee_c.id, "rating": "4"}
        )
        feedback.write({"comment": "Полезно"})
        with self.assertRefused(UserError, "stays with its meeting and its mentee"):
            feedback.write({"mentee_id": self.mentee_d.id})
        with self.assertRefused(UserError, "stays with its meeting and its mentee"):
            feedback.write({"meeting_id": other_meeting.id})
        with self.assertRefused(AccessError, "given by the mentee only"):
            Feedback.with_user(self.teacher_c).create(
                {"meeting_id": meeting.id, "mentee_id": self.mentee_d.id, "rating": "1"}
            )
        # curators read the feedback; they neither write nor forge it
        self.assertEqual(feedback.with_user(self.curator).rating, "4")
        with self.assertRefused(AccessError, "given by the mentee only"):
            feedback.with_user(self.curator).write({"rating": "1"})
        with self.assertRefused(AccessError, "given by the mentee only"):
            Feedback.with_user(self.curator).create(
                {"meeting_id": meeting.id, "mentee_id": self.mentee_d.id, "rating": "1"}
            )
        self.assertEqual(
            (feedback.mentee_id, feedback.meeting_id, feedback.rating),
            (self.mentee_c, meeting, "4"),
        )
        self.assertEqual(meeting.feedback_ids, feedback)

    def test_no_feedback_on_a_closed_pair(self):
        self._log_meeting(self.pair, "intro", days_ago=3)
        trial = self._meeting("trial", days_ago=2)
        feedback = (
            self.env["mentorship.meeting.feedback"]
            .with_user(self.teacher_c)
            .create(
                {"meeting_id": trial.id, "mentee_id": self.mentee_c.id, "rating": "4"}
            )
        )
        self.pair.stage_id = self.stage_done
        with self.assertRefused(UserError, "is no longer open"):
            feedback.write({"rating": "1"})
        # "not a good fit" on the trial of a completed pair would reopen it
        with self.assertRefused(UserError, "is no longer open"):
            feedback.write({"not_good_fit": True})
        with self.assertRefused(UserError, "is no longer open"):
            self.env["mentorship.meeting.feedback"].with_user(self.teacher_d).create(
                {
                    "meeting_id": trial.id,
                    "mentee_id": self.mentee_d.id,
                    "rating": "1",
                    "not_good_fit": True,
                }
            )
        self.assertEqual(self.pair.stage_id, self.stage_done)
        self.assertEqual(feedback.rating, "4")
        # the rule holds for everyone, not only the mentee
        with self.assertRefused(ValidationError, "while the pair is open"):
            feedback.sudo().write({"not_good_fit": True})
        self.assertEqual(self.pair.stage_id, self.stage_done)

    # ------------------------------------------------------------
    # 10. history is not erased
    # ------------------------------------------------------------

    def test_meetings_and_feedback_are_not_deleted(self):
        meeting = self._meeting()
        feedback = (
            self.env["mentorship.meeting.feedback"]
            .with_user(self.teacher_c)
            .create(
                {"meeting_id": meeting.id, "mentee_id": self.mentee_c.id, "rating": "2"}
            )
        )
        with self.assertRefused(UserError, "history of the pair"):
            feedback.unlink()
        with self.assertRefused(UserError, "history of the pair"):
            feedback.with_user(self.curator).unlink()
        with self.assertRefused(UserError, "history of the pair"):
            meeting.with_user(self.curator).unlink()
        with self.assertRefused(UserError, "archive it instead"):
            self.pair.with_user(self.curator).unlink()
        self.assertTrue(feedback.exists() and meeting.exists() and self.pair.exists())

    def test_orders_past_draft_are_not_deleted(self):
        Order = self.env["mentorship.order"].with_user(self.curator)
        vals = {
            "order_type": "curators",
            "programme_id": self.programme.id,
            "curator_ids": [Command.set(self.curator.ids)],
        }
        cancelled, approved, draft = Order.create([vals, vals, vals])
        (cancelled | approved).with_user(self.manager).action_approve()
        cancelled.with_user(self.manager).action_cancel()
        for user in (self.curator, self.manager):
            for order in (cancelled, approved):
                with self.assertRefused(UserError, "cannot be deleted"):
                    order.with_user(user).unlink()
        draft.unlink()
        self.assertTrue(cancelled.exists() and approved.exists())

    def test_confirmed_monitoring_is_kept(self):
        monitoring = self.env["mentorship.monitoring"].create(
            {
                "name": "Мониторинг",
                "programme_id": self.programme.id,
                "date_from": self.today,
                "date_to": self.today,
            }
        )
        monitoring.action_confirm()
        Growth = self.env["mentorship.monitoring.growth.line"]
        line = Growth.create(
            {
                "monitoring_id": monitoring.id,
                "partner_id": self.teacher_c.partner_id.id,
                "dimension": "engagement",
                "entry_score": 2,
                "exit_score": 3,
            }
        )
        with self.assertRefused(UserError, "frozen"):
            line.with_user(self.curator).write({"exit_score": 5})
        with self.assertRefused(UserError, "frozen"):
            Growth.with_user(self.curator).create(
                {
                    "monitoring_id": monitoring.id,
                    "partner_id": self.teacher_d.partner_id.id,
                    "dimension": "anxiety",
                }
            )
        with self.assertRefused(UserError, "cannot be deleted"):
            line.with_user(self.curator).unlink()
        with self.assertRefused(UserError, "cannot be deleted"):
            monitoring.with_user(self.curator).unlink()
        with self.assertRefused(AccessError, "Only the mentorship manager"):
            monitoring.with_user(self.curator).action_reset_draft()
        with self.assertRefused(AccessError, "Only the mentorship manager"):
            monitoring.with_user(self.curator).write({"state": "draft"})
        self.assertEqual((line.exit_score, len(monitoring.growth_line_ids)), (3, 1))
        monitoring.with_user(self.manager).action_reset_draft()
        self.assertEqual(monitoring.state, "draft")
        line.with_user(self.curator).write({"exit_score": 4})
        self.assertEqual(line.exit_score, 4)

    def test_mentorship_answers_are_not_deleted(self):
        answer = self.env["survey.user_input"].create(
            {
                "survey_id": self.env.ref(
                    "odoo_mentorship.survey_mentee_satisfaction"
                ).id,
                "partner_id": self.teacher_c.partner_id.id,
                "mentorship_mentee_id": self.mentee_c.id,
            }
        )
        self.assertEqual(answer.mentorship_programme_id, self.programme)
        with self.assertRefused(UserError, "cannot be deleted"):
            answer.with_user(self.curator).unlink()
        self.assertTrue(answer.exists())

    def test_indicator_values_are_recomputed_not_deleted(self):
        Compute = self.env["mentorship.kpi.compute"].with_user(self.curator)
        Value = self.env["mentorship.kpi.value"].with_user(self.curator)
        domain = [("company_id", "=", self.school_1.id), ("year", "=", 2024)]
        for _run in range(2):
            Compute.create(
                {"year": 2024, "company_ids": [Command.set(self.school_1.ids)]}
            ).action_compute()
            self.assertEqual(
                Value.search_count(domain),
                5,
                "the curator's recomputation replaces the values",
            )
        # users only read the values (ACL), and the history guard stands behind it
        with self.assertRaises(AccessError):
            Value.search(domain, limit=1).unlink()
        with self.assertRaises(AccessError):
            Value.with_user(self.manager).search(domain, limit=1).unlink()
        self.assertEqual(Value.search_count(domain), 5)
        # another school's values stay out of the curator's reach
        self.env["mentorship.kpi.value"]._compute_values(self.school_2, 2024)
        with self.assertRaises(AccessError):
            Value._compute_values(self.school_2, 2024)
        self.assertEqual(
            self.env["mentorship.kpi.value"].search_count(
                [("company_id", "=", self.school_2.id)]
            ),
            5,
        )


@tagged("post_install", "-at_install")
class TestPortalPrivacyGuards(MentorshipPortalCase):
    """13. The portal writes as superuser after the models' own checks for its user."""

    def setUp(self):
        super().setUp()
        self.line = self.env["mentorship.plan.line"].create(
            {"pair_id": self.pair.id, "goal": "Подтянуть алгебру"}
        )

    def _plan_post(self, vals):
        return self._post(
            f"/my/mentorship/pairs/{self.pair.id}/plan/{self.line.id}", vals
        )

    @mute_logger("odoo.http")
    def test_mentee_does_not_reopen_a_cancelled_line(self):
        self.line.status = "cancelled"
        self._login(self.portal_mentee)
        for status in ("todo", "in_progress", "done"):
            response = self._plan_post({"status": status})
            self.assertEqual(response.status_code, 400)
            self.assertIn("is cancelled", response.text)
        self.assertEqual(self.line.status, "cancelled")

    @mute_logger("odoo.http")
    def test_plan_of_a_closed_pair(self):
        self.pair.stage_id = self.stage_done
        self._login(self.portal_mentee)
        response = self._plan_post({"status": "done"})
        self.assertEqual(response.status_code, 400)
        self.assertIn("is no longer open", response.text)
        self._login(self.portal_mentor)
        response = self._plan_post({"goal": "Другая цель", "status": "done"})
        self.assertEqual(response.status_code, 400)
        self.assertIn("is no longer open", response.text)
        response = self._post(
            f"/my/mentorship/pairs/{self.pair.id}/plan", {"goal": "Новая цель"}
        )
        self.assertEqual(response.status_code, 400)
        self.assertEqual(
            (self.line.goal, self.line.status), ("Подтянуть алгебру", "todo")
        )
        self.assertEqual(len(self.pair.plan_line_ids), 1)
        # a curator still corrects the plan of a completed pair
        self.line.with_user(self.curator).write({"result": "Итог подведён"})
        self.assertEqual(self.line.result, "Итог подведён")

    @mute_logger("odoo.http")
    def test_attendance_and_feedback_of_a_closed_pair(self):
        self.meeting.attendee_ids = False
        self.pair.stage_id = self.stage_done
        self._login(self.portal_mentee)
        response = self._post(f"/my/mentorship/meetings/{self.meeting.id}/attend")
        self.assertEqual(response.status_code, 400)
        self.assertIn("is no longer open", response.text)
        response = self._post(
            f"/my/mentorship/meetings/{self.meeting.id}/feedback", {"rating": "1"}
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("is no longer open", response.text)
        self.assertFalse(self.meeting.attendee_ids)
        self.assertFalse(self.meeting.feedback_ids)

    @mute_logger("odoo.http")
    def test_mentor_logs_no_meeting_on_a_closed_pair(self):
        self.pair.stage_id = self.stage_done
        self._login(self.portal_mentor)
        response = self._post(
            f"/my/mentorship/pairs/{self.pair.id}/meetings",
            {
                "meeting_type": "work",
                "date_start": f"{self.today - timedelta(days=1)}T10:00",
                "agenda": "Поздно",
            },
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("is no longer open", response.text)
        self.assertEqual(self.pair.meeting_count, 1)
