"""Races between transactions: the rules hold when two users (or a user and a job)
act at the same time.

Each test commits its data and runs every side in its own thread, with its own
database connection, through Odoo's retry of serialization failures
(``odoo.service.model.retrying``, as for an RPC call): each transaction first reads
(which fixes its snapshot), then they wait for each other and act. A rule that only
reads before it writes lets both commit; the rule's row locks make the second one
fail and retry, and the retry refuses with the rule's message.
"""

import threading
from datetime import timedelta
from unittest.mock import patch

from odoo import SUPERUSER_ID, api, fields
from odoo.exceptions import UserError, ValidationError
from odoo.modules.registry import DummyRLock, Registry
from odoo.service.model import retrying
from odoo.tests import BaseCase, tagged
from odoo.tests.common import get_db_name
from odoo.tools import mute_logger

from odoo.addons.base.models.ir_model import MODULE_UNINSTALL_FLAG

TIMEOUT = 60


@tagged("post_install", "-at_install")
class TestConcurrency(BaseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry = Registry(get_db_name())
        cls.addClassCleanup(cls._delete_people)
        with cls.registry.cursor() as cr:
            env = cls._env(cr)
            today = fields.Date.context_today(env.user)
            cls.today = today
            form = env.ref("odoo_mentorship.form_teacher_teacher")
            # the races log meetings in forming pairs: the
            # pipeline without the pairs order
            school = env.ref("base.main_company")
            cls.pairs_needed_order = school.mentorship_pairs_need_order
            school.mentorship_pairs_need_order = False
            programme = env["mentorship.programme"].create(
                {
                    "name": "Race programme",
                    "company_id": env.ref("base.main_company").id,
                    "date_start": today - timedelta(days=90),
                    "date_end": today + timedelta(days=270),
                    "curator_ids": [(6, 0, [])],
                    "form_ids": [(6, 0, form.ids)],
                    "state": "running",
                }
            )
            cls.programme_id, cls.form_id = programme.id, form.id
            names = ["Race Mentor M", "Race Mentor N", "Race Mentee X", "Race Mentee Y"]
            partners = env["res.partner"].create([{"name": name} for name in names])
            cls.partner_ids = partners.ids
            kind = env.ref("odoo_mentorship.kind_teacher")

            def values(partner, **vals):
                return {
                    "partner_id": partner.id,
                    "programme_id": programme.id,
                    "kind_id": kind.id,
                    "consent_date": today - timedelta(days=30),
                    "consent_given_by_id": partner.id,
                    **vals,
                }

            # mentors selected and trained: the ones the match wizard suggests
            ready = env.ref("odoo_mentorship.mentor_stage_ready").id
            mentors = env["mentorship.mentor"].create(
                [
                    values(partner, capacity=1, stage_id=ready)
                    for partner in partners[:2]
                ]
            )
            mentees = env["mentorship.mentee"].create(
                [values(partner) for partner in partners[2:]]
            )
            cls.mentor_m, cls.mentor_n = mentors.ids
            cls.mentee_x, cls.mentee_y = mentees.ids

    @classmethod
    def _env(cls, cr):
        return api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})

    @classmethod
    def _delete_people(cls):
        with cls.registry.cursor() as cr:
            env = cls._env(cr)
            cls._delete_pairs(env)
            env = env(
                context=dict(
                    env.context, active_test=False, **{MODULE_UNINSTALL_FLAG: True}
                )
            )
            programme = env["mentorship.programme"].browse(cls.programme_id)
            programme.mentee_ids.unlink()
            programme.mentor_ids.unlink()
            programme.unlink()
            env["res.partner"].browse(cls.partner_ids).unlink()
            env.ref(
                "base.main_company"
            ).mentorship_pairs_need_order = cls.pairs_needed_order

    @classmethod
    def _delete_pairs(cls, env):
        """What a test committed: the pairs, their meetings and feedback, the orders."""
        env = env(
            context=dict(
                env.context, active_test=False, **{MODULE_UNINSTALL_FLAG: True}
            )
        )
        programme = env["mentorship.programme"].browse(cls.programme_id)
        pairs = env["mentorship.pair"].search([("programme_id", "=", programme.id)])
        env["mentorship.order"].search([("programme_id", "=", programme.id)]).unlink()
        env["mentorship.meeting.feedback"].search(
            [("pair_id", "in", pairs.ids)]
        ).unlink()
        pairs.meeting_ids.unlink()
        pairs.unlink()
        env["mentorship.match.wizard"].search(
            [("programme_id", "=", programme.id)]
        ).unlink()
        (programme.mentee_ids.activity_ids | programme.mentor_ids.activity_ids).unlink()

    def setUp(self):
        super().setUp()
        self.addCleanup(self._cleanup_test)

    def _cleanup_test(self):
        with self.registry.cursor() as cr:
            self._delete_pairs(self._env(cr))

    # ------------------------------------------------------------
    # TOOLS
    # ------------------------------------------------------------

    def _commit(self, func):
        """Run func(env) in a transaction of its own and commit it."""
        with self.registry.cursor() as cr:
            return func(self._env(cr))

    def _read(self, func):
        with self.registry.cursor() as cr:
            return func(self._env(cr))

    def _race(self, *actions, ordered=False):
        """Run each action(env) in its own thread and transaction, through Odoo's
        retry of serialization failures. Every transaction reads first, then they wait
        for each other and act at once; `ordered`: each acts once the previous one has
        committed (the second then acts on a snapshot older than the first's commit).
        Return, for each action, ('ok', result) or ('error', exception), and how many
        attempts each needed."""
        barrier = threading.Barrier(len(actions))
        done = [threading.Event() for _ in actions]
        outcomes = [None] * len(actions)
        attempts = [0] * len(actions)

        def run(index, action):
            try:
                with self.registry.cursor() as cr:
                    env = self._env(cr)

                    def attempt():
                        attempts[index] += 1
                        # the transaction's snapshot is taken by its first query
                        env["mentorship.pair"].search_count(
                            [("programme_id", "=", self.programme_id)]
                        )
                        if attempts[index] == 1:
                            barrier.wait(timeout=TIMEOUT)
                            if ordered and index:
                                done[index - 1].wait(timeout=TIMEOUT)
                        return action(env)

                    outcomes[index] = ("ok", retrying(attempt, env))
            except Exception as error:  # noqa: BLE001 -- the outcome of the side
                outcomes[index] = ("error", error)
            finally:
                done[index].set()

        threads = [
            threading.Thread(target=run, args=(i, action))
            for i, action in enumerate(actions)
        ]
        # The thread running the tests holds the registries' lock (the server loads
        # the registry under it), which Registry(dbname) takes in the other threads:
        # released as Odoo's test mode does for the threads of its HTTP tests.
        with (
            mute_logger("odoo.service.model", "odoo.sql_db"),
            patch.object(Registry, "_lock", DummyRLock()),
        ):
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=TIMEOUT)
        self.assertFalse(
            any(thread.is_alive() for thread in threads),
            "a transaction is still waiting",
        )
        return outcomes, attempts

    def _create_pair(self, mentor_id, mentee_id):
        def create(env):
            return (
                env["mentorship.pair"]
                .create(
                    {
                        "programme_id": self.programme_id,
                        "mentor_id": mentor_id,
                        "mentee_ids": [(6, 0, [mentee_id])],
                        "form_id": self.form_id,
                    }
                )
                .id
            )

        return create

    def _open_pairs(self, env, **domain):
        Pair = env["mentorship.pair"]
        terms = [
            ("programme_id", "=", self.programme_id),
            ("state", "in", ("forming", "working")),
        ]
        if "mentor_id" in domain:
            terms.append(("mentor_id", "=", domain["mentor_id"]))
        if "mentee_id" in domain:
            terms.append(("mentee_ids", "in", domain["mentee_id"]))
        return Pair.search(terms)

    def assertOneRefused(self, outcomes, exception, regex):
        """One side committed; the other was refused with the rule's message."""
        kinds = sorted(kind for kind, _value in outcomes)
        self.assertEqual(
            kinds,
            ["error", "ok"],
            f"one side commits, the other is refused: {outcomes}",
        )
        error = next(value for kind, value in outcomes if kind == "error")
        self.assertIsInstance(error, exception)
        self.assertRegex(str(error), regex)

    # ------------------------------------------------------------
    # TESTS
    # ------------------------------------------------------------

    def test_capacity_two_pairs_for_a_mentor_of_one_place(self):
        """Two curators pair the mentor (capacity 1) with two mentees at once: one pair
        is formed, the other is refused after the first commits."""
        outcomes, attempts = self._race(
            self._create_pair(self.mentor_m, self.mentee_x),
            self._create_pair(self.mentor_m, self.mentee_y),
        )
        self.assertOneRefused(
            outcomes,
            ValidationError,
            r"Race Mentor M can take 1 mentee\(s\) at once, not 2\.",
        )
        self.assertGreater(
            max(attempts),
            1,
            "the second transaction waited, failed to serialize and was retried",
        )
        self.assertEqual(
            len(self._read(lambda env: self._open_pairs(env, mentor_id=self.mentor_m))),
            1,
        )

    def test_mentee_in_two_pairs_under_way(self):
        """Rule: a mentee is in one pair under way (forming or working) at a time. Two
        curators pair the same mentee with two mentors at once: one pair is formed."""
        outcomes, attempts = self._race(
            self._create_pair(self.mentor_m, self.mentee_x),
            self._create_pair(self.mentor_n, self.mentee_x),
        )
        self.assertOneRefused(
            outcomes, ValidationError, r"Race Mentee X is already in a pair under way"
        )
        self.assertGreater(max(attempts), 1)
        self.assertEqual(
            len(self._read(lambda env: self._open_pairs(env, mentee_id=self.mentee_x))),
            1,
        )

    def _sent_back_pair_in_an_order(self):
        """Mentee X found mentor M not a good fit after the trial: the pair is back in
        forming, listed in a draft pairs order; the match wizard suggests mentor N."""

        def prepare(env):
            pair = env["mentorship.pair"].browse(
                self._create_pair(self.mentor_m, self.mentee_x)(env)
            )
            for meeting_type, days_ago in (("intro", 3), ("trial", 1)):
                meeting = env["mentorship.meeting"].create(
                    {
                        "pair_id": pair.id,
                        "meeting_type": meeting_type,
                        "date_start": (
                            f"{self.today - timedelta(days=days_ago)} 10:00:00"
                        ),
                        "attendee_ids": [(6, 0, pair.mentee_ids.ids)],
                    }
                )
            env["mentorship.meeting.feedback"].create(
                {
                    "meeting_id": meeting.id,
                    "mentee_id": self.mentee_x,
                    "rating": "2",
                    "not_good_fit": True,
                }
            )
            self.assertEqual(pair.state, "forming")
            order = env["mentorship.order"].create(
                {
                    "order_type": "pairs",
                    # given: the school's register of numbers is not used
                    "name": "RACE-1",
                    "programme_id": self.programme_id,
                    "pair_ids": [(6, 0, pair.ids)],
                }
            )
            wizard = env["mentorship.match.wizard"].create(
                {
                    "programme_id": self.programme_id,
                    "mentee_ids": [(6, 0, [self.mentee_x])],
                }
            )
            wizard.action_suggest()
            line = wizard.line_ids.filtered("accepted")
            self.assertEqual(
                (line.mentee_id.id, line.mentor_id.id), (self.mentee_x, self.mentor_n)
            )
            return pair.id, order.id, wizard.id

        pair_id, order_id, wizard_id = self._commit(prepare)

        def approve(env):
            env["mentorship.order"].browse(order_id).action_approve()

        def accept(env):
            env["mentorship.match.wizard"].browse(wizard_id).action_create_pairs()

        return pair_id, order_id, approve, accept

    def test_order_approved_while_the_wizard_reforms_the_pair(self):
        """The director approves the order (the pair starts working) while the curator
        accepts the wizard's new mentor for the same mentee: the order wins, the wizard
        is refused, the mentee stays in one pair under way."""
        pair_id, order_id, approve, accept = self._sent_back_pair_in_an_order()
        outcomes, _attempts = self._race(approve, accept, ordered=True)
        self.assertEqual(outcomes[0][0], "ok", outcomes)
        self.assertOneRefused(
            outcomes, ValidationError, r"Race Mentee X is already in a pair under way"
        )

        def check(env):
            self.assertEqual(env["mentorship.order"].browse(order_id).state, "approved")
            self.assertEqual(
                self._open_pairs(env, mentee_id=self.mentee_x).ids, [pair_id]
            )
            self.assertEqual(env["mentorship.pair"].browse(pair_id).state, "working")

        self._read(check)

    def test_wizard_reforms_the_pair_while_the_order_is_approved(self):
        """The other way round: the wizard's new pair is committed first, the order is
        refused (its pair no longer forms) and stays a draft."""
        pair_id, order_id, approve, accept = self._sent_back_pair_in_an_order()
        outcomes, _attempts = self._race(accept, approve, ordered=True)
        self.assertEqual(outcomes[0][0], "ok", outcomes)
        self.assertOneRefused(outcomes, UserError, r"is no longer forming")

        def check(env):
            self.assertEqual(env["mentorship.order"].browse(order_id).state, "draft")
            self.assertEqual(env["mentorship.pair"].browse(pair_id).state, "dissolved")
            pairs = self._open_pairs(env, mentee_id=self.mentee_x)
            self.assertEqual(pairs.mentor_id.id, self.mentor_n)

        self._read(check)

    def test_todo_once_scheduled_twice_at_once(self):
        """A job and a trigger give the same to-do on the
        same record at once: one to-do."""

        def prepare(env):
            pair = env["mentorship.pair"].browse(
                self._create_pair(self.mentor_m, self.mentee_x)(env)
            )
            pair.message_subscribe(env.ref("base.user_admin").partner_id.ids)
            return pair.id

        pair_id = self._commit(prepare)

        def schedule(env):
            pair = env["mentorship.pair"].browse(pair_id)
            return pair._schedule_todo_once(
                env.ref("base.user_admin"), "Race: call the mentor"
            ).id

        outcomes, _attempts = self._race(schedule, schedule)
        self.assertEqual([kind for kind, _value in outcomes], ["ok", "ok"], outcomes)

        def count(env):
            return env["mail.activity"].search_count(
                [
                    ("res_model", "=", "mentorship.pair"),
                    ("res_id", "=", pair_id),
                    ("summary", "=", "Race: call the mentor"),
                ]
            )

        self.assertEqual(self._read(count), 1)
