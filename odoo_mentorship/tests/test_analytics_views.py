"""The analysis views (pivot, graph, calendar, activity) opened as the roles that use
them (issue: daily use): each loads without an access error, shows only fields the
user reads, and its groupings and measures give the figures of the test data."""

from datetime import timedelta

from lxml import etree

from odoo.tests import tagged

from .common import MentorshipCase

YEAR = 2031  # no demo data has indicator values this year


@tagged("post_install", "-at_install")
class TestAnalyticsViews(MentorshipCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.mentee_e = cls._make_mentee(Partner.create({"name": "Егор Новый"}))
        cls.mentor_f = cls._make_mentor(
            Partner.create({"name": "Фаина Школьник"}), kind=cls.kind_pupil
        )
        cls.pair_1 = cls._make_pair(cls.mentor_a, cls.mentee_c)
        cls.pair_2 = cls._make_pair(cls.mentor_b, cls.mentee_d)
        cls.pair_3 = cls._make_pair(cls.mentor_a, cls.mentee_e)

    def setUp(self):
        super().setUp()
        # pair 1 in trial (two meetings), pair 2 at work (three), pair 3 forming
        self._log_meeting(self.pair_1, "intro", days_ago=3)
        self._log_meeting(self.pair_1, "trial", days_ago=2)
        self._log_meeting(self.pair_2, "intro", days_ago=3)
        self._log_meeting(self.pair_2, "trial", days_ago=2)
        self._log_meeting(self.pair_2, "work", days_ago=1, duration=2.0)
        self.env.flush_all()

    # ------------------------------------------------------------
    # TOOLS
    # ------------------------------------------------------------

    def _open(self, user, action_xmlid, view_types):
        """The action's views as ``user``: {view type: arch}, and the fields the user
        reads. Every field of the analysis views is one of them."""
        action = self.env.ref(action_xmlid)
        modes = action.view_mode.split(",")
        for view_type in view_types:
            self.assertIn(
                view_type, modes, f"{action_xmlid} offers the {view_type} view"
            )
        Model = self.env[action.res_model].with_user(user)
        result = Model.get_views(
            [(False, mode) for mode in modes] + [(False, "search")]
        )
        fields = result["models"][action.res_model]["fields"]
        archs = {}
        for view_type in view_types:
            arch = etree.fromstring(result["views"][view_type]["arch"])
            for node in arch.iter("field"):
                self.assertIn(
                    node.get("name"),
                    fields,
                    f"{view_type} of {action_xmlid} as {user.login}",
                )
            archs[view_type] = arch
        return archs, fields

    def _groupbys_measures(self, arch, fields):
        groupbys, measures = [], []
        for node in arch.iter("field"):
            if node.get("invisible") in ("1", "True"):
                continue
            name = node.get("name")
            if node.get("type") == "measure":
                aggregator = (
                    "count_distinct"
                    if fields[name]["type"] == "many2one"
                    else fields[name]["aggregator"]
                )
                measures.append(f"{name}:{aggregator}")
            elif arch.tag != "calendar":
                groupbys.append(
                    f"{name}:{node.get('interval')}" if node.get("interval") else name
                )
        return groupbys, measures

    def _read_view(self, user, model, arch, fields, domain, groupbys=None):
        """What the pivot or graph reads, as the web client does: {group key: group}."""
        view_groupbys, measures = self._groupbys_measures(arch, fields)
        groupbys = groupbys or view_groupbys
        result = (
            self.env[model]
            .with_user(user)
            .web_read_group(domain, measures, groupbys, lazy=False)
        )
        groups = {}
        for group in result["groups"]:
            key = tuple(
                value[0] if isinstance(value, list | tuple) else value
                for value in (group[gb] for gb in groupbys)
            )
            groups[key[0] if len(key) == 1 else key] = group
        return groups

    # ------------------------------------------------------------
    # TESTS
    # ------------------------------------------------------------

    def test_pairs_by_stage_and_form(self):
        domain = [("programme_id", "=", self.programme.id)]
        for user in (self.curator, self.manager, self.coordinator):
            archs, fields = self._open(
                user,
                "odoo_mentorship.mentorship_pair_action",
                ["pivot", "graph", "activity"],
            )
            self.assertNotIn(
                "color", self._groupbys_measures(archs["pivot"], fields)[1]
            )
            by_stage = self._read_view(
                user, "mentorship.pair", archs["pivot"], fields, domain, ["stage_id"]
            )
            counts = {
                stage: group["__count"]
                for stage, group in by_stage.items()
                if group["__count"]
            }
            self.assertEqual(
                counts,
                {
                    self.stage_trial.id: 1,
                    self.stage_work.id: 1,
                    self.stage_forming.id: 1,
                },
            )
            self.assertEqual(by_stage[self.stage_work.id]["meeting_count"], 3)
            cells = self._read_view(
                user, "mentorship.pair", archs["graph"], fields, domain
            )
            self.assertEqual(
                cells[(self.stage_forming.id, self.form_teachers.id)]["__count"], 1
            )
            # by school and month of the start (search view)
            schools = self._read_view(
                user,
                "mentorship.pair",
                archs["pivot"],
                fields,
                domain,
                ["company_id", "date_start:month"],
            )
            self.assertEqual(sum(group["__count"] for group in schools.values()), 3)
            self.assertEqual({key[0] for key in schools}, {self.school_1.id})

    def test_pair_activity_view(self):
        todo = self.env.ref("mail.mail_activity_data_todo")
        self.pair_3.activity_schedule(
            "mail.mail_activity_data_todo",
            self.today + timedelta(days=5),
            user_id=self.curator.id,
            summary="Согласие",
        )
        archs, _fields = self._open(
            self.curator, "odoo_mentorship.mentorship_pair_action", ["activity"]
        )
        self.assertEqual(archs["activity"].tag, "activity")
        data = (
            self.env["mail.activity"]
            .with_user(self.curator)
            .get_activity_data(
                "mentorship.pair", [("programme_id", "=", self.programme.id)]
            )
        )
        self.assertIn(self.pair_3.id, data["activity_res_ids"])
        self.assertEqual(
            data["grouped_activities"][self.pair_3.id][todo.id]["count_by_state"],
            {"planned": 1},
        )

    def test_meetings_by_type_month_and_mentor(self):
        domain = [("programme_id", "=", self.programme.id)]
        for user in (self.curator, self.manager, self.coordinator):
            archs, fields = self._open(
                user,
                "odoo_mentorship.mentorship_meeting_action",
                ["pivot", "graph", "calendar"],
            )
            Meeting = "mentorship.meeting"
            by_type = self._read_view(
                user, Meeting, archs["pivot"], fields, domain, ["meeting_type"]
            )
            self.assertEqual(
                {key: group["__count"] for key, group in by_type.items()},
                {"intro": 2, "trial": 2, "work": 1},
            )
            self.assertEqual(by_type["work"]["duration"], 2.0)
            by_month = self._read_view(user, Meeting, archs["graph"], fields, domain)
            self.assertEqual(sum(group["__count"] for group in by_month.values()), 5)
            by_mentor = self._read_view(
                user, Meeting, archs["pivot"], fields, domain, ["mentor_id"]
            )
            self.assertEqual(
                {key: group["__count"] for key, group in by_mentor.items()},
                {self.mentor_a.id: 2, self.mentor_b.id: 3},
            )

    def test_mentor_calendar_of_their_meetings(self):
        """The mentor's calendar: their meetings, filtered
        by pair, and nobody else's."""
        archs, _fields = self._open(
            self.teacher_b, "odoo_mentorship.mentorship_meeting_action", ["calendar"]
        )
        calendar = archs["calendar"]
        self.assertEqual(calendar.get("date_start"), "date_start")
        filtered = {
            node.get("name") for node in calendar.iter("field") if node.get("filters")
        }
        self.assertEqual(filtered, {"pair_id", "meeting_type", "mentor_id"})
        specification = {
            name: {}
            for name in {node.get("name") for node in calendar.iter("field")}
            | {"date_start", "duration"}
        }
        specification.update(
            pair_id={"fields": {"display_name": {}}},
            mentor_id={"fields": {"display_name": {}}},
        )
        records = (
            self.env["mentorship.meeting"]
            .with_user(self.teacher_b)
            .web_search_read([], specification)["records"]
        )
        self.assertEqual(len(records), 3)
        self.assertEqual(
            {record["pair_id"]["id"] for record in records}, set(self.pair_2.ids)
        )
        self.assertEqual(
            {record["mentor_id"]["display_name"] for record in records},
            {"Борис Учитель"},
        )

    def test_bases_by_stage_and_kind(self):
        domain = [("programme_id", "=", self.programme.id)]
        stage_paired = self.mentee_c.stage_id
        for user in (self.curator, self.manager, self.coordinator):
            archs, fields = self._open(
                user, "odoo_mentorship.mentorship_mentee_action", ["pivot", "graph"]
            )
            cells = self._read_view(
                user, "mentorship.mentee", archs["pivot"], fields, domain
            )
            self.assertEqual(sum(group["__count"] for group in cells.values()), 3)
            self.assertEqual(
                cells[(stage_paired.id, self.kind_teacher.id)]["__count"], 2
            )  # C and D are in pairs at work
            archs, fields = self._open(
                user, "odoo_mentorship.mentorship_mentor_action", ["pivot", "graph"]
            )
            by_kind = self._read_view(
                user, "mentorship.mentor", archs["pivot"], fields, domain, ["kind_id"]
            )
            self.assertEqual(by_kind[self.kind_teacher.id]["__count"], 2)
            self.assertEqual(by_kind[self.kind_teacher.id]["capacity"], 3)
            self.assertEqual(by_kind[self.kind_pupil.id]["__count"], 1)
            # the categories are the curators' (personal data): offered to them only
            search = (
                self.env["mentorship.mentee"]
                .with_user(user)
                .get_views([(False, "search")])["views"]["search"]["arch"]
            )
            self.assertEqual("category_ids" in search, user != self.coordinator)
            if user == self.coordinator:
                self.assertNotIn("birth_year", etree.tostring(archs["pivot"]).decode())

    def test_bases_by_category_for_curators(self):
        category = self.env["mentorship.category"].search([], limit=1)
        self.mentee_c.category_ids = category
        groups = (
            self.env["mentorship.mentee"]
            .with_user(self.curator)
            .web_read_group(
                [("programme_id", "=", self.programme.id)],
                [],
                ["category_ids"],
                lazy=False,
            )["groups"]
        )
        counts = {
            group["category_ids"] and group["category_ids"][0]: group["__count"]
            for group in groups
        }
        self.assertEqual(counts, {category.id: 1, False: 2})

    def test_growth_entry_vs_exit(self):
        monitoring = self.env["mentorship.monitoring"].create(
            {
                "name": "Мониторинг",
                "programme_id": self.programme.id,
                "date_from": self.today,
                "date_to": self.today,
            }
        )
        self.env["mentorship.monitoring.growth.line"].create(
            [
                {
                    "monitoring_id": monitoring.id,
                    "mentee_id": mentee.id,
                    "partner_id": mentee.partner_id.id,
                    "dimension": dimension,
                    "entry_score": entry,
                    "exit_score": exit_,
                }
                for mentee, dimension, entry, exit_ in (
                    (self.mentee_c, "engagement", 2.0, 4.0),
                    (self.mentee_d, "engagement", 3.0, 4.0),
                    (self.mentee_c, "anxiety", 4.0, 2.0),
                )
            ]
        )
        for user in (self.curator, self.manager):
            archs, fields = self._open(
                user,
                "odoo_mentorship.mentorship_monitoring_growth_line_action",
                ["pivot", "graph"],
            )
            self.assertEqual(
                archs["graph"].get("js_class"), "mentorship_side_by_side_graph"
            )
            self.assertEqual(
                self._groupbys_measures(archs["graph"], fields)[1],
                ["entry_score:avg", "exit_score:avg"],
            )
            rows = self._read_view(
                user,
                "mentorship.monitoring.growth.line",
                archs["graph"],
                fields,
                [("monitoring_id", "=", monitoring.id)],
            )
            self.assertEqual(
                (rows["engagement"]["entry_score"], rows["engagement"]["exit_score"]),
                (2.5, 4.0),
            )
            self.assertEqual(
                (rows["anxiety"]["entry_score"], rows["anxiety"]["exit_score"]),
                (4.0, 2.0),
            )
            cells = self._read_view(
                user,
                "mentorship.monitoring.growth.line",
                archs["pivot"],
                fields,
                [("monitoring_id", "=", monitoring.id)],
            )
            self.assertEqual(cells[("engagement", monitoring.id)]["change"], 1.5)
        # the growth of named people is the school's: not the district's menu
        menu = self.env.ref("odoo_mentorship.mentorship_monitoring_growth_line_menu")
        self.assertIn(
            menu.id, self.env["ir.ui.menu"].with_user(self.curator)._visible_menu_ids()
        )
        self.assertNotIn(
            menu.id,
            self.env["ir.ui.menu"].with_user(self.coordinator)._visible_menu_ids(),
        )

    def test_personalised_accounting_counts_persons(self):
        # mentor A is in two pairs: two participations, one person
        domain = [("programme_id", "=", self.programme.id), ("role", "=", "mentor")]
        for user in (self.curator, self.manager):
            archs, fields = self._open(
                user,
                "odoo_mentorship.mentorship_participation_action",
                ["pivot", "graph"],
            )
            total = self._read_view(
                user,
                "mentorship.participation",
                archs["graph"],
                fields,
                domain,
                ["role"],
            )
            self.assertEqual(
                (total["mentor"]["__count"], total["mentor"]["partner_id"]), (3, 2)
            )

    def test_indicators_plan_vs_fact(self):
        """One cell per indicator, school and year; a group of schools gets the
        district's share (sums of numerators and denominators), never an average of
        shares; groups of several indicators or years stay empty."""
        Value = self.env["mentorship.kpi.value"]
        children, youth = (
            self.env.ref(f"odoo_mentorship.kpi_{code}")
            for code in ("children_mentees", "youth_mentors")
        )
        Value.create(
            [
                {
                    "indicator_id": indicator.id,
                    "company_id": school.id,
                    "year": YEAR,
                    "numerator": numerator,
                    "denominator": denominator,
                    "value": 100.0 * numerator / denominator,
                    "target": target,
                    "status": "below",
                    "is_district": is_district,
                }
                for indicator, school, numerator, denominator, target, is_district in (
                    (children, self.school_1, 1, 10, 50.0, False),
                    (children, self.school_2, 9, 10, 50.0, False),
                    (
                        children,
                        self.school_1,
                        10,
                        20,
                        50.0,
                        True,
                    ),  # the district, consolidated
                    (youth, self.school_1, 3, 4, 20.0, False),
                )
            ]
        )
        domain = [("year", "=", YEAR)]
        for user in (self.curator, self.manager, self.coordinator):
            archs, fields = self._open(
                user, "odoo_mentorship.mentorship_kpi_value_action", ["pivot", "graph"]
            )
            self.assertEqual(
                archs["graph"].get("js_class"), "mentorship_side_by_side_graph"
            )
            self.assertEqual(
                self._groupbys_measures(archs["graph"], fields)[1],
                ["target:avg", "value:avg"],
            )
            rows = self._read_view(
                user, "mentorship.kpi.value", archs["pivot"], fields, domain
            )
            self.assertEqual(
                (rows[(youth.id, YEAR)]["value"], rows[(youth.id, YEAR)]["target"]),
                (75.0, 20.0),
            )
            # every indicator together: no figure
            total = (
                self.env["mentorship.kpi.value"]
                .with_user(user)
                .read_group(domain, ["value:avg", "target:avg"], [])
            )
            self.assertEqual((total[0]["value"], total[0]["target"]), (False, False))
        # the coordinator reads both schools: their children's share is the district's
        # 10 / 20, not the average of 10 % and 90 %, nor counted twice with the district
        children_row = self._read_view(
            self.coordinator, "mentorship.kpi.value", archs["pivot"], fields, domain
        )[(children.id, YEAR)]
        self.assertEqual((children_row["value"], children_row["target"]), (50.0, 50.0))
        schools = self._read_view(
            self.coordinator,
            "mentorship.kpi.value",
            archs["pivot"],
            fields,
            domain + [("indicator_id", "=", children.id)],
            ["company_id", "is_district"],
        )
        self.assertEqual(schools[(self.school_2.id, False)]["value"], 90.0)
        self.assertEqual(schools[(self.school_1.id, True)]["value"], 50.0)
        # the curator of school 1 reads its own value (and the district row of school 1)
        own = self._read_view(
            self.curator,
            "mentorship.kpi.value",
            archs["pivot"],
            fields,
            domain,
            ["company_id", "is_district", "indicator_id"],
        )
        self.assertEqual(own[(self.school_1.id, False, children.id)]["value"], 10.0)
