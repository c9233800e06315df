"""Prepare a bench district for the load test (tools/load.sh): the users of the mix,
with a known password, and what the locustfile needs, written to a JSON file.

    python3 tools/load/prepare.py --out .local/load/plan.json -d DB
        --db_host=... --addons-path=...

Run inside Odoo like the bench scripts (tools/bench/odoo_runner.py), committed to
the database, and idempotent: users are found by login and updated, nothing is
created twice. For each school:

- a curator (`load_curator_<n>`), with the groups of the district's
  `bench_curator`, a curator of the school's programme;
- mentors: internal participant users linked to their mentor records (a mentor's
  user is the user of the mentor's contact, `user_id`), teachers of working pairs;
- pupils: portal users linked to the mentees of working pairs (the portal finds the
  pairs by the user's contact);
- for the reference, project users opening the school's task kanban and portal users
  following one task of the school's project, made visible on the portal (Odoo's
  `/my/tasks` shows the tasks a portal user follows in a portal project);

and one municipal coordinator for the district. The indicators of the year are
computed (the coordinator's pivot reads them), the addon's crons are made due, and the
tables are analysed (a district in use has been analysed by autovacuum).

The JSON holds the logins, the records each user works on, and the field
specifications the web client sends: the kanban views (tools/bench/bench.py's
Kanban, built from the real views' arch) and the form views (built here the same
way, with the fields of their inline lists).
"""

import ast
import json
import os
import sys
from datetime import datetime

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "bench"))

import odoo_runner  # noqa: E402
from bench import WIDGET_DEPENDENCIES, WIDGET_RELATED, Kanban  # noqa: E402
from lxml import etree  # noqa: E402

CONTEXT = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_notrack": True,
    "mail_create_nosubscribe": True,
    "no_reset_password": True,
}
SUBVIEW_LIMIT = 40  # the web client's page of an x2many list in a form


def add_arguments(parser):
    parser.add_argument("--out", required=True, help="the JSON file to write")
    parser.add_argument("--password", default="load-pass-2026")
    parser.add_argument(
        "--mentors", type=int, default=3, help="mentor users per school"
    )
    parser.add_argument("--pupils", type=int, default=10, help="pupil users per school")
    parser.add_argument(
        "--portal-task-users",
        type=int,
        default=10,
        help="portal users per school following a task (reference)",
    )


# ------------------------------------------------------------
# FIELD SPECIFICATIONS OF A FORM, AS THE WEB CLIENT SENDS THEM
# ------------------------------------------------------------


def _field_nodes(node):
    """The <field> nodes of this level of an arch, not those of inline subviews."""
    for child in node:
        if not isinstance(child.tag, str):
            continue
        if child.tag == "field":
            yield child
        elif child.tag not in ("list", "tree", "kanban", "form"):
            yield from _field_nodes(child)


def arch_spec(env, model, arch_node):
    fields = env[model]._fields
    spec = {}
    for node in _field_nodes(arch_node):
        name = node.get("name")
        field = fields.get(name)
        if field is None:
            continue
        widget = node.get("widget")
        entry = spec.setdefault(name, {})
        if field.type in ("many2one", "reference"):
            entry["fields"] = {"display_name": {}}
        elif field.type in ("one2many", "many2many"):
            subview = next(
                (child for child in node if child.tag in ("list", "tree", "kanban")),
                None,
            )
            if subview is not None:
                entry["fields"] = arch_spec(env, field.comodel_name, subview)
                entry["limit"] = SUBVIEW_LIMIT
                if subview.get("default_order"):
                    entry["order"] = subview.get("default_order")
            else:
                related = {
                    related_name: {}
                    for related_name in WIDGET_RELATED.get(widget, ["display_name"])
                }
                color = ast.literal_eval(node.get("options") or "{}").get("color_field")
                if color:
                    related[color] = {}
                entry["fields"] = related
        for dependency in WIDGET_DEPENDENCIES.get(widget, []):
            spec.setdefault(dependency, {})
    spec.setdefault("display_name", {})
    return spec


def form_spec(env, view_xmlid):
    view = env.ref(view_xmlid).sudo()
    arch = env[view.model].get_views([(view.id, "form")])["views"]["form"]["arch"]
    return arch_spec(env, view.model, etree.fromstring(arch))


def kanban_plan(env, view_xmlid):
    kanban = Kanban(env, view_xmlid)
    return {
        "model": kanban.model,
        "group_by": kanban.group_by,
        "order": kanban.order,
        "spec": kanban.spec,
        "aggregates": kanban.aggregates,
        "progressbar": kanban.progressbar,
    }


# ------------------------------------------------------------
# USERS
# ------------------------------------------------------------


class Preparation:
    def __init__(self, env, args):
        self.env = env(context=dict(env.context, **CONTEXT))
        self.args = args
        self.ref = self.env.ref
        self.Users = self.env["res.users"].with_context(active_test=False)
        self.hashed_password = None

    def user(self, login, vals):
        """The user of `login`, created or updated, with the known password."""
        user = self.Users.search([("login", "=", login)])
        vals = dict(vals, active=True)
        if user:
            user.write({k: v for k, v in vals.items() if k != "partner_id"})
        else:
            user = self.Users.create(dict(vals, login=login))
        # the known password, hashed once for every user (Odoo hashes each with
        # hundreds of thousands of rounds: minutes for a district's users)
        if self.hashed_password is None:
            self.hashed_password = self.Users._crypt_context().hash(self.args.password)
        self.Users._set_encrypted_password(user.id, self.hashed_password)
        return user

    def run(self):
        bench_curator = self.Users.search([("login", "=", "bench_curator")])
        if not bench_curator:
            raise SystemExit(
                "no bench_curator: not a bench district "
                "(tools/bench/generate_district.py)"
            )
        schools = self.env["res.company"].browse(bench_curator.company_ids.ids)
        schools = schools.sorted("id")
        plan = {
            "password": self.args.password,
            "lang": bench_curator.lang or "en_US",
            "curators": [],
            "mentors": [],
            "pupils": [],
            "project_users": [],
            "portal_task_users": [],
        }
        Pair = self.env["mentorship.pair"]
        work = self.ref("odoo_mentorship.pair_stage_work")
        planning = self.ref("odoo_mentorship.pair_stage_planning")
        participant = self.ref("odoo_mentorship.group_mentorship_participant")
        portal = self.ref("base.group_portal")
        user_group = self.ref("base.group_user")
        has_project = "project.task" in self.env
        for n, school in enumerate(schools, start=1):
            company_vals = {
                "company_id": school.id,
                "company_ids": [(6, 0, school.ids)],
            }
            curator = self.user(
                f"load_curator_{n}",
                {
                    "name": f"Куратор нагрузки {n}",
                    "groups_id": [(6, 0, bench_curator.groups_id.ids)],
                    **company_vals,
                },
            )
            programmes = self.env["mentorship.programme"].search(
                [("company_id", "=", school.id)]
            )
            programmes.write({"curator_ids": [(4, curator.id)]})
            working = Pair.search(
                [("company_id", "=", school.id), ("stage_id", "=", work.id)],
                order="id",
            )
            if not working:
                continue
            # the curator moves a third of the working pairs between planning and
            # joint work (joint work needs a plan line) and logs meetings in the others
            movers = working[: max(1, len(working) // 3)]
            for pair in movers.filtered(lambda p: not p.plan_line_ids):
                self.env["mentorship.plan.line"].create(
                    {"pair_id": pair.id, "goal": "Цель нагрузочного теста"}
                )
            loggers = working - movers or working
            plan["curators"].append(
                {
                    "login": curator.login,
                    "company_id": school.id,
                    "form_pairs": working.ids,
                    "meeting_pairs": loggers.ids,
                    "stage_pairs": movers.ids,
                    "stages": [planning.id, work.id],
                }
            )
            # mentors: the teachers of the working pairs the curator does not move
            mentors = loggers.mentor_id.filtered(lambda m: m.employee_id)
            for mentor in mentors[: self.args.mentors]:
                # the login names the record: the same person on every run
                user = self.user(
                    f"load_mentor_{mentor.id}",
                    {
                        "name": mentor.partner_id.name,
                        "partner_id": mentor.partner_id.id,
                        "groups_id": [(6, 0, [participant.id])],
                        **company_vals,
                    },
                )
                mentor.invalidate_recordset(["user_id"])
                if mentor.user_id != user:
                    raise SystemExit(f"{user.login} is not the user of {mentor.name}")
                plan["mentors"].append(
                    {
                        "login": user.login,
                        "company_id": school.id,
                        "pairs": (loggers & mentor.pair_ids).ids,
                    }
                )
            # pupils: the mentees of the working pairs, on the portal
            pupils = loggers.mentee_ids.filtered(
                lambda m: m.kind_id == self.ref("odoo_mentorship.kind_pupil")
            )
            for mentee in pupils[: self.args.pupils]:
                user = self.user(
                    f"load_pupil_{mentee.id}",
                    {
                        "name": mentee.partner_id.name,
                        "partner_id": mentee.partner_id.id,
                        "groups_id": [(6, 0, [portal.id])],
                        **company_vals,
                    },
                )
                pair = (loggers & mentee.pair_ids)[:1]
                past = pair.meeting_ids.filtered(
                    lambda m: m.date_start < datetime.now()
                ).sorted("date_start", reverse=True)
                plan["pupils"].append(
                    {
                        "login": user.login,
                        "pair_id": pair.id,
                        "meetings": past[:5].ids,
                    }
                )
            if has_project:
                self.prepare_project(plan, n, school, company_vals, user_group, portal)
        coordinator = self.user(
            "load_coordinator",
            {
                "name": "Координатор нагрузки",
                "groups_id": [
                    (
                        6,
                        0,
                        [
                            user_group.id,
                            self.ref("odoo_mentorship.group_mentorship_coordinator").id,
                        ],
                    )
                ],
                "company_id": schools[0].id,
                "company_ids": [(6, 0, schools.ids)],
            },
        )
        plan["coordinator"] = {
            "login": coordinator.login,
            "company_ids": schools.ids,
        }
        self.prepare_kpi(plan, schools)
        self.prepare_views(plan, has_project)
        self.make_crons_due()
        self.env.flush_all()
        self.env.cr.execute("ANALYZE")
        with open(self.args.out, "w", encoding="utf-8") as out:
            json.dump(plan, out, ensure_ascii=False, indent=1)
        print(
            f"prepared {len(plan['curators'])} curators, {len(plan['mentors'])} "
            f"mentors, {len(plan['pupils'])} pupils, {len(plan['project_users'])} "
            f"project users, {len(plan['portal_task_users'])} portal task users, "
            f"1 coordinator: {self.args.out}"
        )

    def prepare_project(self, plan, n, school, company_vals, user_group, portal):
        project = self.env["project.project"].search(
            [("company_id", "=", school.id)], limit=1
        )
        if not project:
            return
        # Odoo's /my/tasks: a portal project, and tasks the portal user follows
        if project.privacy_visibility != "portal":
            project.privacy_visibility = "portal"
        stages = project.type_ids.sorted("sequence")
        open_stages = stages.filtered(lambda s: not s.fold)
        tasks = self.env["project.task"].search(
            [("project_id", "=", project.id), ("stage_id", "in", open_stages.ids)],
            order="id",
        )
        user = self.user(
            f"load_project_{n}",
            {
                "name": f"Проектный пользователь {n}",
                "groups_id": [
                    (6, 0, [user_group.id, self.ref("project.group_project_user").id])
                ],
                **company_vals,
            },
        )
        movers = tasks[: max(1, len(tasks) // 3)]
        plan["project_users"].append(
            {
                "login": user.login,
                "company_id": school.id,
                "form_tasks": tasks.ids,
                "stage_tasks": movers.ids,
                "stages": open_stages[-3:-1].ids or open_stages[:2].ids,
            }
        )
        followed = tasks - movers or tasks
        for k, task in enumerate(followed[: self.args.portal_task_users], start=1):
            portal_user = self.user(
                f"load_portal_task_{n}_{k}",
                {
                    "name": f"Участник проекта {n}.{k}",
                    "groups_id": [(6, 0, [portal.id])],
                    **company_vals,
                },
            )
            partner = portal_user.partner_id
            if partner not in project.message_partner_ids:
                project.message_subscribe(partner_ids=partner.ids)
            if partner not in task.message_partner_ids:
                task.message_subscribe(partner_ids=partner.ids)
            plan["portal_task_users"].append(
                {
                    "login": portal_user.login,
                    "project_id": project.id,
                    "task_id": task.id,
                }
            )

    def prepare_kpi(self, plan, schools):
        year = datetime.now().year
        Value = self.env["mentorship.kpi.value"]
        Value._compute_values(schools, year)
        view = self.ref("odoo_mentorship.mentorship_kpi_value_view_pivot")
        arch = etree.fromstring(
            Value.get_views([(view.id, "pivot")])["views"]["pivot"]["arch"]
        )
        fields = Value._fields
        measures = ["__count"] + [
            f"{node.get('name')}:{fields[node.get('name')]._description_aggregator(self.env)}"
            for node in arch.iter("field")
            if node.get("type") == "measure"
        ]
        rows = [
            node.get("name") for node in arch.iter("field") if node.get("type") == "row"
        ]
        cols = [
            node.get("name") for node in arch.iter("field") if node.get("type") == "col"
        ]
        plan["kpi"] = {
            "model": Value._name,
            "measures": measures,
            # the pivot's first load: the total, the rows, the columns, the cells
            "groupbys": [[], rows, cols, rows + cols],
        }

    def prepare_views(self, plan, has_project):
        """The views as each role's web client gets them: fields of groups the user
        is not in are not in the arch, so not in the specification."""

        def as_login(login):
            user = self.Users.search([("login", "=", login)], limit=1)
            return self.env(user=user, context=dict(self.env.context, uid=user.id))

        curator = as_login(plan["curators"][0]["login"])
        mentor = as_login(plan["mentors"][0]["login"]) if plan["mentors"] else curator
        plan["views"] = {
            "pair_kanban": kanban_plan(
                curator, "odoo_mentorship.mentorship_pair_view_kanban"
            ),
            "pair_form": form_spec(
                curator, "odoo_mentorship.mentorship_pair_view_form"
            ),
            "meeting_form": form_spec(
                curator, "odoo_mentorship.mentorship_meeting_view_form"
            ),
            "pair_form_mentor": form_spec(
                mentor, "odoo_mentorship.mentorship_pair_view_form"
            ),
            "meeting_form_mentor": form_spec(
                mentor, "odoo_mentorship.mentorship_meeting_view_form"
            ),
        }
        if has_project and plan["project_users"]:
            project_user = as_login(plan["project_users"][0]["login"])
            plan["views"]["task_kanban"] = kanban_plan(
                project_user, "project.view_task_kanban"
            )
            plan["views"]["task_form"] = form_spec(
                project_user, "project.view_task_form2"
            )

    def make_crons_due(self):
        """The addon's daily jobs run during the load (the worker's cron thread)."""
        crons = self.env["ir.cron"].search([("active", "=", True)])
        ours = crons.filtered(
            lambda cron: cron.get_external_id()
            .get(cron.id, "")
            .startswith("odoo_mentorship.")
        )
        ours.write({"nextcall": datetime.now()})
        print(f"{len(ours)} crons of odoo_mentorship made due")


def main(env, args):
    Preparation(env, args).run()


if __name__ == "__main__":
    odoo_runner.run(__doc__.splitlines()[0], add_arguments, main)
