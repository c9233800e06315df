"""Benchmark the mentorship addon on a generated district
(tools/bench/generate_district.py).

    python3 tools/bench/bench.py [--runs 5 --import-rows 10000] -d DB
        --db_host=... --addons-path=...

Prints a Markdown table (paste it into docs/benchmarks.md):

- the first page of the pair kanban, called as the web client calls it
  (`web_read_group`, `read_progress_bar`, then `web_search_read` of each open
  column with the fields of the real kanban view), at 10, 100, 1,000 and 5,000
  pairs, against Odoo's own `project.task` kanban on as many tasks;
- the KPI computation (`_compute_values`) against one SQL aggregate;
- importing mentees through `base_import` against plain contacts;
- the matching wizard on the matching pool (seconds and peak memory).

Everything runs as the district's curator (`bench_curator`), with the schools
selected in the company switcher (`allowed_company_ids`) as the web client sends
them. Nothing is kept: every write is rolled back.
"""

import ast
import csv
import datetime
import io
import json
import os
import platform
import statistics
import time
import tracemalloc

import odoo_runner
from lxml import etree

SIZES = (10, 100, 1000, 5000)
KANBAN_LIMIT = 40  # records per column of a kanban page
COUNT_LIMIT = 10001  # the web client's count limit + 1
IMPORT_BATCH = 2000  # the import dialog's default batch size
MATCHING_TARGET = 2.0
# what the web client's field widgets read besides the field itself
WIDGET_RELATED = {
    "many2many_tags": ["display_name"],
    "many2many_tags_avatar": ["display_name"],
    "many2many_avatar_user": ["display_name"],
}
WIDGET_DEPENDENCIES = {
    "kanban_activity": [
        "activity_exception_decoration",
        "activity_exception_icon",
        "activity_state",
        "activity_summary",
        "activity_type_icon",
        "activity_type_id",
    ],
    "name_with_subtask_count": ["subtask_count", "closed_subtask_count"],
    "subtask_counter": ["closed_subtask_count", "subtask_count"],
    "project_task_state_selection": ["project_id"],
}


def add_arguments(parser):
    parser.add_argument(
        "--runs", type=int, default=7, help="timed runs per kanban measure (median)"
    )
    parser.add_argument("--import-rows", type=int, default=10000)
    parser.add_argument(
        "--import-runs",
        type=int,
        default=3,
        help="timed runs of each import, taking turns (median)",
    )
    parser.add_argument(
        "--only",
        action="append",
        choices=("kanban", "kpi", "hr", "import", "matching"),
        help="run only this measure (repeatable); all of them by default",
    )
    parser.add_argument(
        "--json",
        help="also write the seconds of each measure and the district's sizes to "
        "this file (for tools/bench/growth.py)",
    )


# ------------------------------------------------------------
# KANBAN AS THE WEB CLIENT LOADS IT
# ------------------------------------------------------------


class Kanban:
    """The first page of a grouped kanban view, as the web client loads it."""

    def __init__(self, env, view_xmlid):
        view = env.ref(view_xmlid).sudo()  # the arch below is the user's
        self.model = view.model
        arch = env[self.model].get_views([(view.id, "kanban")])["views"]["kanban"][
            "arch"
        ]
        self.root = etree.fromstring(arch)
        self.group_by = self.root.get("default_group_by")
        self.order = self.root.get("default_order") or ""
        fields = env[self.model]._fields
        self.spec = {}
        for node in self.root.iter("field"):
            self._add(
                fields,
                node.get("name"),
                node.get("widget"),
                node.get("options"),
                node.get("invisible"),
            )
        for node in self.root.iter("widget"):
            for name in WIDGET_DEPENDENCIES.get(node.get("name"), []):
                self._add(fields, name, invisible="1")
        if self.root.get("highlight_color"):
            self._add(fields, self.root.get("highlight_color"))
        bar = self.root.find("progressbar")
        self.progressbar = bar is not None and {
            "field": bar.get("field"),
            "colors": ast.literal_eval(bar.get("colors")),
            "sum_field": bar.get("sum_field") or False,
        }
        if self.progressbar:
            self._add(fields, self.progressbar["field"])
        # the aggregates fields_get announces (stored, or readable in SQL)
        self.aggregates = [
            f"{name}:{aggregator}"
            for name in self.spec
            if name != self.group_by
            and (aggregator := fields[name]._description_aggregator(env))
        ]

    def _add(self, fields, name, widget=None, options=None, invisible=None):
        field = fields[name]
        entry = self.spec.setdefault(name, {})
        always_invisible = invisible in ("1", "True")
        if field.type in ("many2one", "reference"):
            if "fields" not in entry or not always_invisible:
                entry["fields"] = {} if always_invisible else {"display_name": {}}
        elif field.type in ("one2many", "many2many") and widget in WIDGET_RELATED:
            related = {related_name: {} for related_name in WIDGET_RELATED[widget]}
            color = ast.literal_eval(options or "{}").get("color_field")
            if color:
                related[color] = {}
            entry["fields"] = related
        for dependency in WIDGET_DEPENDENCIES.get(widget, []):
            self._add(fields, dependency, invisible="1")

    def load(self, env, domain=()):
        """Return the number of cards, of columns and of activities loaded."""
        Model = env[self.model].with_context(bin_size=True)
        result = Model.web_read_group(
            list(domain), self.aggregates, [self.group_by], limit=80, lazy=True
        )
        if self.progressbar:
            Model.read_progress_bar(list(domain), self.group_by, self.progressbar)
        cards = columns = activities = 0
        for group in result["groups"]:
            if group.get("__fold") or not group.get(f"{self.group_by}_count"):
                continue
            page = Model.web_search_read(
                group["__domain"],
                self.spec,
                offset=0,
                limit=KANBAN_LIMIT,
                order=self.order,
                count_limit=COUNT_LIMIT,
            )
            cards += len(page["records"])
            columns += 1
            activities += sum(
                len(record.get("activity_ids", ())) for record in page["records"]
            )
        return cards, columns, activities


class Bench:
    def __init__(self, env, args):
        self.env = env
        self.args = args
        self.rows = []
        self.notes = []
        self.kanban_queries = []
        self.phase = self.phase_key = ""
        self.figures = {}  # seconds of each measure, for --json (growth)
        self.user = env["res.users"].search([("login", "=", "bench_curator")])
        if not self.user:
            raise SystemExit(
                "no bench_curator: run tools/bench/generate_district.py first"
            )
        self.companies = env["res.company"].search(
            [("id", "in", self.user.company_ids.ids)], order="id"
        )

    def as_curator(self, companies):
        return self.env(
            user=self.user,
            context=dict(self.env.context, allowed_company_ids=companies.ids),
        )

    def measure(self, *functions, runs=None):
        """Median seconds, query count and result of each function, on a cold record
        cache; the functions take turns so that a busy machine slows them alike."""
        cr = self.env.cr
        timings = [[] for _f in functions]
        counts = [[] for _f in functions]
        results = [None] * len(functions)
        for _run in range(runs or self.args.runs):
            for k, function in enumerate(functions):
                self.env.invalidate_all()
                cr.sql_log_count = 0
                start = time.perf_counter()
                results[k] = function()
                timings[k].append(time.perf_counter() - start)
                counts[k].append(cr.sql_log_count)
        measures = [
            (statistics.median(t), max(c), r)
            for t, c, r in zip(timings, counts, results, strict=False)
        ]
        return measures[0] if len(functions) == 1 else measures

    def rollback_after(self, function):
        cr = self.env.cr
        self.env.flush_all()
        cr.execute("SAVEPOINT bench")
        try:
            return function()
        finally:
            self.env.invalidate_all(flush=False)
            cr.execute("ROLLBACK TO SAVEPOINT bench")
            self.env.invalidate_all(flush=False)

    # ------------------------------------------------------------
    # MEASURES
    # ------------------------------------------------------------

    def bench_kanban(self):
        pairs = Kanban(self.env, "odoo_mentorship.mentorship_pair_view_kanban")
        tasks = (
            Kanban(self.env, "project.view_task_kanban")
            if "project.task" in self.env
            else None
        )
        counts = dict(
            self.env["mentorship.pair"]
            .sudo()
            ._read_group([], ["company_id"], ["__count"])
        )
        cumulative, total = [], 0
        for company in self.companies:
            total += counts.get(company, 0)
            cumulative.append(total)
        self.kanban_queries = []
        full_pages = set()  # queries of the pages whose open columns are all full
        # the checkpoints, then the whole district
        sizes = [size for size in SIZES if size < total] + [total]
        for size in sizes:
            k = next((k for k, count in enumerate(cumulative) if count >= size), None)
            if k is None:
                self.notes.append(
                    f"The district has {total} pairs: no measure at {size}."
                )
                continue
            env = self.as_curator(self.companies[: k + 1])
            n_pairs = env["mentorship.pair"].search_count([])
            pairs.load(env)  # warm the caches of the views and the ormcache
            if tasks:
                tasks.load(env)
                (
                    (ours_time, ours_queries, (cards, columns, todos)),
                    (task_time, task_queries, shown),
                ) = self.measure(
                    lambda env=env: pairs.load(env), lambda env=env: tasks.load(env)
                )
            else:
                ours_time, ours_queries, (cards, columns, todos) = self.measure(
                    lambda env=env: pairs.load(env)
                )
            full = cards == columns * KANBAN_LIMIT
            place = "all" if size == total else size
            self.figures[f"kanban_{place}{self.phase_key}"] = ours_time
            if full:
                full_pages.add(ours_queries)
            self.kanban_queries.append(
                f"{ours_queries}" + ("" if full else f" ({cards} cards)")
            )
            row = [
                (
                    f"Pair kanban, first page, {n_pairs} pairs ({k + 1} schools, "
                    f"{cards} cards in {columns} columns){self.phase}"
                ),
                (
                    f"{ours_time * 1000:.0f} ms, {ours_queries} queries, {todos} "
                    "activities"
                ),
            ]
            if tasks:
                n_tasks = env["project.task"].search_count([])
                ratio = ours_time / task_time
                # the generator gives each task the to-dos of the pair in the
                # same place: both pages show as many activities (the
                # widget's reads are part of the cost)
                row += [
                    (
                        f"project.task kanban, {n_tasks} tasks: {task_time * 1000:.0f} "
                        f"ms, {task_queries} queries, {shown[2]} activities"
                    ),
                    f"{ratio:.2f}× time, {ours_queries / task_queries:.2f}× queries",
                    "≤ 1.0× project.task",
                    "met" if ratio <= 1.0 else "missed",
                ]
            else:
                row += ["project not installed", "", "≤ 1.0× project.task", "n/a"]
            self.rows.append(row)
        # a column is one web_search_read, plus one count when it is full: the pages
        # that show every open column full must cost the same whatever N
        steady = len(full_pages) == 1
        self.rows.append(
            [
                f"Pair kanban: queries per page as N grows{self.phase}",
                " → ".join(self.kanban_queries),
                "",
                "",
                "does not grow with N (full pages)",
                "met" if steady else "missed" if full_pages else "n/a",
            ]
        )

    def list_spec(self, env, view_xmlid):
        """The field specification the web client sends for a list view."""
        view = env.ref(view_xmlid).sudo()
        Model = env[view.model]
        arch = Model.get_views([(view.id, "list")])["views"]["list"]["arch"]
        spec = {}
        for node in etree.fromstring(arch).iter("field"):
            field = Model._fields[node.get("name")]
            if field.type in ("many2one", "many2many", "one2many"):
                spec[field.name] = {"fields": {"display_name": {}}}
            elif field.type != "properties":
                spec[field.name] = {}
        return spec

    def bench_hr(self):
        """The HR officer's employee list with the "Young Specialist" and "New at
        School" filters: the first page (80 rows and the count), for the first 11
        schools and for the whole district."""
        Users = self.env["res.users"].with_context(no_reset_password=True)
        officer = Users.create(
            {
                "name": "Кадровик района",
                "login": "bench_hr_officer",
                "company_id": self.companies[0].id,
                "company_ids": [(6, 0, self.companies.ids)],
                "groups_id": [(6, 0, [self.env.ref("hr.group_hr_user").id])],
            }
        )
        spec = self.list_spec(self.env(user=officer), "hr.view_employee_tree")
        counts = dict(
            self.env["mentorship.pair"]
            .sudo()
            ._read_group([], ["company_id"], ["__count"])
        )
        total, selections = 0, []
        for k, company in enumerate(self.companies):
            total += counts.get(company, 0)
            if total >= 1000 and not selections:
                selections.append(self.companies[: k + 1])
        selections.append(self.companies)
        for companies in selections:
            env = self.env(
                user=officer,
                context=dict(self.env.context, allowed_company_ids=companies.ids),
            )
            Employee = env["hr.employee"].with_context(bin_size=True)
            employees = Employee.search_count([])
            for label, flag in (
                ("Young Specialist", "is_young_specialist"),
                ("New at School", "is_new_at_school"),
            ):

                def page(Employee=Employee, flag=flag):
                    return Employee.web_search_read(
                        [(flag, "=", True)],
                        spec,
                        offset=0,
                        limit=80,
                        count_limit=COUNT_LIMIT,
                    )["length"]

                page()  # warm the caches
                seconds, queries, found = self.measure(page)
                place = "all" if companies == self.companies else 1000
                self.figures[f"hr_{flag}_{place}"] = seconds
                self.rows.append(
                    [
                        (
                            f'Employees, "{label}" filter, first page (80 rows and the '
                            f"count), {len(companies)} schools, {employees} employees"
                        ),
                        f"{seconds * 1000:.0f} ms, {queries} queries, {found} found",
                        "",
                        "",
                        "(growth: `make bench-growth`)",
                        "",
                    ]
                )

    # the five indicators of every school, written by hand in one statement: the
    # reference of the KPI measure. Independent of the addon's code on purpose.
    KPI_REFERENCE = """
        WITH pairs AS (
            SELECT id, company_id, mentor_id FROM mentorship_pair
             WHERE company_id = ANY(%(companies)s) AND state IN ('working', 'done')
               AND (date_start IS NULL OR date_start <= %(end)s) AND (date_end IS NULL
                   OR date_end >= %(start)s)
        ),
        members AS (
            SELECT pairs.company_id, 'mentee' AS role, mentee.partner_id,
                mentee.birth_date, kind.is_learner,
                   mentee.employee_id
              FROM pairs
              JOIN mentorship_pair_mentee_rel rel ON rel.pair_id = pairs.id
              JOIN mentorship_mentee mentee ON mentee.id = rel.mentee_id
              JOIN mentorship_participant_kind kind ON kind.id = mentee.kind_id
             UNION ALL
            SELECT pairs.company_id, 'mentor', mentor.partner_id, mentor.birth_date,
                kind.is_learner, NULL
              FROM pairs
              JOIN mentorship_mentor mentor ON mentor.id = pairs.mentor_id
              JOIN mentorship_participant_kind kind ON kind.id = mentor.kind_id
        ),
        teachers AS (
            SELECT id, company_id FROM hr_employee
             WHERE company_id = ANY(%(companies)s) AND active AND teaching_position
        ),
        teaching AS (  -- teaching periods, cut at the end of the year
            SELECT employee_id, date_start AS first_day, LEAST(COALESCE(date_end,
                %(end)s), %(end)s) AS last_day
              FROM hr_employee_experience WHERE is_teaching
             UNION ALL
            SELECT contract.employee_id, contract.date_start,
                LEAST(COALESCE(contract.date_end, %(end)s), %(end)s)
              FROM hr_contract contract JOIN hr_employee employee ON employee.id =
                  contract.employee_id
             WHERE employee.teaching_position AND contract.active AND contract.state !=
                 'cancel'
        ),
        spans AS (  -- merged periods: [first day, day after the last)
            SELECT employee_id, unnest(range_agg(daterange(first_day, last_day, '[]')))
                AS span
              FROM teaching WHERE first_day <= last_day GROUP BY employee_id
        ),
        calendar AS (
            SELECT employee_id, lower(span) AS first_day, upper(span) AS day_after,
                   ((date_part('year', upper(span)) - date_part('year', lower(span))) *
                       12
                    + date_part('month', upper(span)) - date_part('month',
                        lower(span)))::int AS calendar_months
              FROM spans
        ),
        months AS (  -- full months of each span (one less when the last one is not
            -- full)
            SELECT employee_id, first_day, day_after,
                   calendar_months - CASE WHEN first_day + calendar_months * interval
                       '1 month' > day_after
                                          THEN 1 ELSE 0 END AS full_months
              FROM calendar
        ),
        experience AS (  -- 30 days make a month
            SELECT employee_id,
                   (SUM(full_months) + SUM(day_after - (first_day + full_months *
                       interval '1 month')::date) / 30)::int AS months
              FROM months GROUP BY employee_id
             UNION ALL  -- teachers whose teaching has not started yet
            SELECT employee_id, 0 FROM teaching GROUP BY employee_id HAVING
                MIN(first_day) > %(end)s
        ),
        ratings AS (
            SELECT programme.company_id, answer.mentorship_role AS role,
                AVG(line.value_scale) AS rating
              FROM survey_user_input answer
              JOIN mentorship_programme programme ON programme.id =
                  answer.mentorship_programme_id
              JOIN survey_user_input_line line ON line.user_input_id = answer.id
              JOIN survey_question question ON question.id = line.question_id
             WHERE programme.company_id = ANY(%(companies)s) AND answer.state = 'done'
               AND answer.test_entry IS NOT TRUE AND line.skipped IS NOT TRUE
               AND answer.end_datetime >= %(start)s AND answer.end_datetime < %(after)s
               AND question.question_type = 'scale' AND
                   question.mentorship_is_satisfaction
             GROUP BY answer.id, programme.company_id, answer.mentorship_role
        ),
        learners AS (
            SELECT company_id,
                   COUNT(DISTINCT partner_id) FILTER (WHERE role = 'mentee' AND
                       is_learner
                       AND date_part('year', age(%(end)s, birth_date)) BETWEEN 10 AND
                           19) AS children,
                   COUNT(DISTINCT partner_id) FILTER (WHERE role = 'mentor' AND
                       is_learner
                       AND date_part('year', age(%(end)s, birth_date)) BETWEEN 15 AND
                           19) AS youth
              FROM members GROUP BY company_id
        ),
        young_mentees AS (
            SELECT members.company_id, COUNT(DISTINCT members.employee_id) AS count
              FROM members
              JOIN experience ON experience.employee_id = members.employee_id
              JOIN res_company school ON school.id = members.company_id
             WHERE experience.months < 12 * school.mentorship_young_specialist_years
             GROUP BY members.company_id
        ),
        young_teachers AS (
            SELECT teachers.company_id, COUNT(*) AS count
              FROM teachers
              JOIN experience ON experience.employee_id = teachers.id
              JOIN res_company school ON school.id = teachers.company_id
             WHERE experience.months < 12 * school.mentorship_young_specialist_years
             GROUP BY teachers.company_id
        ),
        satisfaction AS (
            SELECT ratings.company_id,
                   COUNT(*) FILTER (WHERE role = 'mentee_satisfaction'
                                      AND rating >=
                                          school.mentorship_satisfaction_threshold) AS
                                          mentees_satisfied,
                   COUNT(*) FILTER (WHERE role = 'mentee_satisfaction') AS
                       mentees_rated,
                   COUNT(*) FILTER (WHERE role = 'mentor_satisfaction'
                                      AND rating >=
                                          school.mentorship_satisfaction_threshold) AS
                                          mentors_satisfied,
                   COUNT(*) FILTER (WHERE role = 'mentor_satisfaction') AS mentors_rated
              FROM ratings JOIN res_company school ON school.id = ratings.company_id
             GROUP BY ratings.company_id
        )
        SELECT school.id, COALESCE(learners.children, 0), COALESCE(learners.youth, 0),
               COALESCE(young_mentees.count, 0), COALESCE(young_teachers.count, 0),
               COALESCE(satisfaction.mentees_satisfied, 0),
                   COALESCE(satisfaction.mentees_rated, 0),
               COALESCE(satisfaction.mentors_satisfied, 0),
                   COALESCE(satisfaction.mentors_rated, 0)
          FROM res_company school
          LEFT JOIN learners ON learners.company_id = school.id
          LEFT JOIN young_mentees ON young_mentees.company_id = school.id
          LEFT JOIN young_teachers ON young_teachers.company_id = school.id
          LEFT JOIN satisfaction ON satisfaction.company_id = school.id
         WHERE school.id = ANY(%(companies)s)
    """

    def bench_kpi(self):
        """The KPI computation over the district's schools for the current
        year: the counting of the five indicators (`_count`) against one
        hand-written SQL statement that counts the same figures over the same
        rows; and the whole run of the compute wizard (`_compute_values`),
        which also replaces the 250 stored values."""
        Value = self.env["mentorship.kpi.value"]
        year = int(time.strftime("%Y"))
        companies = self.companies
        params = {
            "companies": companies.ids,
            "start": f"{year}-01-01",
            "end": datetime.date(year, 12, 31),
            "after": f"{year + 1}-01-01",
        }
        codes = [
            "children_mentees",
            "youth_mentors",
            "young_teachers_mentees",
            "mentee_satisfaction",
            "mentor_satisfaction",
        ]

        def sql():
            self.env.cr.execute(self.KPI_REFERENCE, params)
            return {
                row[0]: {
                    "children_mentees": (row[1], 0),
                    "youth_mentors": (row[2], 0),
                    "young_teachers_mentees": (row[3], row[4]),
                    "mentee_satisfaction": (row[5], row[6]),
                    "mentor_satisfaction": (row[7], row[8]),
                }
                for row in self.env.cr.fetchall()
            }

        def count():
            return Value._count(companies, year)

        def compute_and_store():
            return self.rollback_after(
                lambda: {
                    (value.company_id.id, value.indicator_id.code): (
                        value.numerator,
                        value.denominator,
                    )
                    for value in Value._compute_values(companies, year)
                }
            )

        compute_and_store()  # warm the caches
        sql()
        count()
        (
            (count_time, count_queries, counts),
            (sql_time, _sql_queries, figures),
            (run_time, run_queries, values),
        ) = self.measure(count, sql, compute_and_store)
        # the savepoint and its rollback are part of the measure, not of the KPI
        run_queries -= 2
        same = all(
            counts[company.id][code]
            == figures[company.id][code]
            == values[company.id, code]
            for company in companies
            for code in codes
        )
        if not same:
            self.notes.append("KPI: the SQL statement and the addon disagree.")
        totals = {
            code: sum(figures[company.id][code][0] for company in companies)
            for code in codes
        }
        ratio = count_time / sql_time
        self.figures[f"kpi{self.phase_key}"] = count_time
        self.rows.append(
            [
                (
                    f"KPI computation, {len(companies)} schools, {year} (`_count`: "
                    "numerators and denominators of the 5 indicators for every school)"
                    f"{self.phase}"
                ),
                f"{count_time * 1000:.0f} ms, {count_queries} queries",
                (
                    "one hand-written SQL statement counting the same figures: "
                    f"{sql_time * 1000:.1f} ms, 1 query"
                )
                + ("" if same else ", figures differ"),
                f"{ratio:.2f}× time",
                "≤ 1.5× raw SQL",
                "met" if ratio <= 1.5 and same else "missed",
            ]
        )
        self.rows.append(
            [
                (
                    "  the compute wizard's whole run (`_compute_values`: counting, "
                    f"then replacing the {len(values)} stored values through the ORM)"
                ),
                f"{run_time * 1000:.0f} ms, {run_queries} queries",
                "the same SQL statement (which stores nothing)",
                f"{run_time / sql_time:.2f}× time",
                "(diagnostic)",
                "",
            ]
        )
        self.notes.append(
            "KPI figures counted (the addon and the SQL statement agree: "
            + ("yes" if same else "NO")
            + "): "
            + ", ".join(f"{code} {total}" for code, total in totals.items())
        )

    def bench_import(self):
        rows = self.args.import_rows
        programme = self.env["mentorship.programme"].search(
            [("company_id", "=", self.companies[0].id)], limit=1
        )
        env = self.as_curator(self.companies[:1])
        kind = self.env.ref("odoo_mentorship.kind_teacher").with_env(env).display_name
        today = time.strftime("%Y-%m-%d")
        mentee_rows = [
            [
                f"Импортный Наставляемый {n:05d}",
                programme.name,
                kind,
                "1990-05-17",
                today,
            ]
            for n in range(rows)
        ]
        partner_rows = [
            [
                f"Импортный Контакт {n:05d}",
                f"contact{n:05d}@school.example",
                f"+7 900 {n:07d}",
                "Казань",
                f"ул. Школьная, {n % 200 + 1}",
            ]
            for n in range(rows)
        ]

        def mentee_import():
            return self.import_csv(
                env,
                "mentorship.mentee",
                [
                    "partner_name",
                    "programme_id",
                    "kind_id",
                    "birth_date",
                    "consent_date",
                ],
                mentee_rows,
                {},
            )

        def partner_import():
            return self.import_csv(
                env,
                "res.partner",
                ["name", "email", "phone", "city", "street"],
                partner_rows,
                {},
            )

        # the two imports take turns, so that a busy machine slows
        # them alike; median of the runs
        mentee_runs, partner_runs = [], []
        for _run in range(self.args.import_runs):
            mentee_runs.append(self.rollback_after(mentee_import))
            partner_runs.append(self.rollback_after(partner_import))
        mentee_time, partner_time = (
            statistics.median(run[0] for run in runs)
            for runs in (mentee_runs, partner_runs)
        )
        (_t, mentee_ids, mentee_queries), (_t, partner_ids, partner_queries) = (
            mentee_runs[-1],
            partner_runs[-1],
        )
        mentee_rate, partner_rate = mentee_ids / mentee_time, partner_ids / partner_time
        self.figures["import"] = mentee_time
        ratio = mentee_rate / partner_rate
        spread = sorted(
            round(partner[0] / mentee[0], 2)
            for mentee, partner in zip(mentee_runs, partner_runs, strict=False)
        )
        self.rows.append(
            [
                (
                    f'Import {rows} mentees (new persons by the "Full Name" column, '
                    "programme and kind by name) "
                    f"through base_import, median of {self.args.import_runs} runs"
                ),
                (
                    f"{mentee_time:.1f} s, {mentee_rate:.0f} rows/s, {mentee_queries} "
                    f"queries ({mentee_ids} imported)"
                ),
                (
                    f"{rows} contacts: {partner_time:.1f} s, {partner_rate:.0f} "
                    f"rows/s, {partner_queries} queries ({partner_ids} imported)"
                ),
                (
                    f"{ratio:.2f}× the rate (runs: "
                    f"{', '.join(f'{r:.2f}' for r in spread)})"
                ),
                "≥ 0.5× the contact rate",
                "met" if ratio >= 0.5 else "missed",
            ]
        )
        # where the time goes, on a fifth of the rows: the former template (Person with
        # "create if it does not exist"), then persons already in Odoo (by database id),
        # both from the programme's mentee base (programme
        # by default), kind by external id
        few = max(1, rows // 5)
        kind_xmlid = "odoo_mentorship.kind_teacher"
        lean_env = env(context=dict(env.context, default_programme_id=programme.id))
        lean_time, lean_ids, _queries = self.rollback_after(
            lambda: self.import_csv(
                lean_env,
                "mentorship.mentee",
                ["partner_id", "kind_id/id", "birth_date", "consent_date"],
                [[row[0], kind_xmlid, row[3], row[4]] for row in mentee_rows[:few]],
                {"partner_id": True},
            )
        )

        def existing_persons():
            partners = env["res.partner"].create(
                [{"name": row[0]} for row in mentee_rows[:few]]
            )
            return self.import_csv(
                lean_env,
                "mentorship.mentee",
                ["partner_id/.id", "kind_id/id", "birth_date", "consent_date"],
                [
                    [str(partner.id), kind_xmlid, row[3], row[4]]
                    for partner, row in zip(partners, mentee_rows, strict=False)
                ],
                {},
            )

        known_time, known_ids, _queries = self.rollback_after(existing_persons)
        for label, seconds, count in (
            (
                (
                    'Person column with "create if it does not exist" (one lookup and '
                    "create per row)"
                ),
                lean_time,
                lean_ids,
            ),
            ("existing persons by id", known_time, known_ids),
        ):
            rate = count / seconds
            self.rows.append(
                [
                    (
                        f"  same, {few} rows, programme by default, kind by external "
                        f"id: {label}"
                    ),
                    f"{seconds:.1f} s, {rate:.0f} rows/s",
                    "",
                    f"{rate / partner_rate:.2f}× the rate",
                    "(diagnostic)",
                    "",
                ]
            )

    def import_csv(self, env, model, columns, rows, create_fields):
        """Import as the import dialog does: `execute_import` in batches of 2,000 rows.
        Return the seconds, the number of records imported and the number of queries."""
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(columns)
        writer.writerows(rows)
        importer = env["base_import.import"].create(
            {
                "res_model": model,
                "file": buffer.getvalue().encode(),
                "file_name": f"{model}.csv",
                "file_type": "text/csv",
            }
        )
        importer = importer.with_context(tracking_disable=True)
        imported, skip = 0, 0
        queries = self.env.cr.sql_log_count
        start = time.perf_counter()
        while True:
            options = {
                "has_headers": True,
                "advanced": True,
                "keep_matches": False,
                "encoding": "utf-8",
                "separator": ",",
                "quoting": '"',
                "date_format": "%Y-%m-%d",
                "datetime_format": "",
                "float_thousand_separator": ",",
                "float_decimal_separator": ".",
                "fallback_values": {},
                "import_skip_records": [],
                "import_set_empty_fields": [],
                "name_create_enabled_fields": dict(create_fields),
                "limit": IMPORT_BATCH,
                "skip": skip,
            }
            result = importer.execute_import(columns, columns, options)
            errors = [m for m in result.get("messages", []) if m.get("type") == "error"]
            if errors:
                raise SystemExit(f"import of {model} failed: {errors[0]['message']}")
            imported += len(result["ids"])
            if not result.get("nextrow"):
                break
            skip = result["nextrow"]
        self.env.flush_all()
        return (
            time.perf_counter() - start,
            imported,
            self.env.cr.sql_log_count - queries,
        )

    def bench_matching(self):
        programme = self.env["mentorship.programme"].search(
            [("name", "=", "Муниципальный подбор наставников")]
        )
        if not programme:
            self.notes.append(
                "No matching pool in the district: matching not measured."
            )
            return
        env = self.as_curator(programme.company_id)
        Wizard = env["mentorship.match.wizard"]

        def suggest():
            wizard = Wizard.create({"programme_id": programme.id, "mode": "pool"})
            wizard.action_suggest()
            self.env.flush_all()
            return wizard

        mentees = len(
            env["mentorship.matching"]._waiting_mentees(programme.with_env(env))
        )
        mentors = programme.with_env(env).mentor_ids
        places = sum(mentors.mapped("capacity")) - sum(
            mentors.mapped("active_mentee_count")
        )
        self.rollback_after(suggest)  # warm-up
        seconds, queries, matched = self.measure(
            lambda: self.rollback_after(lambda: len(suggest().line_ids)), runs=3
        )
        self.figures["matching"] = seconds

        def traced():
            tracemalloc.start()
            try:
                suggest()
                return tracemalloc.get_traced_memory()[1]
            finally:
                tracemalloc.stop()

        self.env.invalidate_all()
        peak = self.rollback_after(traced)
        # the engine alone: scoring, then the assignment
        problem_env = programme.with_env(env)
        start = time.perf_counter()
        problem = env["mentorship.matching"]._build_problem(
            problem_env,
            env["mentorship.matching"]._waiting_mentees(problem_env),
            problem_env.mentor_ids,
        )
        scoring = time.perf_counter() - start
        start = time.perf_counter()
        problem.assign()
        assignment = time.perf_counter() - start
        self.rows.append(
            [
                (
                    f"Matching wizard, {mentees} mentees × {len(mentors)} mentors "
                    f"(capacity 3, {places} places)"
                ),
                (
                    f"{seconds:.2f} s, peak {peak / 2**20:.0f} MiB, {queries} queries, "
                    f"{matched} pairs suggested (scoring {scoring:.2f} s, assignment "
                    f"{assignment:.2f} s)"
                ),
                "",
                "",
                f"< {MATCHING_TARGET:.0f} s",
                "met" if seconds < MATCHING_TARGET else "missed",
            ]
        )

    # ------------------------------------------------------------
    # REPORT
    # ------------------------------------------------------------

    def machine(self):
        with open("/proc/meminfo") as meminfo:
            ram = (
                int(
                    next(
                        line for line in meminfo if line.startswith("MemTotal")
                    ).split()[1]
                )
                / 2**20
            )
        cpu = platform.processor()
        try:
            with open("/proc/cpuinfo") as cpuinfo:
                cpu = (
                    next(line for line in cpuinfo if line.startswith("model name"))
                    .split(":", 1)[1]
                    .strip()
                )
        except (OSError, StopIteration):
            pass
        self.env.cr.execute("SHOW server_version")
        postgres = self.env.cr.fetchone()[0]
        from odoo import release

        return (
            f"nproc {os.cpu_count()}, RAM {ram:.0f} GiB, CPU {cpu}; PostgreSQL "
            f"{postgres}; Python {platform.python_version()}; Odoo {release.version}"
        )

    def sizes(self):
        env = self.env
        return {
            "schools": len(self.companies),
            "base": env["mentorship.mentee"].search_count([])
            + env["mentorship.mentor"].search_count([]),
            "pairs": env["mentorship.pair"].search_count([]),
            "meetings": env["mentorship.meeting"].search_count([]),
            "employees": env["hr.employee"].search_count([]),
        }

    def data(self):
        env = self.env
        counts = [
            (len(self.companies), "schools"),
            (
                env["mentorship.mentee"].search_count([])
                + env["mentorship.mentor"].search_count([]),
                "base records",
            ),
            (env["mentorship.pair"].search_count([]), "pairs"),
            (env["mentorship.meeting"].search_count([]), "meetings"),
            (env["hr.employee.experience"].search_count([]), "work record lines"),
        ]
        if "project.task" in env:
            counts.append((env["project.task"].search_count([]), "tasks"))
        return ", ".join(f"{count} {label}" for count, label in counts)

    # ------------------------------------------------------------
    # PLANNER STATISTICS
    # ------------------------------------------------------------

    def analysed_tables(self):
        """The mentorship tables that have planner statistics."""
        self.env.cr.execute(
            "SELECT relname FROM pg_stat_user_tables WHERE relname LIKE"
            " 'mentorship\\_%' AND (last_analyze IS NOT NULL OR last_autoanalyze IS"
            " NOT NULL)"
        )
        return [row[0] for row in self.env.cr.fetchall()]

    def analyze(self):
        """ANALYZE the database and give its tables back to autovacuum (the
        generator holds it until the benchmark); committed, as autovacuum's
        would be."""
        cr = self.env.cr
        cr.rollback()
        cr.execute(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid ="
            " c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r' AND"
            " c.reloptions IS NOT NULL"
        )
        for (table,) in cr.fetchall():
            cr.execute(
                f'ALTER TABLE "{table}" RESET (autovacuum_enabled,'
                " toast.autovacuum_enabled)"
            )
        start = time.perf_counter()
        cr.execute("ANALYZE")
        cr.commit()
        return time.perf_counter() - start

    def run(self):
        self.started = time.perf_counter()
        measures = self.args.only or ("kanban", "kpi", "hr", "import", "matching")
        planner_measures = [m for m in measures if m in ("kanban", "kpi")]
        analysed = self.analysed_tables()
        if planner_measures and not analysed:
            # a school's data just imported, before autovacuum analysed it: the
            # plans must hold without statistics as well as with them
            self.statistics = (
                "Kanban and KPI measured twice: first on the tables as generated, "
                "never analysed (no planner statistics), then after `ANALYZE` "
                "({seconds:.0f} s)."
            )
            self.phase, self.phase_key = " — never analysed", "_never_analysed"
            for measure in planner_measures:
                getattr(self, f"bench_{measure}")()
            self.statistics = self.statistics.format(seconds=self.analyze())
            self.phase, self.phase_key = " — analysed", ""
        else:
            self.statistics = (
                f"The tables had planner statistics ({len(analysed)} mentorship "
                "tables analysed): measured once."
                if analysed
                else ""
            )
        for measure in measures:
            getattr(self, f"bench_{measure}")()
        self.print_table()

    def print_table(self):
        print()
        print(f"Machine: {self.machine()}")
        print(f"Data: {self.data()}")
        print(
            f"Kanban: median of {self.args.runs} runs on a cold record cache, as "
            "`bench_curator`."
        )
        if self.statistics:
            print(f"Planner statistics: {self.statistics}")
        print()
        header = ["Measure", "Ours", "Reference", "Ratio", "Target", "Result"]
        print("| " + " | ".join(header) + " |")
        print("|" + "|".join("---" for _h in header) + "|")
        for row in self.rows:
            print("| " + " | ".join(row) + " |")
        for note in self.notes:
            print(f"\nNote: {note}")
        print(f"\nBenchmark ran in {time.perf_counter() - self.started:.0f} s.")
        if self.args.json:
            with open(self.args.json, "w") as output:
                json.dump({"sizes": self.sizes(), "seconds": self.figures}, output)


def main(env, args):
    try:
        Bench(env, args).run()
    finally:
        env.cr.rollback()


if __name__ == "__main__":
    odoo_runner.run(__doc__.split("\n\n")[0], add_arguments, main)
