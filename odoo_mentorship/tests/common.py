from contextlib import contextmanager
from datetime import timedelta

from odoo import Command, fields
from odoo.tests import TransactionCase, new_test_user


class MentorshipCase(TransactionCase):
    """Two schools, one user per role, and a running programme at school 1 with
    adults who have consented, ready to be paired."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The tests read English whatever languages the database has. A school's
        # database is created in Russian (--load-language=ru_RU, as `make run` and
        # `make pytest` do): Odoo then archives English and makes Russian the language
        # of the superuser, the company and every new user and contact (ir.default),
        # so that messages and to-dos written in the recipient's language, and
        # numbers, would be Russian. A test that wants another language installs it
        # and gives it to its users itself.
        cls.env["res.lang"]._activate_lang("en_US")
        cls.env = cls.env(
            context=dict(
                cls.env.context,
                tracking_disable=True,
                lang="en_US",
                default_lang="en_US",
            )
        )
        cls.env.user.lang = "en_US"
        cls.env.company.partner_id.lang = "en_US"
        cls.school_1 = cls.env.company
        cls.school_2 = cls.env["res.company"].create({"name": "Школа № 2"})
        # the pipeline without orders: the meetings of a forming pair move it on (the
        # order that fixes pairs first is tested on its own, TestPairsFixedByOrder)
        (cls.school_1 | cls.school_2).mentorship_pairs_need_order = False
        cls.kind_teacher = cls.env.ref("odoo_mentorship.kind_teacher")
        cls.kind_pupil = cls.env.ref("odoo_mentorship.kind_pupil")
        cls.form_teachers = cls.env.ref("odoo_mentorship.form_teacher_teacher")
        cls.form_pupils = cls.env.ref("odoo_mentorship.form_pupil_pupil")
        cls.stage_forming = cls.env.ref("odoo_mentorship.pair_stage_forming")
        cls.stage_intro = cls.env.ref("odoo_mentorship.pair_stage_intro")
        cls.stage_trial = cls.env.ref("odoo_mentorship.pair_stage_trial")
        cls.stage_planning = cls.env.ref("odoo_mentorship.pair_stage_planning")
        cls.stage_work = cls.env.ref("odoo_mentorship.pair_stage_work")
        cls.stage_final = cls.env.ref("odoo_mentorship.pair_stage_final")
        cls.stage_done = cls.env.ref("odoo_mentorship.pair_stage_done")
        # The code reads "today" in the user's time zone (context_today). The superuser
        # has one in demo data (Europe/Brussels), the test users none (UTC): one zone
        # for all, so that the tests' today is the code's at any hour of the day.
        cls.env.user.tz = "UTC"
        cls.today = fields.Date.context_today(cls.env.user)

        group = "base.group_user,odoo_mentorship.group_mentorship_%s"
        cls.manager = new_test_user(
            cls.env, "mgr", groups=group % "manager", name="Директор"
        )
        cls.curator = new_test_user(
            cls.env, "cur1", groups=group % "curator", name="Куратор Один"
        )
        cls.curator_2 = new_test_user(
            cls.env,
            "cur2",
            groups=group % "curator",
            name="Куратор Два",
            company_id=cls.school_2.id,
            company_ids=[Command.set(cls.school_2.ids)],
        )
        cls.coordinator = new_test_user(
            cls.env,
            "coord",
            groups=group % "coordinator",
            name="Координатор",
            company_ids=[Command.set((cls.school_1 | cls.school_2).ids)],
        )
        cls.teacher_a = new_test_user(
            cls.env, "teach_a", groups=group % "participant", name="Анна Учитель"
        )
        cls.teacher_b = new_test_user(
            cls.env, "teach_b", groups=group % "participant", name="Борис Учитель"
        )
        cls.teacher_c = new_test_user(
            cls.env, "teach_c", groups=group % "participant", name="Вера Молодая"
        )
        cls.teacher_d = new_test_user(
            cls.env, "teach_d", groups=group % "participant", name="Глеб Молодой"
        )

        cls.programme = cls._make_programme(cls.school_1, cls.curator)
        cls.programme_2 = cls._make_programme(cls.school_2, cls.curator_2)

        cls.mentor_a = cls._make_mentor(cls.teacher_a.partner_id, capacity=2)
        cls.mentor_b = cls._make_mentor(cls.teacher_b.partner_id)
        cls.mentee_c = cls._make_mentee(cls.teacher_c.partner_id)
        cls.mentee_d = cls._make_mentee(cls.teacher_d.partner_id)

    @classmethod
    def _make_programme(cls, company, curator):
        return cls.env["mentorship.programme"].create(
            {
                "name": f"Программа {company.name}",
                "company_id": company.id,
                "date_start": cls.today - timedelta(days=90),
                "date_end": cls.today + timedelta(days=270),
                "curator_ids": [(6, 0, curator.ids)],
                "form_ids": [(6, 0, (cls.form_teachers | cls.form_pupils).ids)],
                "state": "running",
            }
        )

    @classmethod
    def _participant_vals(cls, partner, programme=None, kind=None, **vals):
        return {
            "partner_id": partner.id,
            "programme_id": (programme or cls.programme).id,
            "kind_id": (kind or cls.kind_teacher).id,
            "consent_date": cls.today - timedelta(days=30),
            "consent_given_by_id": partner.id,
            **vals,
        }

    @classmethod
    def _make_mentor(cls, partner, programme=None, kind=None, **vals):
        # a mentor of the tests is selected and trained (ready to be paired) unless told
        vals.setdefault(
            "stage_id", cls.env.ref("odoo_mentorship.mentor_stage_ready").id
        )
        return cls.env["mentorship.mentor"].create(
            cls._participant_vals(partner, programme, kind, **vals)
        )

    @classmethod
    def _make_mentee(cls, partner, programme=None, kind=None, **vals):
        return cls.env["mentorship.mentee"].create(
            cls._participant_vals(partner, programme, kind, **vals)
        )

    @classmethod
    def _make_pair(cls, mentor, mentees, form=None, **vals):
        return cls.env["mentorship.pair"].create(
            {
                "programme_id": mentor.programme_id.id,
                "mentor_id": mentor.id,
                "mentee_ids": [(6, 0, mentees.ids)],
                "form_id": (form or cls.form_teachers).id,
                **vals,
            }
        )

    def _log_meeting(self, pair, meeting_type, days_ago=1, **vals):
        return self.env["mentorship.meeting"].create(
            {
                "pair_id": pair.id,
                "meeting_type": meeting_type,
                "date_start": f"{self.today - timedelta(days=days_ago)} 10:00:00",
                "attendee_ids": [(6, 0, pair.mentee_ids.ids)],
                **vals,
            }
        )

    @contextmanager
    def assertRefused(self, exception, regex):
        """The operation raises `exception` with a message matching `regex`, and
        everything it wrote is rolled back (Odoo's assertRaises uses a savepoint)."""
        with self.assertRaises(exception) as catcher:
            yield catcher
        self.assertRegex(str(catcher.exception), regex)
