import socket
from datetime import timedelta
from unittest.mock import patch

from psycopg2 import errors

from odoo.tests import tagged

from ..models import mentorship_jobs
from ..models.mentorship_anonymisation import MentorshipAnonymisationMixin
from ..models.mentorship_pair import MentorshipPair
from .common import MentorshipCase

JOBS_LOGGER = "odoo.addons.odoo_mentorship.models.mentorship_jobs"
MEETING_NUDGE = "odoo_mentorship.mail_activity_type_meeting_nudge"


def fail_for(record, original, message="bad data"):
    """`original`, except that it raises for `record`, after doing its work (which
    the job must roll back)."""

    def method(self, *args, **kwargs):
        result = original(self, *args, **kwargs)
        if record in self:
            raise ValueError(message)
        return result

    return method


@tagged("post_install", "-at_install")
class TestRobustJobs(MentorshipCase):
    """A record that fails in the middle of a job does not stop the job for the others;
    a mail server that cannot be reached does not stop a user's action."""

    def test_nudges_go_on_after_a_pair_that_fails(self):
        partner = self.env["res.partner"].create({"name": "Третий Наставник"})
        mentor_e = self._make_mentor(partner)
        mentee_f = self._make_mentee(
            self.env["res.partner"].create({"name": "Фёдор Третий"})
        )
        pairs = (
            self._make_pair(self.mentor_a, self.mentee_c)
            | self._make_pair(self.mentor_b, self.mentee_d)
            | self._make_pair(mentor_e, mentee_f)
        )
        pairs.write(
            {
                "stage_id": self.stage_work.id,
                "date_start": self.today - timedelta(days=30),
            }
        )
        bad = pairs.sorted("id")[1]
        original = MentorshipPair._mentorship_nudge_idle
        with (
            patch.object(
                MentorshipPair, "_mentorship_nudge_idle", fail_for(bad, original)
            ),
            self.assertLogs(JOBS_LOGGER, "ERROR") as logs,
        ):
            self.env["mentorship.pair"]._cron_mentorship_nudges()
        self.assertIn(f"mentorship.pair [{bad.id}] failed", logs.output[0])
        for pair in pairs - bad:
            self.assertTrue(
                pair.activity_search([MEETING_NUDGE]), "the other pairs are nudged"
            )
        self.assertFalse(
            bad.activity_search([MEETING_NUDGE]),
            "what the failing pair did is rolled back",
        )
        # the next run, the pair is fine again and nudged, the others not twice
        before = (pairs - bad).activity_ids
        self.env["mentorship.pair"]._cron_mentorship_nudges()
        self.assertTrue(bad.activity_search([MEETING_NUDGE]))
        self.assertEqual((pairs - bad).activity_ids, before)

    def test_a_pair_changed_meanwhile_is_left_for_the_next_run(self):
        # a user's transaction updated the pair after the job's snapshot: not an
        # error of the data, a warning, and the next run nudges it
        pairs = self._make_pair(self.mentor_a, self.mentee_c) | self._make_pair(
            self.mentor_b, self.mentee_d
        )
        pairs.write(
            {
                "stage_id": self.stage_work.id,
                "date_start": self.today - timedelta(days=30),
            }
        )
        busy = pairs.sorted("id")[0]
        original = MentorshipPair._mentorship_nudge_idle

        def concurrent_update(self, *args, **kwargs):
            if busy in self:
                raise errors.SerializationFailure(
                    "could not serialize access due to concurrent update"
                )
            return original(self, *args, **kwargs)

        with (
            patch.object(MentorshipPair, "_mentorship_nudge_idle", concurrent_update),
            self.assertNoLogs(JOBS_LOGGER, "ERROR"),
            self.assertLogs(JOBS_LOGGER, "WARNING") as logs,
        ):
            self.env["mentorship.pair"]._cron_mentorship_nudges()
        self.assertIn(f"mentorship.pair [{busy.id}] was being changed", logs.output[0])
        self.assertTrue((pairs - busy).activity_search([MEETING_NUDGE]))
        self.assertFalse(busy.activity_search([MEETING_NUDGE]))
        self.env["mentorship.pair"]._cron_mentorship_nudges()
        self.assertTrue(busy.activity_search([MEETING_NUDGE]))

    def test_the_cron_worker_releases_the_records_as_it_goes(self):
        # run by the cron worker, a job commits every few records (the rows it
        # locked are released); called from code, it leaves the transaction alone
        partners = self.env["res.partner"].create(
            [{"name": f"Наставник {n}"} for n in range(5)]
            + [{"name": f"Наставляемый {n}"} for n in range(5)]
        )
        pairs = self.env["mentorship.pair"]
        for n in range(5):
            pairs |= self._make_pair(
                self._make_mentor(partners[n]), self._make_mentee(partners[5 + n])
            )
        pairs.write(
            {
                "stage_id": self.stage_work.id,
                "date_start": self.today - timedelta(days=30),
            }
        )
        Pair = self.env["mentorship.pair"]
        working = Pair.search_count([("state", "=", "working")])
        self.assertGreaterEqual(working, 5)
        # one commit every second pair
        for context, commits in (({}, 0), ({"cron_id": 1}, working // 2)):
            with (
                patch.object(mentorship_jobs, "COMMIT_EVERY", 2),
                patch.object(self.env.cr, "commit") as commit,
            ):
                Pair.with_context(**context)._cron_mentorship_nudges()
            self.assertEqual(commit.call_count, commits)

    def test_anonymisation_goes_on_after_a_person_that_fails(self):
        Partner = self.env["res.partner"]
        people = self.env["mentorship.mentee"]
        for name in ("Первый Отозвавший", "Второй Отозвавший", "Третий Отозвавший"):
            mentee = self._make_mentee(Partner.create({"name": name}))
            mentee.consent_id.withdrawn_date = self.today - timedelta(days=30)
            people |= mentee
        bad = people[1]
        original = MentorshipAnonymisationMixin._anonymise_person
        with (
            patch.object(
                MentorshipAnonymisationMixin,
                "_anonymise_person",
                fail_for(bad, original),
            ),
            self.assertLogs(JOBS_LOGGER, "ERROR") as logs,
        ):
            self.env["mentorship.mentee"]._cron_anonymise()
        self.assertIn(f"mentorship.mentee [{bad.id}] failed", logs.output[0])
        self.assertEqual(people.mapped("is_anonymized"), [True, False, True])
        self.assertEqual(
            bad.partner_id.name,
            "Второй Отозвавший",
            "the failing person is rolled back whole",
        )
        self.env["mentorship.mentee"]._cron_anonymise()
        self.assertTrue(bad.is_anonymized, "the next run anonymises the person")

    def test_consent_invitation_when_the_mail_server_is_down(self):
        """The invitation is queued, not sent during the curator's action: with the mail
        server unreachable the action succeeds and the mail waits in the queue."""
        self.env["mentorship.consent.text"].create(
            {
                "name": "Согласие",
                "company_id": self.school_1.id,
                "body": "<p>Согласие на участие в программе наставничества.</p>",
            }
        )
        partner = self.env["res.partner"].create(
            {"name": "Ольга Почтова", "email": "olga@school.example"}
        )
        mentee = self._make_mentee(
            partner, consent_date=False, consent_given_by_id=False
        )
        with socket.socket() as probe:  # a port where nothing listens
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        self.env["ir.mail_server"].create(
            {
                "name": "Unreachable",
                "smtp_host": "127.0.0.1",
                "smtp_port": port,
                "sequence": 1,
            }
        )
        # outside test mode, Odoo really connects to the server
        with patch("odoo.modules.module.current_test", None):
            action = mentee.with_user(self.curator).action_invite_consent()
            self.assertEqual(action["params"]["type"], "success")
            mail = self.env["mail.mail"].search([("recipient_ids", "in", partner.ids)])
            self.assertEqual(len(mail), 1)
            self.assertEqual(
                mail.state, "outgoing", "the invitation waits in the queue"
            )
            # the server is indeed unreachable: sending now fails
            mail.send()
            self.assertEqual(mail.state, "exception")
