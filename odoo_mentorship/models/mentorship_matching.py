from odoo import api, models

from ..matching import MatchingProblem


class MentorshipMatching(models.AbstractModel):
    """The matching engine: scores every mentor of a programme for every mentee,
    applies the hard exclusions and assigns the pool optimally within capacities."""

    _name = "mentorship.matching"
    _description = "Mentor Matching"

    @api.model
    def _build_problem(self, programme, mentees, mentors):
        return MatchingProblem(self.env, programme, mentees, mentors)

    @api.model
    def _split_ready_mentors(self, mentors):
        """Mentors are suggested once selected and trained (seed 000: stage 4 before
        stage 5; seed 001: selection and training of mentors before pairs), i.e. at a
        stage of the mentor base marked ready, and trained by the school of mentors when
        the school pairs only trained mentors. Returns the ready mentors and, for the
        others, why they were left out."""
        ready = mentors.filtered("stage_id.is_ready")
        left_out = {
            mentor: self.env._(
                "%(name)s: at the stage «%(stage)s», not yet selected and trained.",
                name=mentor.partner_id.name,
                stage=mentor.stage_id.name,
            )
            for mentor in mentors - ready
        }
        # a school that pairs only trained mentors: the school of mentors decides too
        for mentor in ready:
            problem = mentor._get_training_problem()
            if problem:
                left_out[mentor] = problem
        return ready.filtered(lambda mentor: mentor not in left_out), left_out

    @api.model
    def _waiting_mentees(self, programme):
        """The waiting base: active mentees of the programme, not finished, without a
        pair under way nor a completed one. A mentee whose pair was dissolved, or who
        sent the pair back as not a good fit, waits again."""
        mentees = self.env["mentorship.mentee"].search(
            [("programme_id", "=", programme.id)]
        )
        mentees = mentees.filtered(lambda mentee: not mentee.stage_id.fold)
        blocked = MatchingProblem._open_pairs_by_mentee(self.env, mentees)
        completed = (
            self.env["mentorship.pair"]
            .sudo()
            .search(
                [
                    ("mentee_ids", "in", mentees.ids),
                    ("state", "=", "done"),
                ]
            )
        )
        blocked_ids = set(blocked) | set(completed.mentee_ids.ids)
        return mentees.filtered(lambda mentee: mentee.id not in blocked_ids)

    @api.model
    def _sent_back_pairs(self, mentees):
        """{(pair id, mentee id)} of the pairs in forming these mentees sent back as
        not a good fit."""
        feedbacks = (
            self.env["mentorship.meeting.feedback"]
            .sudo()
            .search(
                [
                    ("not_good_fit", "=", True),
                    ("mentee_id", "in", mentees.ids),
                    ("pair_id.state", "=", "forming"),
                ]
            )
        )
        return {(feedback.pair_id.id, feedback.mentee_id.id) for feedback in feedbacks}
