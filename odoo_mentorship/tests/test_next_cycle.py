from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import MentorshipCase


@tagged("post_install", "-at_install")
class TestNextCycle(MentorshipCase):
    """Seed 003, 7.1 and seed 000 («далее ежегодно»): next year's programme is prepared
    from the closing one, with the people who continue, the closing year untouched."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.programme.name = "Программа наставничества на 2025–2026 учебный год"
        cls.programme.meeting_rhythm_days = 10
        cls.template = cls.env.ref("odoo_mentorship.roadmap_template_school_2021")
        cls.roadmap = cls.env["mentorship.roadmap"]._create_from_template(
            cls.template, cls.programme.date_start, programme=cls.programme
        )
        cls.member = cls.env["mentorship.working.group.member"].create(
            {
                "user_id": cls.manager.id,
                "role": "chair",
                "position": "Директор",
                "programme_id": cls.programme.id,
            }
        )
        # Вера has completed her pair with Анна: she does not continue; Глеб does
        cls.pair = cls._make_pair(
            cls.mentor_a, cls.mentee_c, date_start=cls.today - relativedelta(days=60)
        )
        cls.pair.stage_id = cls.stage_done

    def _wizard(self, user):
        return (
            self.env["mentorship.programme.next.cycle"]
            .with_user(user)
            .create({"programme_id": self.programme.id})
        )

    def _snapshot(self):
        programme = self.programme
        return {
            "programme": programme.read(
                ["name", "state", "date_start", "date_end", "curator_ids"]
            )[0],
            "mentors": sorted(
                programme.mentor_ids.mapped(
                    lambda m: (m.id, m.partner_id.id, m.stage_id.id, m.consent_date)
                )
            ),
            "mentees": sorted(
                programme.mentee_ids.mapped(
                    lambda m: (m.id, m.partner_id.id, m.stage_id.id, m.consent_date)
                )
            ),
            "pairs": programme.pair_ids.mapped(
                lambda p: (p.id, p.stage_id.id, p.mentor_id.id, tuple(p.mentee_ids.ids))
            ),
            "meetings": programme.meeting_count,
            "roadmaps": self.env["mentorship.roadmap"].search_count(
                [("programme_id", "=", programme.id)]
            ),
            "activities": self.roadmap.activity_ids.mapped(
                lambda a: (a.id, a.deadline, a.roadmap_id.id)
            ),
            "members": self.member.read(["programme_id", "date_start", "date_end"])[0],
        }

    def test_curator_creates_next_cycle(self):
        self._log_meeting(self.pair, "intro", days_ago=30)
        # a pupil of 14 in a completed pair this year: the
        # district's first indicator counts her
        self.mentee_c.write(
            {
                "kind_id": self.kind_pupil.id,
                "birth_date": self.today - relativedelta(years=14),
            }
        )
        Value = self.env["mentorship.kpi.value"]
        values = Value._compute_values(self.school_1, self.today.year)
        figures = sorted(
            values.mapped(lambda v: (v.indicator_id.id, v.numerator, v.denominator))
        )
        self.assertTrue(
            any(numerator for _indicator, numerator, _denominator in figures)
        )
        before = self._snapshot()
        wizard = self._wizard(self.curator)
        self.assertEqual(
            wizard.name, "Программа наставничества на 2026–2027 учебный год"
        )
        self.assertEqual(
            wizard.date_start, self.programme.date_start + relativedelta(years=1)
        )
        self.assertEqual(wizard.mentor_ids, self.mentor_a | self.mentor_b)
        self.assertEqual(
            wizard.mentee_ids,
            self.mentee_d,
            "a mentee whose pair is completed has finished",
        )
        self.assertEqual(wizard.template_ids, self.template)

        action = wizard.action_create()
        new = self.env["mentorship.programme"].browse(action["res_id"])
        self.assertEqual(new.state, "draft")
        self.assertEqual(new.previous_programme_id, self.programme)
        self.assertEqual(self.programme.next_programme_ids, new)
        self.assertEqual(
            (new.date_start, new.date_end), (wizard.date_start, wizard.date_end)
        )
        self.assertEqual(new.curator_ids, self.programme.curator_ids)
        self.assertEqual(new.form_ids, self.programme.form_ids)
        self.assertEqual(new.meeting_rhythm_days, 10)
        # a new roadmap from the same template, on the
        # template's calendar after the new start
        roadmap = self.env["mentorship.roadmap"].search([("programme_id", "=", new.id)])
        self.assertEqual(roadmap.template_id, self.template)
        self.assertEqual(roadmap.date_start, self.template._get_start(new.date_start))
        self.assertEqual(len(roadmap.activity_ids), len(self.roadmap.activity_ids))
        self.assertGreaterEqual(
            min(roadmap.activity_ids.mapped("deadline")), new.date_start
        )
        # the working group, copied
        members = self.env["mentorship.working.group.member"].search(
            [("programme_id", "=", new.id)]
        )
        self.assertEqual(members.partner_id, self.manager.partner_id)
        self.assertEqual(members.date_start, new.date_start)
        # the people who continue: new base records, same persons, no consent carried
        self.assertEqual(
            new.mentor_ids.partner_id, (self.teacher_a | self.teacher_b).partner_id
        )
        self.assertEqual(new.mentee_ids.partner_id, self.teacher_d.partner_id)
        self.assertFalse(new.mentor_ids.consent_ids or new.mentee_ids.consent_ids)
        self.assertFalse(
            any(
                new.mentor_ids.mapped("has_valid_consent")
                + new.mentee_ids.mapped("has_valid_consent")
            ),
            "152-ФЗ: a new consent for the new programme",
        )
        self.assertEqual(
            new.mentor_ids.filtered(
                lambda m: m.partner_id == self.teacher_a.partner_id
            ).capacity,
            2,
        )
        self.assertFalse(new.pair_ids, "pairs are formed again by a new order")
        # the closing year is untouched
        self.programme.invalidate_recordset()
        self.assertEqual(self._snapshot(), before)
        self.assertTrue(self.mentor_a.has_valid_consent)
        # and so are its figures, kept and computed again: the
        # carried people are not counted twice
        self.assertEqual(
            sorted(
                values.exists().mapped(
                    lambda v: (v.indicator_id.id, v.numerator, v.denominator)
                )
            ),
            figures,
        )
        recomputed = Value._compute_values(self.school_1, self.today.year)
        self.assertEqual(
            sorted(
                recomputed.mapped(
                    lambda v: (v.indicator_id.id, v.numerator, v.denominator)
                )
            ),
            figures,
        )
        # one next cycle per programme
        with self.assertRaisesRegex(UserError, "already has its next cycle"):
            self._wizard(self.curator).action_create()

    def test_next_cycle_of_a_closed_programme_only_after_it_runs(self):
        draft = self.env["mentorship.programme"].create(
            {
                "name": "Черновик",
                "date_start": date(2025, 9, 1),
                "date_end": date(2026, 8, 31),
                "curator_ids": [Command.set(self.curator.ids)],
            }
        )
        with self.assertRaisesRegex(UserError, "running or closed"):
            self.env["mentorship.programme.next.cycle"].with_user(self.curator).create(
                {"programme_id": draft.id}
            ).action_create()
        self.programme.state = "closed"
        new = self.env["mentorship.programme"].browse(
            self._wizard(self.manager).action_create()["res_id"]
        )
        self.assertEqual(new.previous_programme_id, self.programme)

    def test_participant_and_other_school_may_not(self):
        with self.assertRaises(AccessError):
            self._wizard(self.teacher_a)
        with self.assertRaises(AccessError):
            self.programme.with_user(self.teacher_a).action_next_cycle()
        with self.assertRaises(AccessError):
            self._wizard(self.curator_2).action_create()
        self.assertFalse(self.programme.next_programme_ids)
        self.assertEqual(
            self.env["mentorship.programme"].search_count(
                [("previous_programme_id", "=", self.programme.id)]
            ),
            0,
        )
