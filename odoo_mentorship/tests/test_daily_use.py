"""What a curator does by hand in the pair form (issue: daily use)."""

from lxml import etree

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import Form, new_test_user, tagged
from odoo.tools.safe_eval import safe_eval

from .common import MentorshipCase


@tagged("post_install", "-at_install")
class TestPairByHand(MentorshipCase):
    def test_curator_forms_a_pair_by_hand(self):
        # a second curator of the programme forms the pair: they become its curator
        curator = new_test_user(
            self.env,
            "cur_hand",
            groups="base.group_user,odoo_mentorship.group_mentorship_curator",
            name="Куратор Три",
        )
        self.programme.curator_ids = [Command.link(curator.id)]
        Pair = self.env["mentorship.pair"].with_user(curator)
        form = Form(Pair)
        # the running programme of the school is proposed, and the field finds it
        self.assertEqual(form.programme_id, self.programme)
        domain = Pair.fields_get(["programme_id"], ["domain"])["programme_id"]["domain"]
        domain = (
            safe_eval(domain, {"company_id": False})
            if isinstance(domain, str)
            else domain
        )
        self.assertIn(
            self.programme,
            self.env["mentorship.programme"].with_user(curator).search(domain),
        )
        form.mentor_id = self.mentor_a
        form.mentee_ids.add(self.mentee_c)
        form.form_id = self.form_teachers
        pair = form.save()
        self.assertEqual(pair.stage_id, self.stage_forming)
        self.assertEqual(pair.curator_id, curator)

    def test_base_records_are_not_quick_created(self):
        """A mentor or mentee needs a kind and a consent: typing a name offers «Create
        and edit…», not a quick create that fails."""
        arch = (
            self.env["mentorship.pair"]
            .with_user(self.curator)
            .get_views([(False, "form")])["views"]["form"]["arch"]
        )
        tree = etree.fromstring(arch)
        for name in ("mentor_id", "mentee_ids"):
            node = tree.xpath(f"//sheet//field[@name='{name}']")[0]
            self.assertTrue(
                safe_eval(node.get("options", "{}")).get("no_quick_create"), name
            )


@tagged("post_install", "-at_install")
class TestStageMovesByHand(MentorshipCase):
    """A curator drags pairs on the kanban: what each move
    needs, and why it is refused."""

    def test_moves_by_hand(self):
        pair = self._make_pair(self.mentor_a, self.mentee_c).with_user(self.curator)
        # no meeting yet: not straight to planning
        with self.assertRefused(
            UserError, "one stage at a time.*Introduction Meeting.*Trial Meeting"
        ):
            pair.stage_id = self.stage_planning
        pair.stage_id = self.stage_intro
        pair.stage_id = self.stage_trial
        pair.stage_id = self.stage_planning
        # joint work starts with a plan
        with self.assertRefused(UserError, "individual plan"):
            pair.stage_id = self.stage_work
        self.env["mentorship.plan.line"].create(
            {"pair_id": pair.id, "goal": "Открытый урок"}
        )
        pair.stage_id = self.stage_work
        pair.stage_id = self.stage_final
        with self.assertRefused(UserError, "after its final meeting"):
            pair.stage_id = self.stage_done
        # back and dissolved: always
        pair.stage_id = self.stage_planning
        pair.action_dissolve()
        self.assertEqual(pair.state, "dissolved")

    def test_meetings_still_move_pairs_on_their_own(self):
        pair = self._make_pair(self.mentor_a, self.mentee_c)
        self.env["mentorship.meeting"].with_user(self.teacher_a).create(
            {"pair_id": pair.id, "meeting_type": "planning", "agenda": "План"}
        )
        self.assertEqual(pair.stage_id, self.stage_planning)


@tagged("post_install", "-at_install")
class TestNewPersonByHand(MentorshipCase):
    def test_curator_adds_a_new_pupil_in_one_form(self):
        """A pupil who is not a contact yet: name, birth date and representative in
        the mentee form; the contact is created with the record."""
        curator = new_test_user(
            self.env,
            "cur_people",
            groups="base.group_user,base.group_partner_manager,odoo_mentorship.group_mentorship_curator",
        )
        self.programme.curator_ids = [Command.link(curator.id)]
        parent = self.env["res.partner"].create({"name": "Петрова Ирина Сергеевна"})
        form = Form(
            self.env["mentorship.mentee"]
            .with_user(curator)
            .with_context(default_programme_id=self.programme.id)
        )
        form.partner_name = "Петров Пётр Ильич"
        form.kind_id = self.kind_pupil
        form.birth_date = self.today.replace(year=self.today.year - 12)
        form.legal_representative_id = parent
        form.school_class = "7 «Б»"
        mentee = form.save()
        self.assertEqual(mentee.partner_id.name, "Петров Пётр Ильич")
        self.assertTrue(mentee.is_minor)
        self.assertEqual(mentee.legal_representative_id, parent)
        self.assertEqual(mentee.school_class, "7 «Б»")


@tagged("post_install", "-at_install")
class TestPlanFromThePair(MentorshipCase):
    def test_mentor_keeps_the_plan_from_the_pair(self):
        """The pair form is read-only for its mentor: the plan opens from it as a list
        the mentor edits, and a mentee moves the status of a task."""
        pair = self._make_pair(self.mentor_a, self.mentee_c)
        action = pair.with_user(self.teacher_a).action_open_plan()
        Line = (
            self.env[action["res_model"]]
            .with_user(self.teacher_a)
            .with_context(**action["context"])
        )
        line = Line.create({"goal": "Открытый урок"})
        self.assertEqual(line.pair_id, pair)
        self.assertEqual(Line.search(action["domain"]), line)
        line.with_user(self.teacher_c).status = "in_progress"
        with self.assertRefused(UserError, "status of a task only"):
            line.with_user(self.teacher_c).goal = "Другое"
        list_view = (
            self.env["mentorship.plan.line"]
            .with_user(self.teacher_a)
            .get_views(action["views"])
        )
        self.assertIn('editable="bottom"', list_view["views"]["list"]["arch"])


@tagged("post_install", "-at_install")
class TestScreensByHand(MentorshipCase):
    def test_a_new_meeting_is_the_one_the_pair_holds_next(self):
        """The meeting dialog of a pair proposes the meeting the pair is due to hold,
        also when the curator moved the pair on before it was held."""
        pair = self._make_pair(self.mentor_a, self.mentee_c)

        def proposed():
            action = pair.with_user(self.teacher_a).action_open_meetings()
            Meeting = (
                self.env["mentorship.meeting"]
                .with_user(self.teacher_a)
                .with_context(**action["context"])
            )
            return Form(Meeting).meeting_type

        self.assertEqual(proposed(), "intro")
        for stage in (self.stage_intro, self.stage_trial, self.stage_planning):
            pair.with_user(self.curator).stage_id = stage
        self.assertEqual(proposed(), "planning")
        self._log_meeting(pair, "planning")
        self.assertEqual(proposed(), "work")

    def test_match_figures_in_the_users_language(self):
        self.env["res.lang"]._activate_lang("ru_RU")
        wizard = (
            self.env["mentorship.match.wizard"]
            .with_user(self.curator)
            .with_context(lang="ru_RU")
            .create({"programme_id": self.programme.id})
        )
        wizard.action_suggest()
        self.assertTrue(wizard.line_ids)
        self.assertRegex(wizard.summary, r"\d,\d")
        self.assertNotRegex(
            wizard.summary + " ".join(wizard.line_ids.mapped("explanation")), r"\d\.\d"
        )

    def test_curator_opens_employees_by_url(self):
        """A curator without HR rights who opens Odoo's Employees action (by its URL)
        gets the public employee views, with no field they cannot read."""
        action = self.env.ref("hr.open_view_employee_list_my")
        modes = action.view_mode.split(",")
        views = [(view.view_id.id, view.view_mode) for view in action.view_ids]
        views += [
            (False, mode) for mode in modes if mode not in {mode for _id, mode in views}
        ]
        views.append((action.search_view_id.id, "search"))
        result = self.env["hr.employee"].with_user(self.curator).get_views(views)
        known = set(result["models"]["hr.employee"]["fields"])
        for view_type, view in result["views"].items():
            arch = etree.fromstring(view["arch"])
            used = {
                node.get("name") for node in arch.xpath("//field[not(ancestor::field)]")
            }
            self.assertFalse(used - known, view_type)

    def test_new_users_land_in_mentorship(self):
        home = self.env.ref("odoo_mentorship.mentorship_pair_action")
        curator = new_test_user(
            self.env,
            "home_curator",
            groups="base.group_user,odoo_mentorship.group_mentorship_curator",
        )
        self.assertEqual(curator.action_id.id, home.id)
        clerk = new_test_user(self.env, "home_clerk", groups="base.group_user")
        self.assertFalse(clerk.action_id)
        clerk.groups_id = [
            Command.link(
                self.env.ref("odoo_mentorship.group_mentorship_participant").id
            )
        ]
        self.assertEqual(clerk.action_id.id, home.id)
        # a home of their own is kept, and the school may turn the rule off
        own = self.env.ref("hr.open_view_employee_list_my")
        hr_user = new_test_user(self.env, "home_hr", groups="base.group_user")
        hr_user.action_id = own.id
        hr_user.groups_id = [
            Command.link(
                self.env.ref("odoo_mentorship.group_mentorship_participant").id
            )
        ]
        self.assertEqual(hr_user.action_id.id, own.id)
        self.env.company.mentorship_home_for_new_users = False
        other = new_test_user(
            self.env,
            "home_other",
            groups="base.group_user,odoo_mentorship.group_mentorship_curator",
        )
        self.assertFalse(other.action_id)


@tagged("post_install", "-at_install")
class TestMenusOpen(MentorshipCase):
    def test_each_role_reads_what_its_menus_open(self):
        """No menu of a role leads to a list the role cannot read (an «Access Error»
        dialog instead of a screen)."""
        roles = {
            "participant": (
                "base.group_user,odoo_mentorship.group_mentorship_participant"
            ),
            "curator": "base.group_user,odoo_mentorship.group_mentorship_curator",
            "director": "base.group_user,odoo_mentorship.group_mentorship_manager",
            "coordinator": (
                "base.group_user,odoo_mentorship.group_mentorship_coordinator"
            ),
            "hr_officer": "base.group_user,hr.group_hr_user",
        }
        root = self.env.ref("odoo_mentorship.mentorship_menu_root")
        for role, groups in roles.items():
            user = new_test_user(self.env, f"menus_{role}", groups=groups)
            Menu = self.env["ir.ui.menu"].with_user(user)
            visible = Menu.browse(Menu._visible_menu_ids()).filtered(
                lambda menu: menu.parent_path.startswith(root.parent_path)
            )
            for menu in visible.filtered(
                lambda m: m.action and m.action._name == "ir.actions.act_window"
            ):
                model = menu.action.sudo().res_model
                with self.subTest(role=role, menu=menu.complete_name):
                    self.env[model].with_user(user).search([], limit=1)
