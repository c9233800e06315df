"""Generate a district (seed 002) in a throwaway database, for tools/bench/bench.py.

    python3 tools/bench/generate_district.py [--companies 50 --base 20000 --pairs 5000
        --meetings 100000 ...] -d DB --db_host=... --addons-path=...

Sizes default to the issue's: 50 schools, 20,000 base records (mentors and
mentees), 5,000 pairs spread over the stages, 100,000 meetings and the teachers'
work records. Every record goes through the ORM `create`, in big batches, with
tracking, creation messages and auto-subscription switched off; nothing bypasses
the ORM.

The schools grow in size so that the first ones hold 10, 100 and 1,000 pairs in
all: the benchmark measures the pair kanban at those sizes by selecting the
schools, as the company switcher does. With `project` installed, each school also
gets a project with as many tasks as it has pairs, spread over eight stages the
same way and with the same to-dos, for the comparison with Odoo's own task kanban.
One more programme, in the last school, holds the matching pool: mentees waiting
for a mentor and mentors with free places.
"""

import math
import random
import time
from datetime import datetime, timedelta
from datetime import time as dt_time

import odoo_runner

CHECKPOINTS = (10, 100, 1000)
BATCH = 2000
CONTEXT = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_notrack": True,
    "mail_create_nosubscribe": True,
    "no_reset_password": True,
}
# share of the pairs in each stage, and the meetings a pair of the stage has had
STAGES = [
    ("pair_stage_forming", 0.10, 0, ()),
    ("pair_stage_intro", 0.06, 1, ("intro",)),
    ("pair_stage_trial", 0.06, 2, ("intro", "trial")),
    ("pair_stage_planning", 0.08, 3, ("intro", "trial", "planning")),
    ("pair_stage_work", 0.32, 14, ("intro", "trial", "planning", "work")),
    ("pair_stage_final", 0.08, 22, ("intro", "trial", "planning", "work", "final")),
    ("pair_stage_done", 0.22, 26, ("intro", "trial", "planning", "work", "final")),
    ("pair_stage_dissolved", 0.08, 4, ("intro", "trial", "planning", "work")),
]
OPEN_STAGES = {
    "pair_stage_forming",
    "pair_stage_intro",
    "pair_stage_trial",
    "pair_stage_planning",
    "pair_stage_work",
    "pair_stage_final",
}
TEACHER_SHARE = 0.3
MENTOR_SHARE = 0.3
CAPACITY = 3
SURNAMES = [
    "Иванов",
    "Смирнов",
    "Кузнецов",
    "Попов",
    "Васильев",
    "Петров",
    "Соколов",
    "Михайлов",
    "Новиков",
    "Фёдоров",
    "Морозов",
    "Волков",
    "Алексеев",
    "Лебедев",
    "Семёнов",
    "Егоров",
]
FIRST_NAMES = [
    "Анна",
    "Мария",
    "Елена",
    "Ольга",
    "Дарья",
    "Иван",
    "Алексей",
    "Дмитрий",
    "Сергей",
    "Никита",
    "Павел",
    "Ксения",
    "Артём",
    "Полина",
    "Глеб",
    "Вера",
]
TOPICS = [
    "Цифровые навыки",
    "Классное руководство",
    "Работа с родителями",
    "Проектная деятельность",
    "Подготовка к ОГЭ",
    "Подготовка к ЕГЭ",
    "Функциональная грамотность",
    "Инклюзия",
    "Олимпиады",
    "Профориентация",
    "Адаптация в коллективе",
    "Тайм-менеджмент",
    "Публичные выступления",
    "Наставничество в спорте",
    "Исследовательская работа",
    "Эмоциональное выгорание",
    "Оценивание",
    "Дисциплина на уроке",
    "Читательская грамотность",
    "Естественно-научная грамотность",
    "Финансовая грамотность",
    "Робототехника",
    "Школьный театр",
    "Волонтёрство",
    "Медиация конфликтов",
    "Программирование",
    "Английский язык",
    "Математика",
    "Русский язык",
    "История",
]


def add_arguments(parser):
    parser.add_argument("--companies", type=int, default=50)
    parser.add_argument(
        "--base", type=int, default=20000, help="mentors and mentees in all"
    )
    parser.add_argument("--pairs", type=int, default=5000)
    parser.add_argument("--meetings", type=int, default=100000)
    parser.add_argument(
        "--pool-mentees", type=int, default=1000, help="matching pool: waiting mentees"
    )
    parser.add_argument(
        "--pool-mentors",
        type=int,
        default=300,
        help="matching pool: mentors with 3 places",
    )
    parser.add_argument("--seed", type=int, default=2)


class District:
    def __init__(self, env, args):
        self.env = env(context=dict(env.context, **CONTEXT))
        self.args = args
        self.rng = random.Random(args.seed)
        self.today = datetime.now().date()
        self.started = time.perf_counter()
        self.ref = self.env.ref

    def log(self, message):
        print(f"[{time.perf_counter() - self.started:7.1f}s] {message}", flush=True)

    def create(self, model, vals_list):
        records = self.env[model].browse()
        for start in range(0, len(vals_list), BATCH):
            records |= self.env[model].create(vals_list[start : start + BATCH])
            self.env.flush_all()
            self.env.invalidate_all()
        return records

    def name(self):
        return (
            f"{self.rng.choice(SURNAMES)} {self.rng.choice(FIRST_NAMES)} "
            f"{self.rng.randrange(10**6):06d}"
        )

    # ------------------------------------------------------------
    # SIZES
    # ------------------------------------------------------------

    def pairs_per_company(self):
        """Pairs of each school, so that the first schools add up to the checkpoints."""
        total, companies = self.args.pairs, self.args.companies
        points = [p for p in CHECKPOINTS if p < total] + [total]
        segments = [b - a for a, b in zip([0, *points], points, strict=False)]
        average = total / companies
        spread = [max(1, round(size / average)) for size in segments]
        spread[-1] = companies - sum(spread[:-1])
        if spread[-1] < 1:
            raise SystemExit(
                f"{companies} schools are too few for {total} pairs and checkpoints "
                f"{CHECKPOINTS}"
            )
        counts = []
        for size, schools in zip(segments, spread, strict=False):
            quotient, remainder = divmod(size, schools)
            counts += [quotient + 1] * remainder + [quotient] * (schools - remainder)
        return counts

    def split(self, total, shares):
        """Largest remainder split of `total` by `shares`."""
        raw = [total * share for share in shares]
        counts = [math.floor(value) for value in raw]
        order = sorted(range(len(raw)), key=lambda k: raw[k] - counts[k], reverse=True)
        for k in order[: total - sum(counts)]:
            counts[k] += 1
        return counts

    # ------------------------------------------------------------
    # GENERATION
    # ------------------------------------------------------------

    def run(self):
        args = self.args
        pairs = self.pairs_per_company()
        pool = args.pool_mentees + args.pool_mentors
        rest = args.base - pool
        if rest < 2 * args.pairs:
            raise SystemExit("--base is too small for the pairs and the matching pool")
        bases = self.split(rest, [p / args.pairs for p in pairs])
        self.log(
            f"{args.companies} schools, pairs per school {pairs[:4]}…, base "
            f"{args.base}, pairs {args.pairs}, meetings {args.meetings}"
        )
        self.hold_autovacuum()
        self.make_companies()
        self.make_tags()
        plans = [
            self.plan_school(k, p, b)
            for k, (p, b) in enumerate(zip(pairs, bases, strict=False))
        ]
        plans.append(self.plan_pool())
        self.make_people(plans)
        self.make_participants(plans)
        self.make_pairs(plans)
        self.make_meetings(plans)
        self.make_answers(plans)
        if "project.task" in self.env:
            self.make_tasks(pairs)
        self.log("done")

    def hold_autovacuum(self):
        """Keep the tables without planner statistics until the benchmark: a
        school's September import is read before autovacuum has analysed it, and
        bench.py measures the pages first in that state, then after ANALYZE (and
        gives the tables back to autovacuum)."""
        cr = self.env.cr
        cr.execute(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid ="
            " c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r'"
        )
        for (table,) in cr.fetchall():
            cr.execute(
                f'ALTER TABLE "{table}" SET (autovacuum_enabled = false,'
                " toast.autovacuum_enabled = false)"
            )
        self.log("autovacuum held on every table until the benchmark")

    def make_companies(self):
        names = [f"Школа № {k + 1}" for k in range(self.args.companies)]
        self.companies = self.create("res.company", [{"name": name} for name in names])
        self.companies = self.companies.sorted("id")
        # a curator who imports new pupils needs the right to create contacts
        groups = [
            self.ref("base.group_user"),
            self.ref("base.group_partner_manager"),
            self.ref("odoo_mentorship.group_mentorship_curator"),
        ]
        if "project.task" in self.env:
            groups.append(self.ref("project.group_project_user"))
        self.curator = self.env["res.users"].create(
            {
                "name": "Куратор района",
                "login": "bench_curator",
                "password": "bench_curator",
                "company_id": self.companies[0].id,
                "company_ids": [(6, 0, self.companies.ids)],
                "groups_id": [(6, 0, [group.id for group in groups])],
            }
        )
        forms = self.ref("odoo_mentorship.form_teacher_teacher") | self.ref(
            "odoo_mentorship.form_pupil_pupil"
        )
        self.programmes = self.create(
            "mentorship.programme",
            [
                {
                    "name": f"Программа наставничества {company.name}",
                    "company_id": company.id,
                    "date_start": self.today - timedelta(days=330),
                    "date_end": self.today + timedelta(days=35),
                    "curator_ids": [(6, 0, self.curator.ids)],
                    "form_ids": [(6, 0, forms.ids)],
                    "state": "running",
                }
                for company in self.companies
            ],
        ).sorted("id")
        self.pool_programme = self.env["mentorship.programme"].create(
            {
                "name": "Муниципальный подбор наставников",
                "company_id": self.companies[-1].id,
                "date_start": self.today - timedelta(days=30),
                "date_end": self.today + timedelta(days=335),
                "curator_ids": [(6, 0, self.curator.ids)],
                "form_ids": [(6, 0, forms.ids)],
                "state": "running",
            }
        )
        self.departments = {
            company.id: self.create(
                "hr.department",
                [
                    {"name": name, "company_id": company.id}
                    for name in (
                        "Кафедра математики",
                        "Кафедра филологии",
                        "Начальная школа",
                    )
                ],
            ).ids
            for company in self.companies
        }
        self.log(f"{len(self.companies)} schools, their programmes and departments")

    def make_tags(self):
        Tag = self.env["mentorship.tag"]
        existing = {tag.name: tag for tag in Tag.search([])}
        new = [{"name": topic} for topic in TOPICS if topic not in existing]
        self.tags = (
            Tag.browse([tag.id for tag in existing.values()])
            | self.create("mentorship.tag", new)
        ).ids

    def plan_school(self, index, pair_count, base):
        """Who is in the school's bases and which pairs they form, before any record."""
        company = self.companies[index]
        mentors = max(2, round(base * MENTOR_SHARE))
        mentees = base - mentors
        stage_counts = self.split(pair_count, [share for _x, share, _m, _t in STAGES])
        stages = [
            name
            for (name, _s, _m, _t), count in zip(STAGES, stage_counts, strict=False)
            for _n in range(count)
        ]
        self.rng.shuffle(stages)
        plan = {
            "company": company,
            "programme": self.programmes[index],
            "mentors": [],
            "mentees": [],
            "pairs": [],
        }
        teacher_mentors, teacher_mentees = (
            round(mentors * TEACHER_SHARE),
            round(mentees * TEACHER_SHARE),
        )
        sizes = {
            "teacher": (teacher_mentors, teacher_mentees),
            "pupil": (mentors - teacher_mentors, mentees - teacher_mentees),
        }
        for kind, (kind_mentor_count, kind_mentee_count) in sizes.items():
            kind_mentors = [
                self.person(kind, "mentor") for _n in range(kind_mentor_count)
            ]
            kind_mentees = [
                self.person(kind, "mentee") for _n in range(kind_mentee_count)
            ]
            kind_pairs = [
                stage
                for k, stage in enumerate(stages)
                if (k % 10 < TEACHER_SHARE * 10) == (kind == "teacher")
            ]
            if len(kind_pairs) > len(kind_mentees):
                raise SystemExit(
                    f"{company.name}: not enough {kind} mentees for the pairs"
                )
            load = [0] * len(kind_mentors)
            for k, stage in enumerate(kind_pairs):
                mentee = kind_mentees[k]
                if stage in OPEN_STAGES:
                    free = [m for m in range(len(kind_mentors)) if load[m] < CAPACITY]
                    if not free:
                        raise SystemExit(
                            f"{company.name}: not enough {kind} mentors for the open "
                            "pairs"
                        )
                    mentor = free[k % len(free)]
                    load[mentor] += 1
                else:
                    mentor = self.rng.randrange(len(kind_mentors))
                mentee["stage"] = {
                    "pair_stage_forming": "mentee_stage_waiting",
                    "pair_stage_done": "mentee_stage_finished",
                    "pair_stage_dissolved": "mentee_stage_waiting",
                }.get(stage, "mentee_stage_paired")
                plan["pairs"].append(
                    {
                        "mentor": kind_mentors[mentor],
                        "mentee": mentee,
                        "stage": stage,
                        "kind": kind,
                    }
                )
            plan["mentors"] += kind_mentors
            plan["mentees"] += kind_mentees
        return plan

    def plan_pool(self):
        pool_mentors = self.args.pool_mentors
        pool_mentees = self.args.pool_mentees
        kinds = ["teacher", "pupil"]
        return {
            "company": self.companies[-1],
            "programme": self.pool_programme,
            "mentors": [
                self.person(kinds[n % 2], "mentor") for n in range(pool_mentors)
            ],
            "mentees": [
                self.person(kinds[n % 2], "mentee") for n in range(pool_mentees)
            ],
            "pairs": [],
        }

    def person(self, kind, role):
        if kind == "teacher":
            age = self.rng.randint(23, 64)
        else:
            age = self.rng.randint(10, 17) + (2 if role == "mentor" else 0)
        birth = self.today - timedelta(days=int(age * 365.25) + self.rng.randrange(300))
        return {
            "kind": kind,
            "role": role,
            "name": self.name(),
            "birth": birth,
            "stage": "mentee_stage_waiting"
            if role == "mentee"
            else "mentor_stage_active",
        }

    def make_people(self, plans):
        """Teachers are employees with work records; pupils
        are contacts with a parent."""
        employee_vals, teachers = [], []
        pupil_vals, parent_vals, pupils = [], [], []
        for plan in plans:
            company = plan["company"]
            for person in plan["mentors"] + plan["mentees"]:
                if person["kind"] == "teacher":
                    teachers.append(person)
                    employee_vals.append(
                        {
                            "name": person["name"],
                            "company_id": company.id,
                            "department_id": self.rng.choice(
                                self.departments[company.id]
                            ),
                            "birthday": person["birth"],
                        }
                    )
                else:
                    pupils.append(person)
                    pupil_vals.append({"name": person["name"]})
                    parent_vals.append({"name": f"{person['name']} (родитель)"})
        employees = self.create("hr.employee", employee_vals)
        self.log(f"{len(employees)} teachers (employees)")
        lines = []
        for person, employee in zip(teachers, employees, strict=False):
            person["employee"] = employee.id
            person["partner"] = employee.work_contact_id.id
            # two earlier teaching jobs, between 1 year and the whole career
            age = (self.today - person["birth"]).days // 365
            years = self.rng.randint(1, max(1, age - 22))
            start = self.today - timedelta(days=int(years * 365.25))
            middle = start + (self.today - start) / 2
            lines.append(
                {
                    "employee_id": employee.id,
                    "organisation": "Школа № 101",
                    "position": "Учитель",
                    "date_start": start,
                    "date_end": middle,
                }
            )
            lines.append(
                {
                    "employee_id": employee.id,
                    "organisation": "Гимназия № 7",
                    "position": "Учитель",
                    "date_start": middle + timedelta(days=1),
                    "date_end": self.today - timedelta(days=1),
                }
            )
        self.create("hr.employee.experience", lines)
        self.log(f"{len(lines)} work record lines")
        partners = self.create("res.partner", pupil_vals + parent_vals)
        for person, pupil, parent in zip(
            pupils, partners[: len(pupils)], partners[len(pupils) :], strict=False
        ):
            person["partner"] = pupil.id
            person["parent"] = parent.id
        self.log(f"{len(partners)} pupils and parents (contacts)")

    def make_participants(self, plans):
        kinds = {
            "teacher": self.ref("odoo_mentorship.kind_teacher").id,
            "pupil": self.ref("odoo_mentorship.kind_pupil").id,
        }
        for role in ("mentor", "mentee"):
            vals_list, people = [], []
            for plan in plans:
                for person in plan[f"{role}s"]:
                    vals = {
                        "partner_id": person["partner"],
                        "programme_id": plan["programme"].id,
                        "kind_id": kinds[person["kind"]],
                        "birth_date": person["birth"],
                        "stage_id": self.ref(f"odoo_mentorship.{person['stage']}").id,
                        "consent_date": self.today
                        - timedelta(days=self.rng.randint(31, 300)),
                    }
                    if person["kind"] == "teacher":
                        vals.update(
                            employee_id=person["employee"],
                            consent_given_by_id=person["partner"],
                        )
                    else:
                        vals.update(
                            legal_representative_id=person["parent"],
                            consent_given_by_id=person["parent"],
                        )
                    if role == "mentor":
                        vals.update(
                            capacity=CAPACITY,
                            competence_tag_ids=[(6, 0, self.rng.sample(self.tags, 4))],
                        )
                    vals_list.append(vals)
                    people.append(person)
            records = self.create(f"mentorship.{role}", vals_list)
            for person, record in zip(people, records, strict=False):
                person["id"] = record.id
            self.log(f"{len(records)} {role}s")
        requests = []
        for plan in plans:
            for person in plan["mentees"]:
                for n in range(self.rng.randint(1, 3)):
                    requests.append(
                        {
                            "mentee_id": person["id"],
                            "name": f"Запрос {n + 1}",
                            "tag_ids": [
                                (
                                    6,
                                    0,
                                    self.rng.sample(self.tags, self.rng.randint(1, 2)),
                                )
                            ],
                        }
                    )
        self.create("mentorship.request", requests)
        self.log(f"{len(requests)} mentee requests")

    def make_pairs(self, plans):
        forms = {
            "teacher": self.ref("odoo_mentorship.form_teacher_teacher").id,
            "pupil": self.ref("odoo_mentorship.form_pupil_pupil").id,
        }
        vals_list, planned = [], []
        for plan in plans:
            for pair in plan["pairs"]:
                vals = {
                    "programme_id": plan["programme"].id,
                    "mentor_id": pair["mentor"]["id"],
                    "mentee_ids": [(6, 0, [pair["mentee"]["id"]])],
                    "form_id": forms[pair["kind"]],
                    "stage_id": self.ref(f"odoo_mentorship.{pair['stage']}").id,
                    "eligibility_override": True,
                }
                if pair["stage"] != "pair_stage_forming":
                    start = self.today - timedelta(days=self.rng.randint(120, 320))
                    vals["date_start"] = start
                    if pair["stage"] in ("pair_stage_done", "pair_stage_dissolved"):
                        vals["date_end"] = start + timedelta(
                            days=self.rng.randint(60, (self.today - start).days - 1)
                        )
                vals_list.append(vals)
                planned.append(pair)
        records = self.create("mentorship.pair", vals_list)
        for pair, record in zip(planned, records, strict=False):
            pair["id"] = record.id
            pair["date_start"] = record.date_start
            pair["date_end"] = record.date_end
        self.log(f"{len(records)} pairs")

    def make_meetings(self, plans):
        weights = {name: weight for name, _share, weight, _types in STAGES}
        types_of = {name: types for name, _share, _weight, types in STAGES}
        pairs = [
            pair for plan in plans for pair in plan["pairs"] if weights[pair["stage"]]
        ]
        if not pairs:
            return
        total_weight = sum(weights[pair["stage"]] for pair in pairs)
        counts = self.split(
            self.args.meetings,
            [weights[pair["stage"]] / total_weight for pair in pairs],
        )
        vals_list = []
        for pair, count in zip(pairs, counts, strict=False):
            types = types_of[pair["stage"]]
            first, last = (
                pair["date_start"],
                pair["date_end"] or self.today - timedelta(days=1),
            )
            span = max(1, (last - first).days)
            for n in range(count):
                # the first meetings follow the pipeline,
                # the final one (if any) closes it
                if n < len(types) - 1 or count == 1:
                    meeting_type = types[min(n, len(types) - 1)]
                elif n == count - 1:
                    meeting_type = types[-1]
                else:
                    meeting_type = "work" if "work" in types else types[-1]
                day = first + timedelta(days=span * n // count)
                vals_list.append(
                    {
                        "pair_id": pair["id"],
                        "meeting_type": meeting_type,
                        "date_start": datetime.combine(day, dt_time(9, 0)),
                        "attendee_ids": [(6, 0, [pair["mentee"]["id"]])],
                        "mentor_confirmed": self.rng.random() < 0.8,
                    }
                )
        for start in range(0, len(vals_list), 10 * BATCH):
            self.create("mentorship.meeting", vals_list[start : start + 10 * BATCH])
            self.log(
                f"{min(start + 10 * BATCH, len(vals_list))} of {len(vals_list)} "
                "meetings"
            )

    def make_answers(self, plans):
        """The satisfaction questionnaires, answered by the mentee and the
        mentor of every pair at its final meeting or completed, on the
        pair's last day (mostly 3 to 5)."""
        surveys = {
            role: self.ref(f"odoo_mentorship.survey_{role}_satisfaction")
            for role in ("mentee", "mentor")
        }
        questions = {
            role: survey.question_ids.filtered(lambda q: q.question_type == "scale").ids
            for role, survey in surveys.items()
        }
        answers, ratings = [], []
        for plan in plans:
            for pair in plan["pairs"]:
                if pair["stage"] not in ("pair_stage_final", "pair_stage_done"):
                    continue
                day = pair["date_end"] or self.today - timedelta(days=1)
                for role in ("mentee", "mentor"):
                    person = pair[role]
                    answers.append(
                        {
                            "survey_id": surveys[role].id,
                            "partner_id": person["partner"],
                            f"mentorship_{role}_id": person["id"],
                            "mentorship_pair_id": pair["id"],
                            "mentorship_programme_id": plan["programme"].id,
                            "state": "done",
                            "end_datetime": datetime.combine(day, dt_time(15, 0)),
                        }
                    )
                    ratings.append(
                        [self.rng.choice([2, 3, 4, 4, 5, 5]) for _q in questions[role]]
                    )
        records = self.create("survey.user_input", answers)
        lines = [
            {
                "user_input_id": record.id,
                "question_id": question,
                "answer_type": "scale",
                "value_scale": value,
            }
            for record, vals, values in zip(records, answers, ratings, strict=False)
            for question, value in zip(
                questions["mentee" if vals.get("mentorship_mentee_id") else "mentor"],
                values,
                strict=False,
            )
        ]
        self.create("survey.user_input.line", lines)
        self.log(f"{len(records)} satisfaction answers with {len(lines)} ratings")

    def make_tasks(self, pairs_per_company):
        """One project per school with as many tasks as the school has pairs."""
        stages = self.create(
            "project.task.type",
            [
                {
                    "name": name,
                    "sequence": 10 * (k + 1),
                    "fold": name in ("Завершено", "Отменено"),
                }
                for k, name in enumerate(
                    [
                        "Новая",
                        "Знакомство",
                        "Пробная",
                        "Планирование",
                        "Работа",
                        "Итоговая",
                        "Завершено",
                        "Отменено",
                    ]
                )
            ],
        )
        tags = self.create("project.tags", [{"name": f"Метка {k}"} for k in range(10)])
        projects = self.create(
            "project.project",
            [
                {
                    "name": f"Проекты {company.name}",
                    "company_id": company.id,
                    "privacy_visibility": "employees",
                    "type_ids": [(6, 0, stages.ids)],
                }
                for company in self.companies
            ],
        ).sorted("id")
        vals_list, places = [], []
        shares = [share for _name, share, _w, _t in STAGES]
        for project, count in zip(projects, pairs_per_company, strict=False):
            stage_counts = self.split(count, shares)
            for k, (stage, stage_count) in enumerate(
                zip(stages, stage_counts, strict=False)
            ):
                for _n in range(stage_count):
                    places.append((project.company_id.id, k))
                    vals_list.append(
                        {
                            "name": f"Задача {len(vals_list) + 1}",
                            "project_id": project.id,
                            "stage_id": stage.id,
                            "user_ids": [(6, 0, self.curator.ids)],
                            "tag_ids": [(6, 0, self.rng.sample(tags.ids, 2))],
                            "date_deadline": self.today
                            + timedelta(days=self.rng.randint(-30, 60)),
                            "priority": self.rng.choice(["0", "1"]),
                        }
                    )
        tasks = self.create("project.task", vals_list)
        self.log(f"{len(projects)} projects with {len(vals_list)} tasks")
        self.make_task_activities(tasks, places)

    def make_task_activities(self, tasks, places):
        """The pairs get to-dos as they go (entry and exit diagnostics, ...): give each
        task the to-dos of the pair in the same place (school, stage and rank), so that
        the two kanbans show as many activities. Like the pairs' to-dos, they subscribe
        their assignee; their creation sends no notification."""
        stage_index = {
            self.ref(f"odoo_mentorship.{name}"): k
            for k, (name, *_rest) in enumerate(STAGES)
        }
        pairs_at = {}
        for pair in (
            self.env["mentorship.pair"]
            .with_context(active_test=False)
            .search([], order="id")
        ):
            pairs_at.setdefault(
                (pair.company_id.id, stage_index[pair.stage_id]), []
            ).append(pair.id)
        tasks_at = {}
        for task, place in zip(tasks, places, strict=False):
            tasks_at.setdefault(place, []).append(task.id)
        task_of_pair = {
            pair_id: task_id
            for place, pair_ids in pairs_at.items()
            for pair_id, task_id in zip(pair_ids, tasks_at.get(place, []), strict=False)
        }
        todos = self.env["mail.activity"].search(
            [("res_model", "=", "mentorship.pair")], order="id"
        )
        task_model = self.env["ir.model"]._get_id("project.task")
        vals_list = [
            {
                "res_model_id": task_model,
                "res_id": task_of_pair[todo.res_id],
                "activity_type_id": todo.activity_type_id.id,
                "summary": todo.summary,
                "note": todo.note,
                "date_deadline": todo.date_deadline,
                "user_id": todo.user_id.id,
            }
            for todo in todos
            if todo.res_id in task_of_pair
        ]
        self.env["mail.activity"].with_context(mail_activity_quick_update=True).create(
            vals_list
        )
        self.env.flush_all()
        self.env.invalidate_all()
        self.log(
            f"{len(vals_list)} to-dos on the tasks, as on the pairs ({len(todos)})"
        )


def main(env, args):
    District(env, args).run()


if __name__ == "__main__":
    odoo_runner.run(__doc__.splitlines()[0], add_arguments, main)
