"""The JSON of the data held about a person, through its URL, as each role."""

import json

from odoo.tests import HttpCase, new_test_user, tagged

from .common import MentorshipCase


@tagged("post_install", "-at_install")
class TestPersonalDataRoute(MentorshipCase, HttpCase):
    def _get(self, user, record):
        self.authenticate(user.login, user.login)
        return self.url_open(f"/mentorship/personal_data/{record._name}/{record.id}")

    def test_curator_downloads_the_json(self):
        response = self._get(self.curator, self.mentee_c)
        self.assertEqual(response.status_code, 200)
        self.assertIn("attachment", response.headers["Content-Disposition"])
        self.assertIn(
            "Вера Молодая", json.dumps(json.loads(response.content), ensure_ascii=False)
        )

    def test_others_are_refused(self):
        self._make_pair(self.mentor_a, self.mentee_c)
        portal = new_test_user(
            self.env, "portal_pd", groups="base.group_portal", name="Портал"
        )
        # the mentor of the pair, the person themself, the district,
        # another school's curator, the portal
        for user in (
            self.teacher_a,
            self.teacher_c,
            self.coordinator,
            self.curator_2,
            portal,
        ):
            response = self._get(user, self.mentee_c)
            self.assertIn(response.status_code, (403, 404), user.login)
            self.assertNotIn("Вера Молодая", response.text, user.login)
        # a model that is not a base record
        self.assertEqual(self._get(self.curator, self.programme).status_code, 404)
