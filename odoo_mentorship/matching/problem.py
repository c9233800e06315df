"""The matching engine: plain Python over numpy, fed by the ORM once.

``MatchingProblem`` scores every mentor of a programme for every mentee, applies the
hard exclusions and assigns the pool optimally within capacities; the Odoo side is the
thin ``mentorship.matching`` model (models/mentorship_matching.py) and the wizards."""

import numpy as np
from scipy.optimize import linear_sum_assignment

from odoo import fields
from odoo.tools.misc import formatLang

from ..models.mentorship_matching_criterion import CRITERIA
from ..models.mentorship_pair import OPEN_STATES

# Hard exclusions of a mentor for a mentee, in the order they are checked: a pair
# keeps the first one that applies as its reason.
ADMISSIBLE = 0
SAME_PERSON = 1
DIRECT_MANAGER = 2
PAST_PAIR = 3
NO_FORM = 4
MENTOR_CONSENT = 5
MENTOR_FULL = 6

DAYS_PER_YEAR = 365.25
TOP_LIMIT = 5


class MatchingProblem:
    """The scores and hard exclusions of every mentor for every mentee of one
    programme. The people are read once and every criterion is computed for the
    whole mentee × mentor matrix with numpy, so a pool of a thousand mentees and
    hundreds of mentors is scored in a fraction of a second. Mentees and mentors are
    ordered by id: the same data always gives the same result."""

    def __init__(self, env, programme, mentees, mentors):
        self.env = env
        self.programme = programme
        self.mentees = mentees.sorted("id")
        self.mentors = mentors.sorted("id")
        self.today = fields.Date.context_today(programme)
        self.n, self.m = len(self.mentees), len(self.mentors)
        self._load_criteria()
        self._load_people()
        self._load_forms()
        self._load_history()
        self._compute_exclusions()
        self._compute_scores()

    # ------------------------------------------------------------
    # LOADING
    # ------------------------------------------------------------

    def _load_criteria(self):
        criteria = self.env["mentorship.matching.criterion"].sudo().search([])
        self.weights = {code: 0.0 for code, _label in CRITERIA}
        self.targets = {"experience": 5.0, "age": 2.0}
        for criterion in criteria:
            self.weights[criterion.code] = criterion.weight
            if criterion.code in self.targets and criterion.target > 0:
                self.targets[criterion.code] = criterion.target

    def _load_people(self):
        mentees, mentors = self.mentees, self.mentors
        employees = (mentees.employee_id | mentors.employee_id).sudo()
        # the curator may not read HR data: experience,
        # department and manager as superuser
        self.employee_info = {
            employee.id: {
                "department": employee.department_id.id or 0,
                "department_name": employee.department_id.name,
                "manager": employee.parent_id.id or 0,
                "experience": employee._get_teaching_experience(self.today),
            }
            for employee in employees
        }

        def column(records, getter, dtype=np.int64):
            return np.array([getter(record) for record in records], dtype=dtype)

        def info(employee, key, default=0):
            return self.employee_info[employee.id][key] if employee else default

        def years(employee):
            if not employee:
                return np.nan
            exp_years, exp_months, exp_days = self.employee_info[employee.id][
                "experience"
            ]
            return exp_years + (exp_months + exp_days / 30.0) / 12.0

        def age(record):
            return (
                (self.today - record.birth_date).days / DAYS_PER_YEAR
                if record.birth_date
                else np.nan
            )

        self.mentee_partner = column(mentees, lambda r: r.partner_id.id)
        self.mentor_partner = column(mentors, lambda r: r.partner_id.id)
        self.mentee_employee = column(mentees, lambda r: r.employee_id.id)
        self.mentor_employee = column(mentors, lambda r: r.employee_id.id)
        self.mentee_department = column(
            mentees, lambda r: info(r.employee_id, "department")
        )
        self.mentor_department = column(
            mentors, lambda r: info(r.employee_id, "department")
        )
        self.mentee_manager = column(mentees, lambda r: info(r.employee_id, "manager"))
        self.mentee_years = column(mentees, lambda r: years(r.employee_id), float)
        self.mentor_years = column(mentors, lambda r: years(r.employee_id), float)
        self.mentee_age = column(mentees, age, float)
        self.mentor_age = column(mentors, age, float)
        self.mentee_preferred = column(mentees, lambda r: r.preferred_mentor_id.id)
        self.mentor_ids = np.array(self.mentors.ids, dtype=np.int64)
        self.mentor_consent = column(mentors, lambda r: r.has_valid_consent, bool)
        self.free = column(mentors, lambda r: r.capacity - r.active_mentee_count)
        self.index_of_mentor = {
            mentor_id: j for j, mentor_id in enumerate(self.mentors.ids)
        }
        self.index_of_mentee = {
            mentee_id: i for i, mentee_id in enumerate(self.mentees.ids)
        }

        # mentees who cannot be matched whatever the mentor:
        # no consent, or a pair under way
        open_pairs = self._open_pairs_by_mentee(self.env, mentees)
        self.mentee_block = {}
        for i, mentee in enumerate(mentees):
            if mentee.id in open_pairs:
                self.mentee_block[i] = self.env._(
                    "Already in a pair under way: %(pair)s",
                    pair=open_pairs[mentee.id].name,
                )
            elif not mentee.has_valid_consent:
                self.mentee_block[i] = mentee._get_consent_problem()

        # requests still open, with topics, against the competencies of the mentors
        requests = mentees.request_ids.filtered(
            lambda request: not request.is_met and request.tag_ids
        )
        tags = (requests.tag_ids | mentors.competence_tag_ids).ids
        tag_index = {tag_id: k for k, tag_id in enumerate(tags)}
        request_tags = np.zeros((len(requests), len(tags)), dtype=np.float32)
        request_mentee = np.zeros(len(requests), dtype=np.int64)
        for r, request in enumerate(requests):
            request_mentee[r] = self.index_of_mentee[request.mentee_id.id]
            request_tags[r, [tag_index[tag_id] for tag_id in request.tag_ids.ids]] = 1.0
        mentor_tags = np.zeros((self.m, len(tags)), dtype=np.float32)
        for j, mentor in enumerate(mentors):
            mentor_tags[
                j, [tag_index[tag_id] for tag_id in mentor.competence_tag_ids.ids]
            ] = 1.0
        hits = (request_tags @ mentor_tags.T) > 0  # request × mentor
        self.requests_matched = np.zeros((self.n, self.m), dtype=np.float64)
        np.add.at(self.requests_matched, request_mentee, hits)
        self.requests_total = np.bincount(request_mentee, minlength=self.n).astype(
            np.float64
        )

    def _load_forms(self):
        """For each (mentee kind, mentor kind) the best form of the programme that
        allows both: one listing both kinds explicitly beats one open to any kind."""
        kinds = self.mentees.kind_id | self.mentors.kind_id
        kind_index = {kind.id: k for k, kind in enumerate(kinds)}
        size = len(kinds)
        self.form_quality = np.zeros((size, size))  # [mentee kind, mentor kind]
        self.form_table = np.zeros((size, size), dtype=np.int64)
        self.form_checks_experience = np.zeros((size, size), dtype=bool)
        for form in self.programme.form_ids.sorted(lambda f: (f.sequence, f.id)):
            for mentee_kind in kinds:
                if form.mentee_kind_ids and mentee_kind not in form.mentee_kind_ids:
                    continue
                for mentor_kind in kinds:
                    if form.mentor_kind_ids and mentor_kind not in form.mentor_kind_ids:
                        continue
                    quality = (
                        1.0 if form.mentee_kind_ids and form.mentor_kind_ids else 0.5
                    )
                    a, b = kind_index[mentee_kind.id], kind_index[mentor_kind.id]
                    if quality > self.form_quality[a, b]:
                        self.form_quality[a, b] = quality
                        self.form_table[a, b] = form.id
                        self.form_checks_experience[a, b] = (
                            form.check_teaching_experience
                        )
        learner = np.array([kind.is_learner for kind in kinds], dtype=bool)
        mentee_kind = np.array(
            [kind_index[r.kind_id.id] for r in self.mentees], dtype=np.int64
        )
        mentor_kind = np.array(
            [kind_index[r.kind_id.id] for r in self.mentors], dtype=np.int64
        )
        grid = np.ix_(mentee_kind, mentor_kind)
        self.pair_form_quality = self.form_quality[grid]
        self.pair_form = self.form_table[grid]
        self.pair_checks_experience = self.form_checks_experience[grid]
        self.pair_learners = (
            learner[mentee_kind][:, None] & learner[mentor_kind][None, :]
        )

    def _load_history(self):
        """The (mentee person, mentor person) of pairs that were dissolved or that a
        mentee found not a good fit, in any programme of the same school: they are not
        suggested again. Another school's history is not this school's to know."""
        partners_e, partners_m = (
            set(self.mentee_partner.tolist()),
            set(self.mentor_partner.tolist()),
        )
        env = self.env(su=True, context=dict(self.env.context, active_test=False))
        company_id = self.programme.company_id.id
        self.past_pairs = set()
        dissolved = env["mentorship.pair"].search(
            [
                ("company_id", "=", company_id),
                ("state", "=", "dissolved"),
                ("mentor_id.partner_id", "in", list(partners_m)),
                ("mentee_ids.partner_id", "in", list(partners_e)),
            ]
        )
        for pair in dissolved:
            for mentee in pair.mentee_ids:
                self.past_pairs.add(
                    (mentee.partner_id.id, pair.mentor_id.partner_id.id)
                )
        not_good_fit = env["mentorship.meeting.feedback"].search(
            [
                ("pair_id.company_id", "=", company_id),
                ("not_good_fit", "=", True),
                ("mentee_id.partner_id", "in", list(partners_e)),
                ("pair_id.mentor_id.partner_id", "in", list(partners_m)),
            ]
        )
        for feedback in not_good_fit:
            self.past_pairs.add(
                (
                    feedback.mentee_id.partner_id.id,
                    feedback.pair_id.mentor_id.partner_id.id,
                )
            )

    @staticmethod
    def _open_pairs_by_mentee(env, mentees):
        """{mentee id: pair} of the mentees in a pair under way, except a pair the
        mentee has sent back to forming as not a good fit (the mentee waits again)."""
        pairs = (
            env["mentorship.pair"]
            .sudo()
            .search(
                [
                    ("mentee_ids", "in", mentees.ids),
                    ("state", "in", OPEN_STATES),
                ]
            )
        )
        sent_back = (
            env["mentorship.matching"]._sent_back_pairs(mentees) if pairs else set()
        )
        result = {}
        for pair in pairs:
            for mentee_id in pair.mentee_ids.ids:
                if (pair.id, mentee_id) not in sent_back:
                    result.setdefault(mentee_id, pair)
        return result

    # ------------------------------------------------------------
    # EXCLUSIONS AND SCORES
    # ------------------------------------------------------------

    def _compute_exclusions(self):
        shape = (self.n, self.m)
        exclusion = np.zeros(shape, dtype=np.int8)

        def mark(code, condition):
            exclusion[(exclusion == ADMISSIBLE) & np.broadcast_to(condition, shape)] = (
                code
            )

        same_employee = (
            self.mentee_employee[:, None] == self.mentor_employee[None, :]
        ) & (self.mentee_employee[:, None] > 0)
        mark(
            SAME_PERSON,
            (self.mentee_partner[:, None] == self.mentor_partner[None, :])
            | same_employee,
        )
        mark(
            DIRECT_MANAGER,
            (self.mentee_manager[:, None] == self.mentor_employee[None, :])
            & (self.mentee_manager[:, None] > 0),
        )
        if self.past_pairs:
            past = np.zeros(shape, dtype=bool)
            mentee_rows, mentor_cols = {}, {}
            for i, partner_id in enumerate(self.mentee_partner.tolist()):
                mentee_rows.setdefault(partner_id, []).append(i)
            for j, partner_id in enumerate(self.mentor_partner.tolist()):
                mentor_cols.setdefault(partner_id, []).append(j)
            for mentee_partner, mentor_partner in self.past_pairs:
                for i in mentee_rows.get(mentee_partner, ()):
                    past[i, mentor_cols.get(mentor_partner, [])] = True
            mark(PAST_PAIR, past)
        mark(NO_FORM, self.pair_form_quality == 0)
        mark(MENTOR_CONSENT, ~self.mentor_consent[None, :])
        mark(MENTOR_FULL, self.free[None, :] <= 0)
        self.exclusion = exclusion
        blocked = np.zeros(self.n, dtype=bool)
        blocked[list(self.mentee_block)] = True
        self.admissible = (exclusion == ADMISSIBLE) & ~blocked[:, None]

    def _compute_scores(self):
        """Each criterion gives a value in [0, 1] and says where it applies; the score
        is 100 × the weighted average of the values over the criteria that apply."""
        shape = (self.n, self.m)
        values, applies = {}, {}
        with np.errstate(divide="ignore", invalid="ignore"):
            total = self.requests_total[:, None]
            values["topics"] = np.where(
                total > 0, self.requests_matched / np.maximum(total, 1), 0.0
            )
            applies["topics"] = np.broadcast_to(total > 0, shape)

            same = self.mentee_department[:, None] == self.mentor_department[None, :]
            values["department"] = (
                same & (self.mentee_department[:, None] > 0)
            ).astype(float)
            applies["department"] = np.broadcast_to(
                self.mentee_department[:, None] > 0, shape
            )

            values["form"] = self.pair_form_quality
            applies["form"] = np.ones(shape, dtype=bool)

            gap = self.mentor_years[None, :] - self.mentee_years[:, None]
            values["experience"] = np.nan_to_num(
                np.clip(gap / self.targets["experience"], 0.0, 1.0)
            )
            applies["experience"] = self.pair_checks_experience

            target = self.targets["age"]
            age_gap = self.mentor_age[None, :] - self.mentee_age[:, None]
            closeness = np.clip(1.0 - np.abs(age_gap - target) / target, 0.0, 1.0)
            values["age"] = np.nan_to_num(np.where(age_gap > 0, closeness, 0.0))
            applies["age"] = self.pair_learners

            preferred = self.mentee_preferred[:, None]
            values["preference"] = (preferred == self.mentor_ids[None, :]).astype(float)
            applies["preference"] = np.broadcast_to(preferred > 0, shape)

        weighted = np.zeros(shape)
        weight_sum = np.zeros(shape)
        for code, _label in CRITERIA:
            weight = self.weights[code]
            if weight:
                weighted += weight * applies[code] * values[code]
                weight_sum += weight * applies[code]
        score = np.where(
            weight_sum > 0,
            100.0 * weighted / np.where(weight_sum > 0, weight_sum, 1.0),
            0.0,
        )
        self.score = np.round(score, 2)

    # ------------------------------------------------------------
    # ASSIGNMENT
    # ------------------------------------------------------------

    def assign(self):
        """One optimal assignment of the whole pool: each mentor is repeated once per
        free place and `linear_sum_assignment` matches mentees to places. Matching as
        many mentees as possible comes first (every admissible pair is worth a bonus
        larger than any sum of scores), then the total score; inadmissible pairs are
        worth nothing and dropped afterwards. A vanishing penalty on the ids makes
        ties go to the lower mentor and mentee ids.

        Returns ({mentee index: mentor index}, {mentee index: reason}).
        """
        free = np.maximum(self.free, 0)
        slot_mentor = np.repeat(np.arange(self.m), free)
        assignment = {}
        if self.n and len(slot_mentor):
            bonus = 100.0 * (self.n + 1)
            ties = np.arange(self.n)[:, None] * self.m + np.arange(self.m)[None, :]
            epsilon = 1e-3 / (self.n * self.n * self.m)
            value = np.where(self.admissible, bonus + self.score - epsilon * ties, 0.0)
            rows, cols = linear_sum_assignment(value[:, slot_mentor], maximize=True)
            for i, col in zip(rows.tolist(), cols.tolist(), strict=False):
                j = int(slot_mentor[col])
                if self.admissible[i, j]:
                    assignment[i] = j
        unmatched = {
            i: self._unmatched_reason(i) for i in range(self.n) if i not in assignment
        }
        return assignment, unmatched

    def top(self, i, limit=TOP_LIMIT):
        """The best admissible mentors of mentee i: by score, then by mentor id."""
        candidates = np.flatnonzero(self.admissible[i])
        order = sorted(
            candidates.tolist(), key=lambda j: (-self.score[i, j], self.mentor_ids[j])
        )
        return order[:limit]

    # ------------------------------------------------------------
    # EXPLANATIONS
    # ------------------------------------------------------------

    def explain(self, i, j):
        """A readable explanation of the score of mentor j for mentee i: one part per
        criterion that counts (weight above 0) and applies, and the form of the pair."""
        _ = self.env._
        weights = self.weights
        parts = []
        if weights["topics"]:
            if self.requests_total[i]:
                parts.append(
                    _(
                        "Requests matched: %(matched)s of %(total)s",
                        matched=int(self.requests_matched[i, j]),
                        total=int(self.requests_total[i]),
                    )
                )
            else:
                parts.append(_("No open request with topics"))
        if weights["department"] and self.mentee_department[i]:
            if self.mentee_department[i] == self.mentor_department[j]:
                department = self.employee_info[int(self.mentee_employee[i])][
                    "department_name"
                ]
                parts.append(
                    _("Same department: %(department)s", department=department)
                )
            else:
                parts.append(_("Another department"))
        if self.pair_form[i, j]:
            form = self.env["mentorship.form"].browse(int(self.pair_form[i, j]))
            parts.append(_("Form: %(form)s", form=form.name))
        if weights["experience"] and self.pair_checks_experience[i, j]:
            if np.isnan(self.mentor_years[j]):
                parts.append(_("Mentor's teaching experience unknown"))
            else:
                parts.append(
                    _(
                        "Mentor's teaching experience: %(years)s years",
                        years=int(self.mentor_years[j]),
                    )
                )
                if not np.isnan(self.mentee_years[i]):
                    parts.append(
                        _(
                            "Mentee's teaching experience: %(years)s years",
                            years=int(self.mentee_years[i]),
                        )
                    )
        if weights["age"] and self.pair_learners[i, j]:
            if np.isnan(self.mentor_age[j]) or np.isnan(self.mentee_age[i]):
                parts.append(_("Age unknown"))
            else:
                gap = formatLang(
                    self.env, float(self.mentor_age[j] - self.mentee_age[i]), digits=1
                )
                parts.append(_("Age gap: %(years)s years", years=gap))
        preferred = int(self.mentee_preferred[i])
        if weights["preference"] and preferred:
            if preferred == self.mentor_ids[j]:
                parts.append(_("The mentee's preferred mentor"))
            else:
                mentor = self.env["mentorship.mentor"].browse(preferred)
                parts.append(
                    _("The mentee prefers %(mentor)s", mentor=mentor.partner_id.name)
                )
        return "; ".join(parts)

    def exclusion_reason(self, i, j):
        """Why mentor j cannot mentor mentee i, or None."""
        if i in self.mentee_block:
            return self.mentee_block[i]
        code = int(self.exclusion[i, j])
        if code == ADMISSIBLE:
            return None
        mentor = self.mentors[j]
        name = mentor.partner_id.name
        if code == SAME_PERSON:
            return self.env._("%(name)s cannot mentor themselves.", name=name)
        if code == DIRECT_MANAGER:
            return self.env._("%(name)s is the mentee's direct manager.", name=name)
        if code == PAST_PAIR:
            return self.env._(
                "A previous pair with %(name)s was dissolved or found not a good fit.",
                name=name,
            )
        if code == NO_FORM:
            return self.env._(
                "No form of the programme lets a %(mentor_kind)s mentor a "
                "%(mentee_kind)s.",
                mentor_kind=mentor.kind_id.name,
                mentee_kind=self.mentees[i].kind_id.name,
            )
        if code == MENTOR_CONSENT:
            return mentor._get_consent_problem()
        return self.env._(
            "%(name)s has no free place (%(load)s of %(capacity)s).",
            name=name,
            load=mentor.active_mentee_count,
            capacity=mentor.capacity,
        )

    def _unmatched_reason(self, i):
        if i in self.mentee_block:
            return self.mentee_block[i]
        if not self.m:
            return self.env._("The programme has no mentor.")
        admissible = int(self.admissible[i].sum())
        if admissible:
            return self.env._(
                "The places of the %(count)s admissible mentor(s) went to mentees with "
                "better matches.",
                count=admissible,
            )
        labels = {
            SAME_PERSON: self.env._("the mentee themselves"),
            DIRECT_MANAGER: self.env._("direct manager"),
            PAST_PAIR: self.env._("previous pair dissolved or not a good fit"),
            NO_FORM: self.env._("no form for these kinds"),
            MENTOR_CONSENT: self.env._("mentor without a valid consent"),
            MENTOR_FULL: self.env._("no free place"),
        }
        codes, counts = np.unique(self.exclusion[i], return_counts=True)
        reasons = ", ".join(
            f"{labels[int(code)]}: {int(count)}"
            for code, count in zip(codes, counts, strict=False)
            if int(code) in labels
        )
        return self.env._("No admissible mentor (%(reasons)s).", reasons=reasons)
