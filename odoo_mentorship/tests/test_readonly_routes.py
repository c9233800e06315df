"""Read-only routes (issue #18): the portal pages and the downloads that write
nothing are marked `readonly=True`, so that Odoo 18 serves them on a read-only
cursor, from a database replica when `--db_replica_host` is set. A page marked so
that wrote would fail on the read-only cursor and be replayed on the primary, with
a warning of odoo.http: the pages below must render without it. The routes that
post a form stay read/write."""

from odoo.tests import tagged

from .test_portal import MentorshipPortalCase

READONLY_PATHS = (
    "/my/mentorship",
    "/my/mentorship/pairs/<int:pair_id>",
    "/my/mentorship/meetings/<int:meeting_id>",
    "/my/mentorship/people/<string:kind>/<int:record_id>",
    "/mentorship/personal_data/<string:model>/<int:record_id>",
    "/mentorship/<int:company_id>",
    "/mentorship/<int:company_id>/honour-board",
)
READ_WRITE_PATHS = (
    "/my/mentorship/pairs/<int:pair_id>/meetings",
    "/my/mentorship/meetings/<int:meeting_id>/attend",
    "/my/mentorship/meetings/<int:meeting_id>/feedback",
    "/my/mentorship/pairs/<int:pair_id>/plan",
    "/my/mentorship/pairs/<int:pair_id>/plan/<int:line_id>",
    "/my/mentorship/people/<string:kind>/<int:record_id>/consent",
    "/my/mentorship/people/<string:kind>/<int:record_id>/withdraw",
    "/my/mentorship/people/<string:kind>/<int:record_id>/unpublish",
)


@tagged("post_install", "-at_install")
class TestReadonlyRoutes(MentorshipPortalCase):
    def _get_on_readonly_cursor(self, url):
        """GET `url`; fail if the request wrote (the read-only transaction was
        replayed on a read/write one)."""
        with self.assertNoLogs("odoo.http", "WARNING"):
            response = self.url_open(url)
        self.assertEqual(response.status_code, 200, url)
        return response

    def test_routes_are_marked(self):
        routing = {
            rule.rule: rule.endpoint.routing
            for rule in self.env["ir.http"].routing_map().iter_rules()
        }
        for path in READONLY_PATHS:
            self.assertIs(routing[path]["readonly"], True, path)
        for path in READ_WRITE_PATHS:
            self.assertIs(routing[path]["readonly"], False, path)

    def test_portal_pages_write_nothing(self):
        self.env["mentorship.meeting.feedback"].create(
            {
                "meeting_id": self.meeting.id,
                "mentee_id": self.p_mentee.id,
                "rating": "5",
                "comment": "Очень полезно",
            }
        )
        for user in (self.portal_mentee, self.portal_mentor):
            self._login(user)
            page = self._get_on_readonly_cursor("/my/mentorship")
            self.assertIn(f"/my/mentorship/pairs/{self.pair.id}", page.text)
            page = self._get_on_readonly_cursor(f"/my/mentorship/pairs/{self.pair.id}")
            self.assertIn("Олег Старшеклассник", page.text)
            page = self._get_on_readonly_cursor(
                f"/my/mentorship/meetings/{self.meeting.id}"
            )
            self.assertIn("Знакомство", page.text)
            self.assertIn("Очень полезно", page.text, user.login)
        self._login(self.portal_mentee)
        page = self._get_on_readonly_cursor(
            f"/my/mentorship/people/mentee/{self.p_mentee.id}"
        )
        self.assertIn("Петя Ученик", page.text)

    def test_personal_data_writes_nothing(self):
        self.authenticate(self.curator.login, self.curator.login)
        response = self._get_on_readonly_cursor(
            f"/mentorship/personal_data/mentorship.mentee/{self.mentee_c.id}"
        )
        self.assertIn("attachment", response.headers["Content-Disposition"])

    def test_kpi_pivot_reads_on_a_readonly_cursor(self):
        """The coordinator's pivot of the indicators: read_group, overridden to give
        each group its ratio, is a read-only call."""
        self.env["mentorship.kpi.value"]._compute_values(self.school_1, 2025)
        self.authenticate(self.coordinator.login, self.coordinator.login)
        with self.assertNoLogs("odoo.http", "WARNING"):
            groups = self.make_jsonrpc_request(
                "/web/dataset/call_kw/mentorship.kpi.value/read_group",
                {
                    "model": "mentorship.kpi.value",
                    "method": "read_group",
                    "args": [[], ["value:avg", "target:avg"], ["indicator_id"]],
                    "kwargs": {"lazy": False},
                },
            )
        self.assertTrue(groups)
        self.assertTrue(all("target" in group for group in groups))
