"""The access matrix, enforced: every model of both addons, every role, every
operation, on a record of the role's own scope and on one outside it, as the
restricted user. The expected rights come from security/privacy_matrix.csv, the
source of docs/security.md (checked here too)."""

from datetime import timedelta
from pathlib import Path

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged

from .common import MentorshipCase
from .privacy_matrix import ROLES, load_matrix, replace_in_document

OUR_MODULES = ("odoo_mentorship", "odoo_mentorship_reports")
PARTICIPANT_ROLES = ("mentor", "mentee", "portal")

# the fields of the parts of a model the matrix names ("model:part")
FIELD_PARTS = {
    "personal": [
        "birth_date",
        "school_class",
        "age",
        "category_ids",
        "legal_representative_id",
        "consent_date",
        "consent_given_by_id",
        "consent_document",
        "consent_withdrawn_date",
        "consent_id",
        "consent_ids",
        "consent_method",
        "consent_publication_allowed",
        "anonymize_date",
        "birth_year",
        "anonymised_teaching_months",
        "note",
    ],
    "eligibility": ["eligibility_warning"],
}
MENTOR_ONLY_PERSONAL = ["employee_skill_ids"]


class _Rollback(Exception):
    pass


@tagged("post_install", "-at_install")
class TestAccessMatrix(MentorshipCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.school_3 = env["res.company"].create({"name": "Школа № 3"})
        group = "base.group_user,odoo_mentorship.group_mentorship_%s"
        cls.coordinator_1 = new_test_user(
            env,
            "coord_1",
            groups=group % "coordinator",
            name="Координатор района",
            company_ids=[Command.set((cls.school_1 | cls.school_3).ids)],
        )
        cls.hr_officer = new_test_user(
            env, "hr_off", groups="base.group_user,hr.group_hr_user", name="Кадровик"
        )
        cls.portal_user = new_test_user(
            env, "pupil_portal", groups="base.group_portal", name="Ученик Портал"
        )
        cls.users = {
            "mentor": cls.teacher_a,
            "mentee": cls.teacher_c,
            "curator": cls.curator,
            "manager": cls.manager,
            "coordinator": cls.coordinator_1,
            "portal": cls.portal_user,
            "hr_officer": cls.hr_officer,
        }
        # school 1: pair 1 (Анна mentors Вера and the portal
        # pupil), pair 2 (Борис mentors Глеб)
        cls.co_mentee = cls._make_mentee(cls.portal_user.partner_id)
        cls.pair_1 = cls._make_pair(cls.mentor_a, cls.mentee_c | cls.co_mentee)
        cls.pair_2 = cls._make_pair(cls.mentor_b, cls.mentee_d)
        # school 2: pair 3
        cls.mentor_x = cls._make_mentor(
            env["res.partner"].create({"name": "Учитель Школы Два"}), cls.programme_2
        )
        cls.mentee_y = cls._make_mentee(
            env["res.partner"].create({"name": "Новичок Школы Два"}), cls.programme_2
        )
        cls.pair_3 = cls._make_pair(cls.mentor_x, cls.mentee_y)

        # employees and their work records: Анна (mentor,
        # school 1), Вера (mentee), school 2
        Employee = env["hr.employee"]
        cls.employee_a = Employee.create(
            {"name": "Анна Учитель", "user_id": cls.teacher_a.id}
        )
        cls.employee_c = Employee.create(
            {"name": "Вера Молодая", "user_id": cls.teacher_c.id}
        )
        cls.employee_x = Employee.create(
            {"name": "Учитель Школы Два", "company_id": cls.school_2.id}
        )
        cls.mentor_a.employee_id = cls.employee_a
        cls.mentee_c.employee_id = cls.employee_c
        cls.mentor_x.employee_id = cls.employee_x

        cls.world = {}
        cls.create_vals = {}
        cls._build_world()

    # ------------------------------------------------------------
    # THE RECORDS OF EACH MODEL: a (own pair, school 1), b (another pair of
    # school 1), c (school 2); and how to create one in each scope
    # ------------------------------------------------------------

    @classmethod
    def _pair_of(cls, scope):
        return {"a": cls.pair_1, "b": cls.pair_2, "c": cls.pair_3}[scope]

    @classmethod
    def _school_of(cls, scope):
        return cls.school_2 if scope == "c" else cls.school_1

    @classmethod
    def _programme_of(cls, scope):
        return cls.programme_2 if scope == "c" else cls.programme

    @classmethod
    def _add(cls, model, records, create=None, **overrides):
        """records: (a, b, c), b None where the model has no pair; overrides: role
        -> (own, other) where the role's own record is not `a`."""
        cls.world[model] = (records, overrides)
        if create:
            cls.create_vals[model] = create

    @classmethod
    def _new_person(cls, name):
        return cls.env["res.partner"].create({"name": name})

    @classmethod
    def _meeting_vals(cls, scope):
        return {
            "pair_id": cls._pair_of(scope).id,
            "meeting_type": "intro",
            "date_start": f"{cls.today - timedelta(days=2)} 10:00:00",
            "agenda": "Знакомство",
        }

    @classmethod
    def _build_world(cls):  # noqa: C901 (one table: a row per model, read top to bottom)
        env = cls.env
        add = cls._add

        def meeting(scope):
            return env["mentorship.meeting"].create(cls._meeting_vals(scope))

        meetings = {scope: meeting(scope) for scope in "abc"}
        mentees = {"a": cls.mentee_c, "b": cls.mentee_d, "c": cls.mentee_y}
        mentors = {"a": cls.mentor_a, "b": cls.mentor_b, "c": cls.mentor_x}

        def feedback(scope):
            return env["mentorship.meeting.feedback"].create(
                {
                    "meeting_id": meetings[scope].id,
                    "mentee_id": mentees[scope].id,
                    "rating": "5",
                    "comment": "Полезно",
                }
            )

        def feedback_vals(scope):
            return {
                "meeting_id": meeting(scope).id,
                "mentee_id": mentees[scope].id,
                "rating": "4",
                "comment": "Хорошо",
            }

        add(
            "mentorship.programme",
            (cls.programme, None, cls.programme_2),
            lambda s: {
                "name": "Новая программа",
                "company_id": cls._school_of(s).id,
                "date_start": cls.today,
                "date_end": cls.today + timedelta(days=300),
            },
        )
        add(
            "mentorship.mentee",
            (cls.mentee_c, cls.mentee_d, cls.mentee_y),
            lambda s: {
                "partner_id": cls._new_person("Новый наставляемый").id,
                "programme_id": cls._programme_of(s).id,
                "kind_id": cls.kind_teacher.id,
            },
            # an HR officer reads the employees of the school, not a pupil of it
            hr_officer=(cls.mentee_c, cls.co_mentee),
        )
        add(
            "mentorship.mentor",
            (cls.mentor_a, cls.mentor_b, cls.mentor_x),
            lambda s: {
                "partner_id": cls._new_person("Новый наставник").id,
                "programme_id": cls._programme_of(s).id,
                "kind_id": cls.kind_teacher.id,
            },
        )
        consents = {s: mentees[s].consent_id for s in "abc"}
        add(
            "mentorship.consent",
            tuple(consents.values()),
            lambda s: {
                "mentee_id": mentees[s].id,
                "given_by_id": mentees[s].partner_id.id,
                "date": cls.today,
            },
        )

        def consent_text_vals(scope):
            return {
                "name": "Согласие",
                "company_id": cls._school_of(scope).id,
                "body": "<p>Текст согласия</p>",
            }

        add(
            "mentorship.consent.text",
            tuple(
                env["mentorship.consent.text"].create(consent_text_vals(s))
                if s != "b"
                else None
                for s in "abc"
            ),
            consent_text_vals,
        )
        requests = {
            s: env["mentorship.request"].create(
                {"mentee_id": mentees[s].id, "name": "Тревожность"}
            )
            for s in "abc"
        }
        add(
            "mentorship.request",
            tuple(requests.values()),
            lambda s: {"mentee_id": mentees[s].id, "name": "Конфликт"},
        )

        def pair_vals(scope):
            mentor = env["mentorship.mentor"].create(
                cls.create_vals["mentorship.mentor"](scope)
            )
            mentee = env["mentorship.mentee"].create(
                cls.create_vals["mentorship.mentee"](scope)
            )
            return {
                "programme_id": cls._programme_of(scope).id,
                "mentor_id": mentor.id,
                "mentee_ids": [Command.set(mentee.ids)],
                "form_id": cls.form_teachers.id,
            }

        # the district's mentor base: a mentor of school 2, published, read by every
        # school; school 1 requested them (refused), school 2 has a request of its own
        mentor_z = cls._make_mentor(
            env["res.partner"].create({"name": "Наставник района"}),
            cls.programme_2,
            capacity=3,
        )
        mentor_z.district_published = True
        add(
            "mentorship.district.mentor",
            (env["mentorship.district.mentor"].browse(mentor_z.id), None, None),
        )
        Loan = env["mentorship.mentor.loan"]

        def loan_vals(scope):
            return {
                "mentor_id": mentor_z.id,
                "programme_id": cls._programme_of(scope).id,
            }

        add(
            "mentorship.mentor.loan",
            (
                Loan.create({**loan_vals("a"), "state": "refused"}),
                None,
                Loan.create({**loan_vals("c"), "state": "refused"}),
            ),
            loan_vals,
        )

        # the portal pupil reads pair 1 as a co-mentee
        add("mentorship.pair", (cls.pair_1, cls.pair_2, cls.pair_3), pair_vals)
        add(
            "mentorship.plan.line",
            tuple(
                env["mentorship.plan.line"].create(
                    {"pair_id": cls._pair_of(s).id, "goal": "Открытый урок"}
                )
                for s in "abc"
            ),
            lambda s: {
                "pair_id": cls._pair_of(s).id,
                "goal": "Методическая разработка",
            },
        )
        add("mentorship.meeting", tuple(meetings.values()), cls._meeting_vals)
        add(
            "mentorship.meeting.feedback",
            tuple(feedback(s) for s in "abc"),
            feedback_vals,
        )

        def order_vals(scope):
            return {
                "order_type": "working_group",
                "company_id": cls._school_of(scope).id,
            }

        orders = {s: env["mentorship.order"].create(order_vals(s)) for s in "ac"}
        add("mentorship.order", (orders["a"], None, orders["c"]), order_vals)
        add(
            "mentorship.order.item",
            tuple(
                env["mentorship.order.item"].create(
                    {"order_id": orders[s].id, "name": "Утвердить"}
                )
                if s != "b"
                else None
                for s in "abc"
            ),
            lambda s: {"order_id": orders[s].id, "name": "Назначить"},
        )

        def member_vals(scope):
            return {
                "company_id": cls._school_of(scope).id,
                "partner_id": cls._new_person("Член группы").id,
            }

        add(
            "mentorship.working.group.member",
            tuple(
                env["mentorship.working.group.member"].create(member_vals(s))
                if s != "b"
                else None
                for s in "abc"
            ),
            member_vals,
        )

        def protocol_vals(scope):
            return {
                "protocol_type": "pedagogical_council",
                "company_id": cls._school_of(scope).id,
            }

        protocols = {
            s: env["mentorship.protocol"].create(protocol_vals(s)) for s in "ac"
        }
        add(
            "mentorship.protocol", (protocols["a"], None, protocols["c"]), protocol_vals
        )
        add(
            "mentorship.protocol.item",
            tuple(
                env["mentorship.protocol.item"].create(
                    {"protocol_id": protocols[s].id, "name": "О наставниках"}
                )
                if s != "b"
                else None
                for s in "abc"
            ),
            lambda s: {"protocol_id": protocols[s].id, "name": "О парах"},
        )

        def agreement_vals(scope):
            return {
                "name": f"С-{scope}",
                "partner_id": env["res.partner"]
                .create({"name": "ООО «Партнёр»", "is_company": True})
                .id,
                "subject": "Наставничество",
                "company_id": cls._school_of(scope).id,
            }

        add(
            "mentorship.agreement",
            tuple(
                env["mentorship.agreement"].create(agreement_vals(s))
                if s != "b"
                else None
                for s in "abc"
            ),
            agreement_vals,
        )

        def practice_vals(scope):
            return {
                "name": "Открытый урок",
                "company_id": cls._school_of(scope).id,
                "mentor_ids": [Command.set(mentors[scope].ids)],
                "pair_id": cls._pair_of(scope).id,
            }

        practices = {
            s: env["mentorship.practice"].create(practice_vals(s)) for s in "abc"
        }
        published_practice = env["mentorship.practice"].create(
            {**practice_vals("b"), "state": "published"}
        )
        # the district reads the published practices of its schools, not the drafts
        add(
            "mentorship.practice",
            tuple(practices.values()),
            practice_vals,
            coordinator=(published_practice, practices["a"]),
        )

        # rewards: the school's nominations; awards of the pairs (a mentee
        # reads the award of their pair)
        def nomination_vals(scope):
            return {
                "name": "Наставник года",
                "kind": "pair",
                "company_id": cls._school_of(scope).id,
            }

        nominations = {
            s: env["mentorship.nomination"].create(nomination_vals(s)) for s in "ac"
        }
        add(
            "mentorship.nomination",
            (nominations["a"], None, nominations["c"]),
            nomination_vals,
        )

        def award_vals(scope):
            return {
                "nomination_id": nominations["c" if scope == "c" else "a"].id,
                "pair_id": cls._pair_of(scope).id,
                "company_id": cls._school_of(scope).id,
                "year": 2025,
            }

        add(
            "mentorship.award",
            tuple(env["mentorship.award"].create(award_vals(s)) for s in "abc"),
            award_vals,
        )

        def roadmap_vals(scope):
            return {"name": "Дорожная карта", "company_id": cls._school_of(scope).id}

        roadmaps = {s: env["mentorship.roadmap"].create(roadmap_vals(s)) for s in "ac"}
        roadmap_stages = {
            s: env["mentorship.roadmap.stage"].create(
                {"roadmap_id": roadmaps[s].id, "name": "Этап"}
            )
            for s in "ac"
        }
        add("mentorship.roadmap", (roadmaps["a"], None, roadmaps["c"]), roadmap_vals)
        add(
            "mentorship.roadmap.stage",
            (roadmap_stages["a"], None, roadmap_stages["c"]),
            lambda s: {"roadmap_id": roadmaps[s].id, "name": "Новый этап"},
        )

        def activity_vals(scope):
            return {
                "roadmap_id": roadmaps[scope].id,
                "stage_id": roadmap_stages[scope].id,
                "name": "Мероприятие",
            }

        add(
            "mentorship.roadmap.activity",
            tuple(
                env["mentorship.roadmap.activity"].create(activity_vals(s))
                if s != "b"
                else None
                for s in "abc"
            ),
            activity_vals,
        )

        def monitoring_vals(scope):
            return {
                "name": "Мониторинг",
                "programme_id": cls._programme_of(scope).id,
                "date_from": cls.today - timedelta(days=30),
                "date_to": cls.today,
            }

        monitorings = {
            s: env["mentorship.monitoring"].create(monitoring_vals(s)) for s in "ac"
        }
        add(
            "mentorship.monitoring",
            (monitorings["a"], None, monitorings["c"]),
            monitoring_vals,
        )
        line_vals = {
            "mentorship.monitoring.survey.line": lambda s: {
                "monitoring_id": monitorings[s].id,
                "role": "entry",
            },
            "mentorship.monitoring.question.line": lambda s: {
                "monitoring_id": monitorings[s].id,
                "answer_count": 3,
            },
            "mentorship.monitoring.growth.line": lambda s: {
                "monitoring_id": monitorings[s].id,
                "mentee_id": mentees[s].id,
                "partner_id": mentees[s].partner_id.id,
                "dimension": "anxiety",
                "entry_score": 3.0,
            },
        }
        for model, vals in line_vals.items():
            add(
                model,
                tuple(env[model].create(vals(s)) if s != "b" else None for s in "abc"),
                vals,
            )

        survey = env["survey.survey"].search(
            [("survey_type", "=", "mentorship")], limit=1
        )

        def answer_vals(scope):
            return {
                "survey_id": survey.id,
                "partner_id": mentees[scope].partner_id.id,
                "mentorship_mentee_id": mentees[scope].id,
                "mentorship_pair_id": cls._pair_of(scope).id,
            }

        answers = tuple(env["survey.user_input"].create(answer_vals(s)) for s in "abc")
        mentor_answer = env["survey.user_input"].create(
            {
                "survey_id": survey.id,
                "partner_id": cls.mentor_a.partner_id.id,
                "mentorship_mentor_id": cls.mentor_a.id,
            }
        )
        # a mentor reads their own answers, not those of their mentees
        add(
            "survey.user_input",
            answers,
            answer_vals,
            mentor=(mentor_answer, answers[0]),
        )
        # the school of mentors: a session per school, the registrations of its mentors
        event_type = env.ref("odoo_mentorship.event_type_school_of_mentors")
        sessions = {
            s: env["event.event"].create(
                {
                    "name": "Школа наставников",
                    "event_type_id": event_type.id,
                    "company_id": cls._school_of(s).id,
                    "date_begin": f"{cls.today - timedelta(days=3)} 10:00:00",
                    "date_end": f"{cls.today - timedelta(days=3)} 12:00:00",
                }
            )
            for s in "ac"
        }
        sessions["b"] = sessions["a"]
        add(
            "event.registration",
            tuple(
                env["event.registration"].create(
                    {"event_id": sessions[s].id, "mentorship_mentor_id": mentors[s].id}
                )
                for s in "abc"
            ),
            lambda s: {
                "event_id": sessions[s].id,
                "partner_id": cls._new_person("Слушатель").id,
            },
        )
        Participation = env["mentorship.participation"]
        add(
            "mentorship.participation",
            tuple(
                Participation.search(
                    [("pair_id", "=", cls._pair_of(s).id), ("role", "=", "mentee")],
                    limit=1,
                )
                for s in "abc"
            ),
        )

        indicator = env["mentorship.kpi.indicator"].search([], limit=1)
        add("mentorship.kpi.indicator", (indicator, indicator, indicator))

        def target_vals(scope):
            return {
                "indicator_id": indicator.id,
                "year": 2031,
                "target": 40,
                "company_id": cls._school_of(scope).id,
            }

        add(
            "mentorship.kpi.target",
            tuple(
                env["mentorship.kpi.target"].create({**target_vals(s), "year": 2030})
                if s != "b"
                else None
                for s in "abc"
            ),
            target_vals,
        )

        def contingent_vals(scope):
            return {
                "company_id": cls._school_of(scope).id,
                "year": 2031,
                "children_10_19": 100,
            }

        add(
            "mentorship.kpi.contingent",
            tuple(
                env["mentorship.kpi.contingent"].create(
                    {**contingent_vals(s), "year": 2030}
                )
                if s != "b"
                else None
                for s in "abc"
            ),
            contingent_vals,
        )

        def value_vals(scope):
            return {
                "indicator_id": indicator.id,
                "company_id": cls._school_of(scope).id,
                "year": 2030,
                "status": "no_data",
            }

        add(
            "mentorship.kpi.value",
            tuple(
                env["mentorship.kpi.value"].create(value_vals(s)) if s != "b" else None
                for s in "abc"
            ),
            value_vals,
        )

        def experience_vals(employee):
            return {
                "employee_id": employee.id,
                "organisation": "Школа",
                "position": "Учитель",
                "date_start": "2015-09-01",
            }

        Experience = env["hr.employee.experience"]
        experience_a = Experience.create(experience_vals(cls.employee_a))
        experience_c = Experience.create(experience_vals(cls.employee_c))
        experience_x = Experience.create(experience_vals(cls.employee_x))
        add(
            "hr.employee.experience",
            (experience_a, None, experience_x),
            lambda s: experience_vals(cls.employee_x if s == "c" else cls.employee_a),
            mentee=(experience_c, experience_a),
        )

        # configuration: the same records in every scope
        config = {
            "mentorship.participant.kind": (
                cls.kind_teacher,
                {"name": "Вид", "code": "new_kind"},
            ),
            "mentorship.form": (
                cls.form_teachers,
                {"name": "Форма", "code": "new_form"},
            ),
            "mentorship.form.variant": (
                env["mentorship.form.variant"].search([], limit=1),
                {"name": "Вариант", "form_id": cls.form_teachers.id},
            ),
            "mentorship.category": (
                env["mentorship.category"].search([], limit=1),
                {"name": "Категория", "base": "mentee"},
            ),
            "mentorship.tag": (
                env["mentorship.tag"].create({"name": "Тема"}),
                {"name": "Новая тема"},
            ),
            "mentorship.mentee.stage": (
                env["mentorship.mentee.stage"].search([], limit=1),
                {"name": "Этап"},
            ),
            "mentorship.mentor.stage": (
                env["mentorship.mentor.stage"].search([], limit=1),
                {"name": "Этап"},
            ),
            "mentorship.pair.stage": (cls.stage_forming, {"name": "Этап"}),
            "mentorship.matching.criterion": (
                env["mentorship.matching.criterion"].search([], limit=1),
                None,
            ),
            "mentorship.roadmap.template": (
                env["mentorship.roadmap.template"].search([], limit=1),
                {"name": "Шаблон", "code": "new_template", "level": "school"},
            ),
            "mentorship.roadmap.template.stage": (
                env["mentorship.roadmap.template.stage"].search([], limit=1),
                None,
            ),
            "mentorship.roadmap.template.activity": (
                env["mentorship.roadmap.template.activity"].search([], limit=1),
                None,
            ),
        }
        template_stage = config["mentorship.roadmap.template.stage"][0]
        config["mentorship.roadmap.template.stage"] = (
            template_stage,
            {"template_id": template_stage.template_id.id, "name": "Этап"},
        )
        config["mentorship.roadmap.template.activity"] = (
            config["mentorship.roadmap.template.activity"][0],
            {"stage_id": template_stage.id, "name": "Мероприятие"},
        )
        for model, (record, vals) in config.items():
            add(model, (record, record, record), vals and (lambda s, v=vals: dict(v)))

        # wizards: created in the user's own scope
        wizards = {
            "mentorship.match.wizard": lambda s: {"programme_id": cls.programme.id},
            "mentorship.match.wizard.line": lambda s: {
                "wizard_id": env["mentorship.match.wizard"]
                .create({"programme_id": cls.programme.id})
                .id,
                "mentee_id": cls.mentee_d.id,
            },
            "mentorship.match.wizard.unmatched": lambda s: {
                "wizard_id": env["mentorship.match.wizard"]
                .create({"programme_id": cls.programme.id})
                .id,
                "mentee_id": cls.mentee_d.id,
                "reason": "Нет наставника",
            },
            "mentorship.enrol.employee": lambda s: {
                "employee_ids": [Command.set(cls.employee_a.ids)],
                "programme_id": cls.programme.id,
            },
            "mentorship.roadmap.create": lambda s: {
                "template_id": config["mentorship.roadmap.template"][0].id,
                "programme_id": cls.programme.id,
                "name": "Дорожная карта",
                "date_start": cls.today,
            },
            "mentorship.survey.send": lambda s: {
                "programme_id": cls.programme.id,
                "survey_id": survey.id,
            },
            "mentorship.kpi.compute": lambda s: {},
            "mentorship.consent.withdraw": lambda s: {"consent_id": consents["a"].id},
            "mentorship.programme.next.cycle": lambda s: {
                "programme_id": cls.programme.id
            },
            "mentorship.employee.match": lambda s: {"employee_id": cls.employee_c.id},
            "mentorship.employee.match.line": lambda s: {
                "wizard_id": env["mentorship.employee.match"]
                .create({"employee_id": cls.employee_c.id})
                .id,
                "mentor_id": cls.mentor_a.id,
            },
        }
        if "mentorship.diary.print" in env:
            wizards["mentorship.diary.print"] = lambda s: {
                "pair_ids": [Command.set(cls.pair_1.ids)]
            }
        if "mentorship.district.monitoring" in env:
            wizards["mentorship.district.monitoring"] = lambda s: {}
        for model, vals in wizards.items():
            add(model, (None, None, None), vals)

    # the field a read reads where the display name needs more than the model
    READ_FIELD = {"survey.user_input": "state"}

    # ------------------------------------------------------------
    # WRITES: a harmless change per model
    # ------------------------------------------------------------

    WRITE_VALS = {
        "mentorship.programme": {"color": 3},
        "mentorship.mentee": {"color": 3},
        "mentorship.mentor": {"color": 3},
        "mentorship.request": {"is_met": True},
        "mentorship.consent": {"document_name": "согласие.pdf"},
        "mentorship.consent.text": {"name": "Согласие 2"},
        "mentorship.pair": {"color": 3},
        "mentorship.plan.line": {"status": "in_progress"},
        "mentorship.meeting": {"agenda": "Новая повестка"},
        "mentorship.meeting.feedback": {"comment": "Очень полезно"},
        "mentorship.order": {"preamble": "<p>В целях</p>"},
        "mentorship.order.item": {"name": "Утвердить состав"},
        "mentorship.working.group.member": {"position": "Учитель"},
        "mentorship.protocol": {"place": "Актовый зал"},
        "mentorship.protocol.item": {"decision": "Утвердить"},
        "mentorship.agreement": {"subject": "Профориентация"},
        "mentorship.practice": {"color": 3},
        "mentorship.nomination": {"name": "Лучшая пара"},
        "mentorship.award": {"citation": "За успехи"},
        "mentorship.roadmap": {"name": "Дорожная карта 2"},
        "mentorship.roadmap.stage": {"name": "Этап 2"},
        "mentorship.roadmap.activity": {"name": "Мероприятие 2"},
        "mentorship.monitoring": {"strengths": "<p>Сильные стороны</p>"},
        "mentorship.monitoring.survey.line": {"invited_count": 5},
        "mentorship.monitoring.question.line": {"answer_count": 4},
        "mentorship.monitoring.growth.line": {"exit_score": 4.0},
        "survey.user_input": {"email": "answer@example.com"},
        "mentorship.participation": {"age": 12},
        "mentorship.kpi.indicator": {"sequence": 5},
        "mentorship.kpi.target": {"target": 55},
        "mentorship.kpi.contingent": {"children_10_19": 120},
        "mentorship.kpi.value": {"value": 99},
        "hr.employee.experience": {"position": "Завуч"},
        "mentorship.tag": {"color": 2},
        "mentorship.district.mentor": {"name": "Другое имя"},
        "mentorship.mentor.loan": {"note": "На второе полугодие"},
        "event.registration": {"company_name": "Гимназия № 5"},
    }

    # ------------------------------------------------------------
    # HELPERS
    # ------------------------------------------------------------

    def _allowed(self, operation):
        """Run `operation` in a savepoint, rolled back in any case: True if it went
        through, False if the models refused it (access or business error)."""
        try:
            with self.env.cr.savepoint():
                self.env.cr.clear()
                operation()
                self.env.flush_all()
                raise _Rollback
        except _Rollback:
            return True
        except UserError:
            return False
        finally:
            self.env.invalidate_all(flush=False)

    def _scopes(self, model, role):
        """(own record, other record or None) of the role for the model."""
        (a, b, c), overrides = self.world[model]
        if role in overrides:
            return overrides[role]
        other = b if (role in PARTICIPANT_ROLES and b is not None) else c
        return a, (other if other != a else None)

    def _scope_names(self, role, model):
        (_a, b, _c), _overrides = self.world[model]
        return "a", ("b" if role in PARTICIPANT_ROLES and b is not None else "c")

    def _check(self, failures, row, role, op, allowed, expected, where):
        if allowed != expected:
            failures.append(
                f"{row['object']}: {role} {'may' if allowed else 'may not'} {op} "
                f"({where}); the matrix says {'yes' if expected else 'no'}"
            )

    def _check_model(self, row, role, failures):
        model = row["object"]
        user = self.users[role]
        rights = row[role]
        Model = self.env[model].with_user(user)
        own, other = self._scopes(model, role)
        own_scope, other_scope = self._scope_names(role, model)
        is_transient = self.env[model]._transient
        create = self.create_vals.get(model)

        if not is_transient:
            for record, where, expected in (
                (own, "own", "r" in rights),
                (other, "other", False),
            ):
                if record:
                    allowed = self._allowed(
                        lambda r=record: r.with_user(user).read(
                            [self.READ_FIELD.get(model, "display_name")]
                        )
                    )
                    self._check(failures, row, role, "read", allowed, expected, where)
            vals = self.WRITE_VALS.get(model, {"sequence": 7})
            for record, where, expected in (
                (own, "own", "w" in rights),
                (other, "other", False),
            ):
                if record:
                    allowed = self._allowed(
                        lambda r=record: r.with_user(user).write(dict(vals))
                    )
                    self._check(failures, row, role, "write", allowed, expected, where)
            for record, scope, where, expected in (
                (own, own_scope, "own", "d" in rights),
                (other, other_scope, "other", False),
            ):
                if not record:
                    continue
                if expected and not create:
                    failures.append(
                        f"{model}: the test has no way to create one for {role} to "
                        "delete"
                    )
                    continue
                if expected:
                    # delete a spare record of that scope, not the shared one

                    def unlink(s=scope):
                        self.env[model].create(create(s)).with_user(user).unlink()

                    allowed = self._allowed(unlink)
                else:
                    allowed = self._allowed(lambda r=record: r.with_user(user).unlink())
                self._check(failures, row, role, "delete", allowed, expected, where)

        if create:
            scopes = [(own_scope, "own", "c" in rights)]
            if other is not None and not is_transient:
                scopes.append((other_scope, "other", False))
            for scope, where, expected in scopes:
                allowed = self._allowed(lambda s=scope: Model.create(create(s)))
                self._check(failures, row, role, "create", allowed, expected, where)
        elif "c" in rights:
            failures.append(f"{model}: the test has no way to create one for {role}")

    def _check_part(self, row, role, failures):
        model, part = row["object"].split(":")
        names = FIELD_PARTS[part] + (
            MENTOR_ONLY_PERSONAL
            if model == "mentorship.mentor" and part == "personal"
            else []
        )
        own, _other = self._scopes(model, role)
        user = self.users[role]
        for name in names:
            allowed = self._allowed(lambda n=name: own.with_user(user).read([n]))
            self._check(
                failures, row, role, f"read {name} of", allowed, "r" in row[role], "own"
            )
        if part == "personal":
            allowed = self._allowed(
                lambda: own.with_user(user).write({"note": "<p>Заметка</p>"})
            )
            self._check(
                failures,
                row,
                role,
                "write the notes of",
                allowed,
                "w" in row[role],
                "own",
            )

    # ------------------------------------------------------------
    # TESTS
    # ------------------------------------------------------------

    def test_matrix_names_every_model(self):
        """Every model the addons define is in the matrix,
        and the matrix names no other."""
        matrix = {row["object"].split(":")[0] for row in load_matrix()}
        ours = {
            name
            for name, model in self.env.registry.items()
            if model._original_module in OUR_MODULES and not model._abstract
        }
        self.assertEqual(
            ours - matrix, set(), "models missing from security/privacy_matrix.csv"
        )
        unknown = {name for name in matrix if name not in self.env}
        self.assertEqual(unknown, set(), "the matrix names models that do not exist")

    def test_matrix_is_enforced(self):
        failures = []
        for row in load_matrix():
            for role in ROLES:
                if ":" in row["object"]:
                    self._check_part(row, role, failures)
                else:
                    self._check_model(row, role, failures)
        self.assertFalse(
            failures,
            "the access rights differ from the matrix:\n" + "\n".join(failures),
        )

    def test_document_is_generated_from_the_matrix(self):
        """docs/security.md holds the table the matrix gives (tools/security_doc.py)."""
        document = Path(__file__).resolve().parents[2] / "docs" / "security.md"
        if not document.exists():
            self.skipTest(
                "docs/security.md is not beside the addons (installed without the "
                "repository)"
            )
        text = document.read_text(encoding="utf-8")
        self.assertEqual(
            text,
            replace_in_document(text, load_matrix()),
            "docs/security.md is stale: run tools/security_doc.py",
        )
