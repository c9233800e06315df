import json
import re
from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged
from odoo.tools import file_open
from odoo.tools.safe_eval import safe_eval
from odoo.tools.translate import extract_spreadsheet_terms

from odoo.addons.odoo_mentorship.tests.common import MentorshipCase

SCHOOL = "odoo_mentorship_reports.spreadsheet_dashboard_school"
DISTRICT = "odoo_mentorship_reports.spreadsheet_dashboard_district"


@tagged("post_install", "-at_install")
class TestDashboards(MentorshipCase):
    """The director's and the coordinator's dashboards, opened as the web client opens
    them, every figure's data read as the user who reads the dashboard."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # two schools of their own, so that demo data do not count
        cls.school_a, cls.school_b = cls.env["res.company"].create(
            [{"name": "Школа А"}, {"name": "Школа Б"}]
        )
        group = "base.group_user,odoo_mentorship.group_mentorship_%s"
        cls.director = new_test_user(
            cls.env,
            "dash_director",
            groups=group % "manager",
            company_id=cls.school_a.id,
            company_ids=[Command.set(cls.school_a.ids)],
        )
        cls.school_curator = new_test_user(
            cls.env,
            "dash_curator",
            groups=group % "curator",
            company_id=cls.school_a.id,
            company_ids=[Command.set(cls.school_a.ids)],
        )
        cls.district_coordinator = new_test_user(
            cls.env,
            "dash_coordinator",
            groups=group % "coordinator",
            company_id=cls.school_a.id,
            company_ids=[Command.set((cls.school_a | cls.school_b).ids)],
        )
        cls.participant = new_test_user(
            cls.env, "dash_participant", groups=group % "participant"
        )
        programme_a = cls._make_programme(cls.school_a, cls.school_curator)
        curator_b = new_test_user(
            cls.env,
            "dash_curator_b",
            groups=group % "curator",
            company_id=cls.school_b.id,
            company_ids=[Command.set(cls.school_b.ids)],
        )
        programme_b = cls._make_programme(cls.school_b, curator_b)
        (cls.school_a | cls.school_b).mentorship_nudge_days = 14
        (cls.school_a | cls.school_b).mentorship_pairs_need_order = False

        def person(name):
            return cls.env["res.partner"].create({"name": name})

        # school A: a pair that has not met for three weeks, one that met yesterday,
        # a mentee without a consent, an overdue roadmap item and one still in time
        cls.behind = cls._make_pair(
            cls._make_mentor(person("Анна Наставник"), programme_a),
            cls._make_mentee(person("Вера"), programme_a),
        )
        cls.in_rhythm = cls._make_pair(
            cls._make_mentor(person("Борис Наставник"), programme_a),
            cls._make_mentee(person("Глеб"), programme_a),
        )
        cls._make_mentee(
            person("Без Согласия"),
            programme_a,
            consent_date=False,
            consent_given_by_id=False,
        )
        # an anonymised person (the consent withdrawn) is no gap to close
        cls._make_mentee(
            person("Обезличенный"),
            programme_a,
            consent_date=False,
            consent_given_by_id=False,
        ).is_anonymized = True
        roadmap = cls.env["mentorship.roadmap"].create(
            {
                "name": "Дорожная карта",
                "programme_id": programme_a.id,
                "company_id": cls.school_a.id,
            }
        )
        stage = cls.env["mentorship.roadmap.stage"].create(
            {"name": "Подготовка", "roadmap_id": roadmap.id}
        )
        cls.overdue = cls.env["mentorship.roadmap.activity"].create(
            [
                {
                    "name": "Издать приказ",
                    "roadmap_id": roadmap.id,
                    "stage_id": stage.id,
                    "deadline": cls.today - timedelta(days=5),
                },
                {
                    "name": "Провести мониторинг",
                    "roadmap_id": roadmap.id,
                    "stage_id": stage.id,
                    "deadline": cls.today + timedelta(days=5),
                },
            ]
        )[0]
        # school B: a pair behind its rhythm, a mentor without a consent
        cls.behind_b = cls._make_pair(
            cls._make_mentor(person("Ольга Вторая"), programme_b),
            cls._make_mentee(person("Ира Вторая"), programme_b),
        )
        cls._make_mentor(
            person("Пётр Без Согласия"),
            programme_b,
            consent_date=False,
            consent_given_by_id=False,
        )
        cls.env["mentorship.kpi.value"]._compute_values(
            cls.school_a | cls.school_b, cls.today.year
        )
        cls.group = cls.env.ref(
            "odoo_mentorship_reports.spreadsheet_dashboard_group_mentorship"
        )

    def setUp(self):
        super().setUp()
        # meetings move the pairs to «in progress»; their dates set the rhythm
        self._log_meeting(self.behind, "intro", days_ago=21)
        self._log_meeting(self.in_rhythm, "intro", days_ago=1)
        self._log_meeting(self.behind_b, "intro", days_ago=30)
        self.assertEqual(
            (self.behind | self.in_rhythm | self.behind_b).mapped("state"),
            ["working"] * 3,
        )

    # ------------------------------------------------------------
    # TOOLS
    # ------------------------------------------------------------

    def _visible_dashboards(self, user):
        """What the Dashboards app lists for the user (the loader's query)."""
        groups = (
            self.env["spreadsheet.dashboard.group"]
            .with_user(user)
            .web_search_read(
                [("published_dashboard_ids", "!=", False)],
                {"name": {}, "published_dashboard_ids": {"fields": {"name": {}}}},
            )["records"]
        )
        ids = [
            dashboard["id"]
            for group in groups
            for dashboard in group["published_dashboard_ids"]
        ]
        return self.env["spreadsheet.dashboard"].browse(ids)

    def _open(self, xmlid, user):
        """The snapshot the web client gets, read as the user."""
        dashboard = self.env.ref(xmlid).with_user(user)
        return dashboard.get_readonly_dashboard()["snapshot"]

    def _domain(self, domain, user):
        """The spreadsheet's domain as the web client evaluates it (with today)."""
        if isinstance(domain, str):
            return safe_eval(
                domain,
                {
                    "context_today": lambda: fields.Date.context_today(
                        self.env(user=user).user
                    )
                },
            )
        return domain

    def _figures(self, snapshot, user, companies=None):
        """Every data source of the dashboard read as the user, with the calls the web
        client makes (read_group for pivots and charts, web_search_read for lists):
        {source name: {group key: count or measures}}."""
        figures = {}
        env = self.env(
            user=user,
            context=dict(
                self.env.context,
                allowed_company_ids=(companies or user.company_ids).ids,
            ),
        )
        for pivot in snapshot["pivots"].values():
            Model = env[pivot["model"]]
            measures = [measure["fieldName"] for measure in pivot["measures"]]
            groupby = [dim["fieldName"] for dim in pivot["rows"] + pivot["columns"]]
            domain = self._domain(pivot["domain"], user)
            groups = Model.read_group(domain, measures, groupby, lazy=False)
            total = Model.read_group(domain, measures, [], lazy=False)
            figures[pivot["name"]] = {
                "total": total[0]["__count"],
                **{
                    tuple(self._key(group[name]) for name in groupby): {
                        measure: group[measure] for measure in measures
                    }
                    for group in groups
                },
            }
        for sheet in snapshot["sheets"]:
            for figure in sheet["figures"]:
                chart = figure["data"]
                Model = env[chart["metaData"]["resModel"]]
                groupby = chart["metaData"]["groupBy"]
                groups = Model.web_read_group(
                    self._domain(chart["searchParams"]["domain"], user),
                    ["__count"],
                    groupby,
                    lazy=False,
                )["groups"]
                figures[figure["id"]] = {
                    tuple(self._key(group[name]) for name in groupby): group["__count"]
                    for group in groups
                }
        for list_def in snapshot["lists"].values():
            Model = env[list_def["model"]]
            order = ", ".join(
                f"{o['name']} {'ASC' if o['asc'] else 'DESC'}"
                for o in list_def["orderBy"]
            )
            records = Model.web_search_read(
                self._domain(list_def["domain"], user),
                {name: {} for name in list_def["columns"]},
                order=order,
            )["records"]
            figures[f"list: {list_def['name']}"] = [record["id"] for record in records]
        return figures

    @staticmethod
    def _key(value):
        return value[0] if isinstance(value, tuple) else value

    def _chart(self, snapshot, model, groupby):
        return next(
            figure["id"]
            for figure in snapshot["sheets"][0]["figures"]
            if figure["data"]["metaData"]["resModel"] == model
            and figure["data"]["metaData"]["groupBy"] == groupby
        )

    # ------------------------------------------------------------
    # TESTS
    # ------------------------------------------------------------

    def test_director_reads_the_school_dashboard(self):
        self.assertEqual(
            self._visible_dashboards(self.director).filtered(
                lambda d: d.dashboard_group_id == self.group
            ),
            self.env.ref(SCHOOL),
        )
        snapshot = self._open(SCHOOL, self.director)
        figures = self._figures(snapshot, self.director)
        # the tiles: school 1 only
        self.assertEqual(figures["Pairs in progress"]["total"], 2)
        self.assertEqual(figures["Pairs behind their rhythm"]["total"], 1)
        self.assertEqual(
            figures["Mentees without consent"]["total"], 1, "not the anonymised one"
        )
        self.assertEqual(figures["Mentors without consent"]["total"], 0)
        self.assertEqual(figures["Overdue roadmap items"]["total"], 1)
        # the lists under them name the records a click opens
        pairs_list = next(
            lst
            for lst in snapshot["lists"].values()
            if lst["model"] == "mentorship.pair"
        )
        self.assertEqual(pairs_list["domain"], [["is_behind_rhythm", "=", True]])
        self.assertEqual(figures[f"list: {pairs_list['name']}"], self.behind.ids)
        activities_list = next(
            lst
            for lst in snapshot["lists"].values()
            if lst["model"] == "mentorship.roadmap.activity"
        )
        self.assertEqual(figures[f"list: {activities_list['name']}"], self.overdue.ids)
        # pipeline and meetings
        by_stage = figures[self._chart(snapshot, "mentorship.pair", ["stage_id"])]
        self.assertEqual(by_stage[(self.stage_intro.id,)], 2)
        meetings = figures[
            self._chart(snapshot, "mentorship.meeting", ["date_start:week"])
        ]
        self.assertEqual(sum(meetings.values()), 2, "the meetings of school A")
        # indicators: one row per indicator of this year, with its plan and fact
        kpi = figures["Indicators: plan vs fact"]
        indicators = self.env["mentorship.kpi.indicator"].search([])
        self.assertEqual(
            {key for key in kpi if key != "total"},
            {(indicator.id,) for indicator in indicators},
        )
        young = self.env.ref("odoo_mentorship.kpi_young_teachers_mentees")
        value = self.env["mentorship.kpi.value"].search(
            [
                ("company_id", "=", self.school_a.id),
                ("indicator_id", "=", young.id),
                ("year", "=", self.today.year),
            ]
        )
        self.assertEqual(kpi[(young.id,)]["value"], value.value)
        self.assertEqual(kpi[(young.id,)]["target"], value.target)

    def test_coordinator_reads_every_school(self):
        self.assertEqual(
            self._visible_dashboards(self.district_coordinator).filtered(
                lambda d: d.dashboard_group_id == self.group
            ),
            self.env.ref(DISTRICT),
        )
        # the coordinator reads its schools whichever
        # company is selected in the switcher
        snapshot = self._open(DISTRICT, self.district_coordinator)
        figures = self._figures(
            snapshot, self.district_coordinator, companies=self.school_a
        )
        self.assertEqual(figures["Pairs behind their rhythm"]["total"], 2)
        self.assertEqual(figures["Mentees without consent"]["total"], 1)
        self.assertEqual(figures["Mentors without consent"]["total"], 1)
        per_school = {
            model: figures[self._chart(snapshot, model, ["company_id"])]
            for model in (
                "mentorship.pair",
                "mentorship.roadmap.activity",
                "mentorship.mentee",
                "mentorship.mentor",
            )
        }
        self.assertEqual(
            per_school["mentorship.pair"],
            {(self.school_a.id,): 1, (self.school_b.id,): 1},
        )
        self.assertEqual(
            per_school["mentorship.roadmap.activity"], {(self.school_a.id,): 1}
        )
        self.assertEqual(per_school["mentorship.mentee"], {(self.school_a.id,): 1})
        self.assertEqual(per_school["mentorship.mentor"], {(self.school_b.id,): 1})
        stages = figures[
            self._chart(snapshot, "mentorship.pair", ["company_id", "stage_id"])
        ]
        self.assertEqual(stages[(self.school_a.id, self.stage_intro.id)], 2)
        self.assertEqual(stages[(self.school_b.id, self.stage_intro.id)], 1)
        # indicators: each school's fact per indicator, the district's plan and fact
        kpi = figures["Indicators per school"]
        indicators = self.env["mentorship.kpi.indicator"].search([])
        self.assertEqual(
            {key for key in kpi if key != "total"},
            {
                (school.id, indicator.id)
                for school in (self.school_a, self.school_b)
                for indicator in indicators
            },
        )
        # the district's fact adds up the schools' numerators and denominators
        young = self.env.ref("odoo_mentorship.kpi_young_teachers_mentees")
        values = self.env["mentorship.kpi.value"].search(
            [
                ("company_id", "in", (self.school_a | self.school_b).ids),
                ("indicator_id", "=", young.id),
                ("year", "=", self.today.year),
            ]
        )
        self.assertEqual(len(values), 2)
        numerator, denominator = (
            sum(values.mapped("numerator")),
            sum(values.mapped("denominator")),
        )
        district = figures["Indicators of the district"][(young.id,)]
        self.assertAlmostEqual(
            district["value"], 100.0 * numerator / denominator if denominator else 0.0
        )
        self.assertEqual(district["target"], values[0].target)
        self.assertEqual(
            kpi[(self.school_a.id, young.id)]["value"],
            values.filtered(lambda v: v.company_id == self.school_a).value,
        )

    def test_each_role_sees_its_own_dashboard(self):
        self.assertIn(
            self.env.ref(SCHOOL), self._visible_dashboards(self.school_curator)
        )
        for user in (self.school_curator, self.director, self.participant):
            self.assertNotIn(self.env.ref(DISTRICT), self._visible_dashboards(user))
            with self.assertRaises(AccessError):
                self.env.ref(DISTRICT).with_user(user).read(["name"])
        self.assertNotIn(
            self.env.ref(SCHOOL), self._visible_dashboards(self.participant)
        )
        with self.assertRaises(AccessError):
            self.env.ref(SCHOOL).with_user(self.participant).read(["name"])

    def test_curator_reads_the_school_dashboard(self):
        """A curator runs the school's programmes: the same figures as the director."""
        snapshot = self._open(SCHOOL, self.school_curator)
        figures = self._figures(snapshot, self.school_curator)
        self.assertEqual(figures["Pairs behind their rhythm"]["total"], 1)
        self.assertEqual(figures["Overdue roadmap items"]["total"], 1)

    def test_labels_are_translatable(self):
        """The labels are English `_t` formulas, chart and filter labels that Odoo
        extracts from the file and the web client translates; the figures are pivot,
        list and chart formulas only."""
        for xmlid in (SCHOOL, DISTRICT):
            snapshot = json.loads(self.env.ref(xmlid).spreadsheet_data)
            self.assertEqual(snapshot["version"], 22)
            self.assertEqual(snapshot["odooVersion"], 12)
            for cell in snapshot["sheets"][0]["cells"].values():
                self.assertRegex(
                    cell["content"], r"^=(_t|PIVOT\.VALUE|PIVOT\.HEADER|ODOO\.LIST)\("
                )
                self.assertFalse(
                    re.search("[а-яА-Я]", cell["content"]), "English sources only"
                )
        path = "odoo_mentorship_reports/data/files/mentorship_director_dashboard.json"
        with file_open(path, "rb") as file:
            terms = {
                term
                for _line, _func, term, _comments in extract_spreadsheet_terms(
                    file, None, None, None
                )
            }
        self.assertIn("Pairs behind their rhythm", terms)
        self.assertIn("Meetings: period", terms)
