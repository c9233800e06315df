"""The mix of `make load` (tools/load.sh): a school district at work, driven by locust
against Odoo in multi-worker mode on 127.0.0.1.

Each simulated user logs in through /web/login (with its CSRF token) as one of the
users tools/load/prepare.py made, then calls what the web client calls: JSON-RPC to
/web/dataset/call_kw/<model>/<method> with the field specifications of the real
views (read from the plan, LOAD_PLAN), or the portal's pages and forms.

Every user action (opening the pair kanban, logging a meeting, ...) is reported as a
request of type "action" named after it, timed from its first call to its last; the
calls themselves are reported too (type POST/GET). A call fails when the HTTP status
is not the expected one, when JSON-RPC answers an `error` (an access error, a
validation error, a serialization failure that reached the user), or when a portal
page sends the user back to the login page; the action then fails as well.

Ours: curators (pair kanban, pair form, meeting logged from the form, stage moved),
mentors (meeting logged), pupils on the portal (/my/mentorship, their pair, feedback
on a meeting), the coordinator (the indicators' pivot). Reference, Odoo's own on the
same run: project users (task kanban, task form, stage moved) and portal users
(/my/tasks, a task).
"""

import itertools
import json
import os
import random
import re
import time
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone

from locust import HttpUser, between, events, task

with open(os.environ["LOAD_PLAN"], encoding="utf-8") as plan_file:
    PLAN = json.load(plan_file)
PASSWORD = PLAN["password"]
VIEWS = PLAN["views"]
KANBAN_LIMIT = 40
COUNT_LIMIT = 10001
CSRF = re.compile(r'name="csrf_token"\s+value="([^"]+)"')
_counters = {}


def next_of(pool):
    """The members of a pool of the plan, in turn, across the simulated users."""
    members = PLAN[pool]
    if isinstance(members, dict):
        return members
    counter = _counters.setdefault(pool, itertools.count())
    return members[next(counter) % len(members)]


class ActionFailed(Exception):
    pass


class OdooUser(HttpUser):
    abstract = True
    # a person reads the page, or types a meeting's notes, before the next click
    wait_time = between(10, 30)
    pool = None

    def on_start(self):
        self.me = next_of(self.pool)
        self.rpc_id = itertools.count(1)
        self.odoo_context = {"lang": PLAN["lang"], "tz": "Europe/Moscow"}
        self.login()

    # ------------------------------------------------------------
    # TOOLS
    # ------------------------------------------------------------

    def login(self):
        page = self.client.get("/web/login", name="/web/login")
        token = CSRF.search(page.text)
        if not token:
            raise ActionFailed("no CSRF token on /web/login")
        with self.client.post(
            "/web/login",
            data={
                "login": self.me["login"],
                "password": PASSWORD,
                "csrf_token": token.group(1),
                "redirect": "",
            },
            name="/web/login",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 303:
                response.failure(f"login of {self.me['login']} refused")
                raise ActionFailed(f"login of {self.me['login']} refused")

    @contextmanager
    def action(self, name):
        """Report the calls of the block as one user action."""
        start = time.perf_counter()
        exception = None
        try:
            yield
        except ActionFailed as error:
            exception = error
        events.request.fire(
            request_type="action",
            name=name,
            response_time=(time.perf_counter() - start) * 1000,
            response_length=0,
            exception=exception,
            context={},
        )

    def call(self, model, method, *args, **kwargs):
        context = dict(self.odoo_context, **kwargs.pop("context", {}))
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "id": next(self.rpc_id),
            "params": {
                "model": model,
                "method": method,
                "args": list(args),
                "kwargs": dict(kwargs, context=context),
            },
        }
        with self.client.post(
            f"/web/dataset/call_kw/{model}/{method}",
            json=payload,
            name=f"{model}.{method}",
            catch_response=True,
        ) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
                raise ActionFailed(f"{model}.{method}: HTTP {response.status_code}")
            try:
                data = response.json()
            except ValueError:
                response.failure("not JSON")
                raise ActionFailed(f"{model}.{method}: not JSON") from None
            if "error" in data:
                error = data["error"].get("data", {})
                message = (
                    f"{error.get('name', 'error')}: "
                    f"{(error.get('message') or data['error'].get('message'))[:200]}"
                )
                response.failure(message)
                raise ActionFailed(f"{model}.{method}: {message}")
            return data["result"]

    def page(self, url, name):
        with self.client.get(url, name=name, catch_response=True) as response:
            if response.status_code != 200 or "/web/login" in response.url:
                response.failure(f"HTTP {response.status_code} at {response.url}")
                raise ActionFailed(f"{name}: HTTP {response.status_code}")
            return response.text

    def kanban(self, view, company_ids):
        """The first page of a grouped kanban, as tools/bench/bench.py loads it."""
        context = {"allowed_company_ids": company_ids, "bin_size": True}
        result = self.call(
            view["model"],
            "web_read_group",
            [],
            view["aggregates"],
            [view["group_by"]],
            limit=80,
            lazy=True,
            context=context,
        )
        if view["progressbar"]:
            self.call(
                view["model"],
                "read_progress_bar",
                [],
                view["group_by"],
                view["progressbar"],
                context=context,
            )
        for group in result["groups"]:
            if group.get("__fold") or not group.get(f"{view['group_by']}_count"):
                continue
            self.call(
                view["model"],
                "web_search_read",
                group["__domain"],
                view["spec"],
                offset=0,
                limit=KANBAN_LIMIT,
                order=view["order"],
                count_limit=COUNT_LIMIT,
                context=context,
            )

    def form(self, model, spec, record_id, company_ids):
        return self.call(
            model,
            "web_read",
            [record_id],
            spec,
            context={"allowed_company_ids": company_ids, "bin_size": True},
        )[0]

    def move_stage(self, model, record_id, stages, company_ids, kanban_spec):
        """Drag a card to the other of two stages (read its stage, write the other)."""
        context = {"allowed_company_ids": company_ids}
        current = self.call(
            model, "web_read", [record_id], {"stage_id": {}}, context=context
        )[0]["stage_id"]
        target = stages[1] if current == stages[0] else stages[0]
        self.call(
            model,
            "web_save",
            [record_id],
            {"stage_id": target},
            specification=kanban_spec,
            context=context,
        )

    def log_meeting(self, pair_id, company_ids, spec):
        """A new meeting from the pair: the form's onchange, then its save."""
        context = {"allowed_company_ids": company_ids, "default_pair_id": pair_id}
        new = self.call(
            "mentorship.meeting", "onchange", [], {}, [], spec, context=context
        )["value"]
        mentees = self.call(
            "mentorship.pair",
            "web_read",
            [pair_id],
            {"mentee_ids": {}},
            context=context,
        )[0]["mentee_ids"]
        when = datetime.now(timezone.utc) - timedelta(minutes=random.randint(30, 600))
        self.call(
            "mentorship.meeting",
            "web_save",
            [],
            {
                "pair_id": pair_id,
                "meeting_type": "work",
                "meeting_format": new.get("meeting_format") or "in_person",
                "date_start": when.strftime("%Y-%m-%d %H:%M:%S"),
                "agenda": "Разбор урока и план на неделю",
                "outcome": "Обсудили урок, наметили задачи",
                "attendee_ids": [[6, 0, mentees]],
            },
            specification=spec,
            context=context,
        )


# ------------------------------------------------------------
# OURS
# ------------------------------------------------------------


class Curator(OdooUser):
    weight = 3
    pool = "curators"

    @task(5)
    def pair_kanban(self):
        with self.action("pair kanban"):
            self.kanban(VIEWS["pair_kanban"], [self.me["company_id"]])

    @task(3)
    def pair_form(self):
        with self.action("pair form"):
            self.form(
                "mentorship.pair",
                VIEWS["pair_form"],
                random.choice(self.me["form_pairs"]),
                [self.me["company_id"]],
            )

    @task(1)
    def log_meeting_curator(self):
        with self.action("meeting logged (curator)"):
            self.log_meeting(
                random.choice(self.me["meeting_pairs"]),
                [self.me["company_id"]],
                VIEWS["meeting_form"],
            )

    @task(1)
    def pair_stage(self):
        with self.action("pair stage move"):
            self.move_stage(
                "mentorship.pair",
                random.choice(self.me["stage_pairs"]),
                self.me["stages"],
                [self.me["company_id"]],
                VIEWS["pair_kanban"]["spec"],
            )


class Mentor(OdooUser):
    weight = 2
    pool = "mentors"

    @task
    def log_meeting_mentor(self):
        pair_id = random.choice(self.me["pairs"])
        with self.action("meeting logged (mentor)"):
            self.form(
                "mentorship.pair",
                VIEWS["pair_form_mentor"],
                pair_id,
                [self.me["company_id"]],
            )
            self.log_meeting(
                pair_id, [self.me["company_id"]], VIEWS["meeting_form_mentor"]
            )


class Pupil(OdooUser):
    weight = 4
    pool = "pupils"

    @task(4)
    def my_mentorship(self):
        with self.action("/my/mentorship"):
            self.page("/my/mentorship", "/my/mentorship")

    @task(3)
    def my_pair(self):
        with self.action("/my/mentorship pair page"):
            self.page(
                f"/my/mentorship/pairs/{self.me['pair_id']}",
                "/my/mentorship/pairs/[id]",
            )

    @task(1)
    def feedback(self):
        if not self.me["meetings"]:
            return
        meeting_id = random.choice(self.me["meetings"])
        with self.action("meeting feedback (portal)"):
            text = self.page(
                f"/my/mentorship/meetings/{meeting_id}",
                "/my/mentorship/meetings/[id]",
            )
            token = CSRF.search(text)
            if not token:
                raise ActionFailed("no CSRF token on the meeting page")
            with self.client.post(
                f"/my/mentorship/meetings/{meeting_id}/feedback",
                data={
                    "csrf_token": token.group(1),
                    "rating": random.choice(["3", "4", "5"]),
                    "comment": "Было полезно",
                },
                name="/my/mentorship/meetings/[id]/feedback",
                allow_redirects=False,
                catch_response=True,
            ) as response:
                if response.status_code != 303 or "feedback_saved" not in (
                    response.headers.get("Location") or ""
                ):
                    response.failure(f"HTTP {response.status_code}")
                    raise ActionFailed(f"feedback: HTTP {response.status_code}")


class Coordinator(OdooUser):
    weight = 1
    pool = "coordinator"

    @task
    def kpi_pivot(self):
        kpi = PLAN["kpi"]
        with self.action("KPI pivot"):
            for groupby in kpi["groupbys"]:
                self.call(
                    kpi["model"],
                    "read_group",
                    [],
                    kpi["measures"],
                    groupby,
                    lazy=False,
                    context={"allowed_company_ids": self.me["company_ids"]},
                )


# ------------------------------------------------------------
# REFERENCE: ODOO'S OWN PROJECT
# ------------------------------------------------------------


class ProjectUser(OdooUser):
    weight = 3
    abstract = not PLAN["project_users"]
    pool = "project_users"

    @task(5)
    def task_kanban(self):
        with self.action("task kanban (ref)"):
            self.kanban(VIEWS["task_kanban"], [self.me["company_id"]])

    @task(3)
    def task_form(self):
        with self.action("task form (ref)"):
            self.form(
                "project.task",
                VIEWS["task_form"],
                random.choice(self.me["form_tasks"]),
                [self.me["company_id"]],
            )

    @task(1)
    def task_stage(self):
        with self.action("task stage move (ref)"):
            self.move_stage(
                "project.task",
                random.choice(self.me["stage_tasks"]),
                self.me["stages"],
                [self.me["company_id"]],
                VIEWS["task_kanban"]["spec"],
            )


class PortalTaskUser(OdooUser):
    weight = 4
    abstract = not PLAN["portal_task_users"]
    pool = "portal_task_users"

    @task(4)
    def my_tasks(self):
        with self.action("/my/tasks (ref)"):
            self.page("/my/tasks", "/my/tasks")

    @task(3)
    def my_task(self):
        with self.action("/my/tasks task page (ref)"):
            self.page(f"/my/tasks/{self.me['task_id']}", "/my/tasks/[id]")
