from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestDemoLogins(HttpCase):
    """The demo logins of the README and of the user guide (docs/guide/) open the
    screens their role works on. Only with the demo data."""

    def setUp(self):
        super().setUp()
        if not self.env.ref("odoo_mentorship.user_hr_demo", raise_if_not_found=False):
            self.skipTest("installed without the demo data")

    def _log_in(self, login):
        """Log in through the login form (password = login) and open the home page."""
        user = self.env["res.users"].search([("login", "=", login)])
        self.assertTrue(user, login)
        self.authenticate(login, login)
        self.assertEqual(self.session.uid, user.id)
        response = self.url_open("/odoo")
        self.assertEqual(response.status_code, 200)
        return user

    def test_every_demo_login(self):
        for login in (
            "curator_demo",
            "mentor_demo",
            "mentee_demo",
            "hr_demo",
            "coordinator_demo",
            "curator9_demo",
        ):
            with self.subTest(login=login):
                user = self._log_in(login)
                self.assertTrue(user.action_id, "lands in its app, not in Discuss")

    def test_hr_officer_finds_the_teachers_without_a_mentor(self):
        user = self._log_in("hr_demo")
        self.assertEqual(
            user.action_id.id,
            self.env.ref("odoo_mentorship.hr_employee_action_needs_mentor").id,
        )
        self.assertFalse(user.has_group("odoo_mentorship.group_mentorship_participant"))
        waiting = (
            self.env["hr.employee"]
            .with_user(user)
            .search([("mentorship_needs_mentor", "=", True)])
        )
        self.assertIn(self.env.ref("odoo_mentorship.employee_makarov_demo"), waiting)
        # she is no teacher herself, so not one of them
        self.assertNotIn(
            self.env.ref("odoo_mentorship.employee_orekhova_demo"), waiting
        )

    def test_coordinator_reads_the_school_and_changes_nothing(self):
        user = self._log_in("coordinator_demo")
        self.assertEqual(
            user.action_id.id,
            self.env.ref("odoo_mentorship.mentorship_kpi_value_action").id,
        )
        pairs = self.env["mentorship.pair"].with_user(user).search([])
        self.assertIn(
            self.env.ref("odoo_mentorship.pair_kuznetsova_popova_demo"), pairs
        )
        with self.assertRaises(AccessError):
            pairs[:1].write({"note": "Проверено"})

    def test_pupil_gives_feedback_on_the_portal(self):
        self.authenticate("pupil_demo", "pupil_demo")
        pair = self.env.ref("odoo_mentorship.pair_lebedev_group_demo")
        response = self.url_open("/my/mentorship")
        self.assertEqual(response.status_code, 200)
        self.assertIn(f"/my/mentorship/pairs/{pair.id}", response.text)
        # the introduction meeting waits for his feedback
        response = self.url_open(f"/my/mentorship/pairs/{pair.id}")
        self.assertEqual(response.status_code, 200)
        meeting = self.env.ref("odoo_mentorship.pair_lebedev_group_meeting_1_demo")
        self.assertIn(f"/my/mentorship/meetings/{meeting.id}#feedback", response.text)
