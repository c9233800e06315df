"""The participants' portal «Наставничество» in /my.

Mentors and mentees are mostly not Odoo users: students, parents, graduates and
employer staff get a portal account (or use their internal one). Ownership is the
record rules' (portal and participant rules on pairs): every route finds the pair
as the user with Odoo's portal helper (_document_check_access), then renders it as
superuser, as Odoo's own portal does; a guessed id gets a 404 and never data.
Every form is a CSRF-protected POST: its input is parsed here with clear messages;
what the user may change is the models' own rule (_check_participant_*), asked for
the current user before each write as superuser.
"""

from datetime import datetime, timedelta

import pytz
from werkzeug.exceptions import NotFound

from odoo import fields, http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal

from ..models.mentorship_consent import ANONYMIZE_AFTER_DAYS
from ..models.mentorship_meeting import MEETING_TYPES
from ..models.mentorship_meeting_feedback import RATINGS
from ..models.mentorship_pair import OPEN_STATES
from ..models.mentorship_plan_line import MENTEE_STATUSES

PLAN_STATUSES = ("todo", "in_progress", "done", "cancelled")
# the bases whose consent is given on the portal, by the URL's kind
PERSON_MODELS = {"mentee": "mentorship.mentee", "mentor": "mentorship.mentor"}
MEETING_FORMATS = ("in_person", "online", "group")
MAX_TEXT = 5000


class MentorshipPortal(CustomerPortal):
    # ------------------------------------------------------------
    # HOME COUNTERS
    # ------------------------------------------------------------

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "mentorship_pair_count" in counters:
            values["mentorship_pair_count"] = len(self._mentorship_my_pairs())
        if "mentorship_survey_count" in counters:
            values["mentorship_survey_count"] = len(self._mentorship_pending_answers())
        # only the counters asked for: the portal's script
        # fills the card of each one returned
        if {"mentorship_consent_count", "mentorship_child_count"} & set(counters):
            people = self._mentorship_people()
            if "mentorship_consent_count" in counters:
                values["mentorship_consent_count"] = len(
                    [
                        person
                        for person in people
                        if person._portal_consent_state() == "missing"
                    ]
                )
            if "mentorship_child_count" in counters:
                values["mentorship_child_count"] = len(
                    [person for person in people if person.is_minor]
                )
        return values

    # ------------------------------------------------------------
    # OWNERSHIP
    # ------------------------------------------------------------

    def _mentorship_pair_domain(self):
        """The pairs the user takes part in (the record rules also let a curator read
        the pairs of the school: the portal shows one's own only)."""
        partner = request.env.user.partner_id
        return [
            ("active", "=", True),
            "|",
            ("mentor_id.partner_id", "=", partner.id),
            ("mentee_ids.partner_id", "=", partner.id),
        ]

    def _mentorship_my_pairs(self):
        """The user's pairs, as superuser: those the user takes part in (looked up as
        superuser, as the path goes through the bases) that the record rules let the
        user read."""
        candidates = (
            request.env["mentorship.pair"].sudo().search(self._mentorship_pair_domain())
        )
        return (
            request.env["mentorship.pair"].search([("id", "in", candidates.ids)]).sudo()
        )

    def _mentorship_role(self, pair_sudo):
        """'mentor', 'mentee' or None for the current user in the pair."""
        return pair_sudo._participant_role(request.env.user)

    def _mentorship_my_mentee(self, pair_sudo):
        partner = request.env.user.partner_id
        return pair_sudo.mentee_ids.filtered(
            lambda mentee: mentee.partner_id == partner
        )

    def _mentorship_get_pair(self, pair_id):
        """The pair as superuser, once the record rules let the user read it and the
        user takes part in it."""
        try:
            pair_sudo = self._document_check_access("mentorship.pair", pair_id)
        except (AccessError, MissingError):
            raise NotFound() from None
        if not pair_sudo.active or not self._mentorship_role(pair_sudo):
            raise NotFound()
        return pair_sudo

    def _mentorship_get_meeting(self, meeting_id):
        meeting_sudo = (
            request.env["mentorship.meeting"].sudo().browse(meeting_id).exists()
        )
        if not meeting_sudo:
            raise NotFound()
        self._mentorship_get_pair(meeting_sudo.pair_id.id)
        return meeting_sudo

    def _mentorship_pending_answers(self):
        """Mentorship questionnaires of the current user that are not answered yet."""
        partner = request.env.user.partner_id
        return (
            request.env["survey.user_input"]
            .sudo()
            .search(
                [
                    ("mentorship_programme_id", "!=", False),
                    ("state", "!=", "done"),
                    ("test_entry", "=", False),
                    ("survey_id.active", "=", True),
                    "|",
                    "|",
                    ("partner_id", "=", partner.id),
                    ("mentorship_mentee_id.partner_id", "=", partner.id),
                    ("mentorship_mentor_id.partner_id", "=", partner.id),
                ]
            )
        )

    # ------------------------------------------------------------
    # TOOLS
    # ------------------------------------------------------------

    def _mentorship_messages(self):
        _ = request.env._
        return {
            "meeting_logged": _("The meeting is logged."),
            "plan_saved": _("The individual plan is saved."),
            "attended": _("Your attendance is confirmed."),
            "feedback_saved": _("Thank you: your feedback is saved."),
            "consent_given": _("Thank you: the consent is given."),
            "consent_given_paper": _(
                "Thank you: the consent is recorded. The school also needs it signed "
                "on paper: sign the printed text and hand it to the curator."
            ),
            "consent_withdrawn": _(
                "The consent is withdrawn. The school stops processing the data."
            ),
            "publication_withdrawn": _(
                "The consent to publication is withdrawn: the name and photo are no "
                "longer shown by the school."
            ),
        }

    def _mentorship_parse_datetime(self, value):
        """A datetime-local input in the user's time zone, as naive UTC, or None."""
        value = (value or "").strip()
        for pattern in (
            "%Y-%m-%dT%H:%M",
            "%Y-%m-%dT%H:%M:%S",
            "%Y-%m-%d %H:%M",
            "%Y-%m-%d %H:%M:%S",
        ):
            try:
                local = datetime.strptime(value, pattern)
            except ValueError:
                continue
            tz = pytz.timezone(
                request.env.context.get("tz") or request.env.user.tz or "UTC"
            )
            return tz.localize(local).astimezone(pytz.utc).replace(tzinfo=None)
        return None

    def _mentorship_parse_date(self, value):
        value = (value or "").strip()
        if not value:
            return False
        try:
            return fields.Date.to_date(value)
        except ValueError:
            return None

    def _mentorship_text(self, post, name, errors, label):
        value = (post.get(name) or "").strip()
        if len(value) > MAX_TEXT:
            errors.append(
                request.env._(
                    "%(field)s is too long: at most %(max)s characters.",
                    field=label,
                    max=MAX_TEXT,
                )
            )
        return value

    def _mentorship_save(self, write):
        """Run `write` in a savepoint; return the error message of the models, or None.
        A refused role (AccessError) is not a message for the form: it gives a 403."""
        try:
            with request.env.cr.savepoint():
                write()
                request.env.flush_all()
        except AccessError:
            raise
        except (UserError, ValidationError) as error:
            return error.args[0]
        return None

    # ------------------------------------------------------------
    # PAGES
    # ------------------------------------------------------------

    @http.route(
        ["/my/mentorship"], type="http", auth="user", website=True, readonly=True
    )
    def portal_my_mentorship(self, **kw):
        pairs = self._mentorship_my_pairs()
        people = self._mentorship_people()
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "mentorship",
                "pairs": pairs,
                # the consents the user gives (their own,
                # their children's) and the children
                "people": people,
                "consent_states": {
                    person: person._portal_consent_state() for person in people
                },
                "children": [person for person in people if person.is_minor],
                "person_url": self._mentorship_person_url,
                "consent_state_labels": self._mentorship_consent_state_labels(),
                "child_pairs": {
                    person: self._mentorship_child_pairs(person)
                    for person in people
                    if person.is_minor
                },
                "message": self._mentorship_messages().get(kw.get("message")),
                "roles": {pair.id: self._mentorship_role(pair) for pair in pairs},
                "next_meetings": {
                    pair.id: self._mentorship_next_meeting(pair) for pair in pairs
                },
                "answers": self._mentorship_pending_answers(),
            }
        )
        return request.render("odoo_mentorship.portal_my_mentorship", values)

    def _mentorship_next_meeting(self, pair_sudo):
        now = fields.Datetime.now()
        upcoming = pair_sudo.meeting_ids.filtered(
            lambda meeting: meeting.date_start >= now
        )
        return upcoming.sorted("date_start")[:1]

    def _mentorship_pair_values(self, pair_sudo, **kw):
        role = self._mentorship_role(pair_sudo)
        my_mentee = self._mentorship_my_mentee(pair_sudo)
        feedback_by_meeting = {
            feedback.meeting_id.id: feedback
            for feedback in pair_sudo.meeting_ids.feedback_ids
            if feedback.mentee_id == my_mentee
        }
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "mentorship_pair",
                "pair": pair_sudo,
                "role": role,
                "my_mentee": my_mentee,
                "is_open": pair_sudo.state in OPEN_STATES,
                "next_meeting": self._mentorship_next_meeting(pair_sudo),
                "feedback_by_meeting": feedback_by_meeting,
                "meeting_types": MEETING_TYPES,
                "meeting_type_labels": dict(
                    pair_sudo.meeting_ids._fields[
                        "meeting_type"
                    ]._description_selection(request.env)
                ),
                "format_labels": dict(
                    pair_sudo.meeting_ids._fields[
                        "meeting_format"
                    ]._description_selection(request.env)
                ),
                "status_labels": dict(
                    pair_sudo.plan_line_ids._fields["status"]._description_selection(
                        request.env
                    )
                ),
                "plan_statuses": PLAN_STATUSES if role == "mentor" else MENTEE_STATUSES,
                "default_meeting_type": pair_sudo._next_meeting_type(),
                "default_date": fields.Datetime.context_timestamp(
                    pair_sudo.with_context(tz=request.env.user.tz or "UTC"),
                    fields.Datetime.now(),
                ).strftime("%Y-%m-%dT%H:%M"),
                "message": self._mentorship_messages().get(kw.get("message")),
                "error": kw.get("error"),
                "form": kw.get("form") or {},
                "error_line_id": kw.get("error_line_id"),
                # the chatter of the pair: the portal user reads
                # the pair through its record rule
                "disable_composer": False,
            }
        )
        return values

    @http.route(
        ["/my/mentorship/pairs/<int:pair_id>"],
        type="http",
        auth="user",
        website=True,
        readonly=True,
    )
    def portal_mentorship_pair(self, pair_id, message=None, **kw):
        pair_sudo = self._mentorship_get_pair(pair_id)
        return request.render(
            "odoo_mentorship.portal_mentorship_pair",
            self._mentorship_pair_values(pair_sudo, message=message),
        )

    def _mentorship_render_pair_error(self, pair_sudo, error, **kw):
        values = self._mentorship_pair_values(pair_sudo, error=error, **kw)
        return request.render(
            "odoo_mentorship.portal_mentorship_pair", values, status=400
        )

    # ------------------------------------------------------------
    # MEETINGS
    # ------------------------------------------------------------

    @http.route(
        ["/my/mentorship/pairs/<int:pair_id>/meetings"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_mentorship_log_meeting(self, pair_id, **post):
        """The mentor logs a meeting: type, date, format, agenda and outcome."""
        pair_sudo = self._mentorship_get_pair(pair_id)
        _ = request.env._
        errors = []
        meeting_type = post.get("meeting_type")
        if meeting_type not in dict(MEETING_TYPES):
            errors.append(_("Choose the type of the meeting."))
        meeting_format = post.get("meeting_format") or "in_person"
        if meeting_format not in MEETING_FORMATS:
            errors.append(_("Choose the format of the meeting."))
        date_start = self._mentorship_parse_datetime(post.get("date_start"))
        if not date_start:
            errors.append(_("Enter the date and time of the meeting."))
        agenda = self._mentorship_text(post, "agenda", errors, _("The agenda"))
        if not agenda:
            errors.append(_("Describe the agenda of the meeting."))
        outcome = self._mentorship_text(post, "outcome", errors, _("The outcome"))
        if date_start and outcome and date_start > fields.Datetime.now():
            errors.append(
                _(
                    "A meeting in the future has no outcome yet: leave the outcome "
                    "empty."
                )
            )
        if errors:
            return self._mentorship_render_pair_error(
                pair_sudo, "\n".join(errors), form=post
            )
        vals = {
            "pair_id": pair_sudo.id,
            "meeting_type": meeting_type,
            "meeting_format": meeting_format,
            "date_start": date_start,
            "agenda": agenda,
            "outcome": outcome or False,
            "attendee_ids": [(6, 0, pair_sudo.mentee_ids.ids)]
            if date_start <= fields.Datetime.now()
            else [],
            "mentor_confirmed": date_start <= fields.Datetime.now(),
        }
        error = self._mentorship_save(
            lambda: request.env["mentorship.meeting"]._create_for(
                request.env.user, [vals]
            )
        )
        if error:
            return self._mentorship_render_pair_error(pair_sudo, error, form=post)
        return request.redirect(
            f"/my/mentorship/pairs/{pair_sudo.id}?message=meeting_logged"
        )

    @http.route(
        ["/my/mentorship/meetings/<int:meeting_id>"],
        type="http",
        auth="user",
        website=True,
        readonly=True,
    )
    def portal_mentorship_meeting(self, meeting_id, message=None, **kw):
        meeting_sudo = self._mentorship_get_meeting(meeting_id)
        return request.render(
            "odoo_mentorship.portal_mentorship_meeting",
            self._mentorship_meeting_values(meeting_sudo, message=message),
        )

    def _mentorship_meeting_values(self, meeting_sudo, **kw):
        pair_sudo = meeting_sudo.pair_id
        role = self._mentorship_role(pair_sudo)
        my_mentee = self._mentorship_my_mentee(pair_sudo)
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "mentorship_meeting",
                "pair": pair_sudo,
                "meeting": meeting_sudo,
                "role": role,
                "my_mentee": my_mentee,
                "my_feedback": meeting_sudo.feedback_ids.filtered(
                    lambda f: f.mentee_id == my_mentee
                )[:1],
                # the mentor reads every feedback of the
                # meeting, a mentee only their own
                "feedbacks": meeting_sudo.feedback_ids
                if role == "mentor"
                else meeting_sudo.feedback_ids.browse(),
                "has_taken_place": meeting_sudo.date_start <= fields.Datetime.now(),
                "ratings": meeting_sudo.feedback_ids._fields[
                    "rating"
                ]._description_selection(request.env),
                "meeting_type_labels": dict(
                    meeting_sudo._fields["meeting_type"]._description_selection(
                        request.env
                    )
                ),
                "format_labels": dict(
                    meeting_sudo._fields["meeting_format"]._description_selection(
                        request.env
                    )
                ),
                "message": self._mentorship_messages().get(kw.get("message")),
                "error": kw.get("error"),
                "form": kw.get("form") or {},
            }
        )
        return values

    def _mentorship_render_meeting_error(self, meeting_sudo, error, **kw):
        values = self._mentorship_meeting_values(meeting_sudo, error=error, **kw)
        return request.render(
            "odoo_mentorship.portal_mentorship_meeting", values, status=400
        )

    def _mentorship_check_mentee_of_meeting(self, meeting_sudo):
        _ = request.env._
        mentee = self._mentorship_my_mentee(meeting_sudo.pair_id)
        if not mentee:
            raise AccessError(
                _("Only the mentees of the pair confirm attendance and give feedback.")
            )
        if meeting_sudo.date_start > fields.Datetime.now():
            return mentee, _("The meeting has not taken place yet.")
        return mentee, None

    def _mentorship_attend(self, meeting_sudo, mentee):
        meeting_sudo._write_for(request.env.user, {"attendee_ids": [(4, mentee.id)]})

    @http.route(
        ["/my/mentorship/meetings/<int:meeting_id>/attend"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_mentorship_attend(self, meeting_id, **post):
        meeting_sudo = self._mentorship_get_meeting(meeting_id)
        mentee, error = self._mentorship_check_mentee_of_meeting(meeting_sudo)
        if error:
            return self._mentorship_render_meeting_error(meeting_sudo, error)
        error = self._mentorship_save(
            lambda: self._mentorship_attend(meeting_sudo, mentee)
        )
        if error:
            return self._mentorship_render_meeting_error(meeting_sudo, error)
        return request.redirect(
            f"/my/mentorship/meetings/{meeting_sudo.id}?message=attended"
        )

    @http.route(
        ["/my/mentorship/meetings/<int:meeting_id>/feedback"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_mentorship_feedback(self, meeting_id, **post):
        """The mentee rates the meeting from 1 to 5 with a comment; giving feedback
        confirms the attendance too."""
        meeting_sudo = self._mentorship_get_meeting(meeting_id)
        _ = request.env._
        mentee, error = self._mentorship_check_mentee_of_meeting(meeting_sudo)
        errors = [error] if error else []
        rating = post.get("rating")
        if rating not in dict(RATINGS):
            errors.append(_("Choose a rating from 1 to 5."))
        comment = self._mentorship_text(post, "comment", errors, _("The comment"))
        not_good_fit = bool(post.get("not_good_fit"))
        if errors:
            return self._mentorship_render_meeting_error(
                meeting_sudo, "\n".join(errors), form=post
            )

        def write():
            feedback = meeting_sudo.feedback_ids.filtered(
                lambda f: f.mentee_id == mentee
            )
            vals = {"rating": rating, "comment": comment or False}
            if not_good_fit:
                vals["not_good_fit"] = True
            if mentee not in meeting_sudo.attendee_ids:
                self._mentorship_attend(meeting_sudo, mentee)
            if feedback:
                feedback._write_for(request.env.user, vals)
            else:
                vals.update(meeting_id=meeting_sudo.id, mentee_id=mentee.id)
                request.env["mentorship.meeting.feedback"]._create_for(
                    request.env.user, [vals]
                )

        error = self._mentorship_save(write)
        if error:
            return self._mentorship_render_meeting_error(meeting_sudo, error, form=post)
        return request.redirect(
            f"/my/mentorship/meetings/{meeting_sudo.id}?message=feedback_saved"
        )

    # ------------------------------------------------------------
    # INDIVIDUAL PLAN
    # ------------------------------------------------------------

    def _mentorship_plan_vals(self, pair_sudo, post, role):
        """Validated values of a plan line form, and the errors."""
        _ = request.env._
        errors = []
        status = post.get("status") or "todo"
        if status not in PLAN_STATUSES:
            errors.append(_("Choose a valid status."))
        if role != "mentor":
            return {"status": status}, errors
        goal = self._mentorship_text(post, "goal", errors, _("The goal"))
        if not goal:
            errors.append(_("Enter the goal of the plan line."))
        deadline = self._mentorship_parse_date(post.get("deadline"))
        if deadline is None:
            errors.append(_("Enter the deadline as a date."))
        vals = {
            "goal": goal,
            "task": self._mentorship_text(post, "task", errors, _("The task")) or False,
            "deadline": deadline or False,
            "status": status,
            "result": self._mentorship_text(post, "result", errors, _("The result"))
            or False,
        }
        return vals, errors

    @http.route(
        ["/my/mentorship/pairs/<int:pair_id>/plan"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_mentorship_plan_add(self, pair_id, **post):
        pair_sudo = self._mentorship_get_pair(pair_id)
        vals, errors = self._mentorship_plan_vals(pair_sudo, post, "mentor")
        if errors:
            return self._mentorship_render_pair_error(
                pair_sudo, "\n".join(errors), form=post, error_line_id="new"
            )
        vals["pair_id"] = pair_sudo.id
        error = self._mentorship_save(
            lambda: request.env["mentorship.plan.line"]._create_for(
                request.env.user, [vals]
            )
        )
        if error:
            return self._mentorship_render_pair_error(
                pair_sudo, error, form=post, error_line_id="new"
            )
        return request.redirect(
            f"/my/mentorship/pairs/{pair_sudo.id}?message=plan_saved#plan"
        )

    @http.route(
        ["/my/mentorship/pairs/<int:pair_id>/plan/<int:line_id>"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_mentorship_plan_update(self, pair_id, line_id, **post):
        """Mentees update the status of a task, the mentor edits the whole line."""
        pair_sudo = self._mentorship_get_pair(pair_id)
        line_sudo = pair_sudo.plan_line_ids.filtered(lambda line: line.id == line_id)
        if not line_sudo:
            raise NotFound()
        role = self._mentorship_role(pair_sudo)
        vals, errors = self._mentorship_plan_vals(pair_sudo, post, role)
        if errors:
            return self._mentorship_render_pair_error(
                pair_sudo, "\n".join(errors), form=post, error_line_id=line_id
            )
        error = self._mentorship_save(
            lambda: line_sudo._write_for(request.env.user, vals)
        )
        if error:
            return self._mentorship_render_pair_error(
                pair_sudo, error, form=post, error_line_id=line_id
            )
        return request.redirect(
            f"/my/mentorship/pairs/{pair_sudo.id}?message=plan_saved#plan"
        )

    # ------------------------------------------------------------
    # CONSENT AND CHILDREN
    #
    # The person gives or withdraws their own consent; the legal representative of a
    # minor (a portal user whose partner is the representative recorded by the school)
    # gives or withdraws the child's, and reads the child's pairs: the mentor's name,
    # the form, the stage, the meeting dates and the plan, nothing else of the child
    # and nothing of the other children of a pair. No record rule gives a
    # representative these records: they are read here as superuser after the check
    # that the user is the one who consents (_consent_giver of the bases).
    # ------------------------------------------------------------

    def _mentorship_people(self):
        """The base records (as superuser) whose consent the user gives: their own as
        an adult, those of the minors they represent."""
        partner = request.env.user.partner_id
        people = []
        for model in PERSON_MODELS.values():
            records = (
                request.env[model]
                .sudo()
                .search(
                    [
                        ("is_anonymized", "=", False),
                        "|",
                        ("partner_id", "=", partner.id),
                        ("legal_representative_id", "=", partner.id),
                    ],
                    order="id",
                )
            )
            people += [
                record for record in records if record._consent_giver() == partner
            ]
        return people

    def _mentorship_person_url(self, person, suffix=""):
        return (
            f"/my/mentorship/people/{person._name.split('.')[-1]}/{person.id}{suffix}"
        )

    def _mentorship_consent_state_labels(self):
        _ = request.env._
        return {
            "valid": _("Given"),
            "awaiting_paper": _("Given, the signed paper is awaited"),
            "withdrawn": _("Withdrawn"),
            "missing": _("Not given"),
        }

    def _mentorship_get_person(self, kind, record_id):
        """The base record as superuser, if the user is the person or their recorded
        legal representative (whether they consent is _check_consent_giver's); a
        404 otherwise, as for a guessed id."""
        model = PERSON_MODELS.get(kind)
        if not model:
            raise NotFound()
        person = request.env[model].sudo().browse(record_id).exists()
        partner = request.env.user.partner_id
        if (
            not person
            or not person.active
            or person.is_anonymized
            or partner not in (person.partner_id | person.legal_representative_id)
        ):
            raise NotFound()
        return person

    def _mentorship_giver_error(self, person):
        """The message telling the user they do not consent for this person, or None."""
        try:
            person._check_consent_giver(request.env.user)
        except UserError as error:
            return error.args[0]
        return None

    def _mentorship_child_pairs(self, person):
        """The pairs of a child shown to the representative
        (the archived ones are not)."""
        return person.pair_ids.filtered("active").sorted("id", reverse=True)

    def _mentorship_person_values(self, person, **kw):
        giver_error = self._mentorship_giver_error(person)
        is_child = person.is_minor and not giver_error
        pairs = (
            self._mentorship_child_pairs(person)
            if is_child
            else person.pair_ids.browse()
        )
        meetings = request.env["mentorship.meeting"].sudo()
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": kw.get("page_name", "mentorship_person"),
                "person": person,
                "person_url": self._mentorship_person_url,
                "consent": person.consent_id,
                "consent_state": person._portal_consent_state(),
                "consent_state_labels": self._mentorship_consent_state_labels(),
                "giver_error": giver_error,
                "is_child": is_child,
                "role": "mentor" if person._name == "mentorship.mentor" else "mentee",
                "pairs": pairs,
                "meeting_type_labels": dict(
                    meetings._fields["meeting_type"]._description_selection(request.env)
                ),
                "format_labels": dict(
                    meetings._fields["meeting_format"]._description_selection(
                        request.env
                    )
                ),
                "status_labels": dict(
                    request.env["mentorship.plan.line"]
                    ._fields["status"]
                    ._description_selection(request.env)
                ),
                "message": self._mentorship_messages().get(kw.get("message")),
                "error": kw.get("error"),
            }
        )
        return values

    def _mentorship_render_person(self, person, status=200, **kw):
        return request.render(
            "odoo_mentorship.portal_mentorship_person",
            self._mentorship_person_values(person, **kw),
            status=status,
        )

    @http.route(
        ["/my/mentorship/people/<string:kind>/<int:record_id>"],
        type="http",
        auth="user",
        website=True,
        readonly=True,
    )
    def portal_mentorship_person(self, kind, record_id, message=None, **kw):
        """The consent of a person (the user, or a child they represent) and, for a
        child, their pairs."""
        person = self._mentorship_get_person(kind, record_id)
        return self._mentorship_render_person(person, message=message)

    @http.route(
        ["/my/mentorship/people/<string:kind>/<int:record_id>/consent"],
        type="http",
        auth="user",
        methods=["GET", "POST"],
        website=True,
    )
    def portal_mentorship_give_consent(self, kind, record_id, **post):
        """The text of the consent (the school's current version) and its confirmation:
        a tick, then the consent is recorded as given electronically by the user."""
        person = self._mentorship_get_person(kind, record_id)
        giver_error = self._mentorship_giver_error(person)
        if giver_error:
            return self._mentorship_render_person(person, status=403, error=giver_error)
        if person._portal_consent_state() != "missing":
            return request.redirect(self._mentorship_person_url(person))
        _ = request.env._
        error = None
        if request.httprequest.method == "POST":
            text_id = post.get("text_id") or ""
            text = (
                request.env["mentorship.consent.text"]
                .sudo()
                .browse(int(text_id) if text_id.isdigit() else 0)
            )
            if not post.get("agree"):
                error = _(
                    "Tick the box to confirm that you have read the text and give the "
                    "consent."
                )
            else:
                error = self._mentorship_save(
                    lambda: person._give_electronic_consent(
                        request.env.user,
                        text.exists(),
                        request.httprequest.remote_addr,
                        publication_allowed=bool(post.get("publication")),
                    )
                )
            if not error:
                message = (
                    "consent_given"
                    if person.has_valid_consent
                    else "consent_given_paper"
                )
                return request.redirect(
                    self._mentorship_person_url(person, f"?message={message}")
                )
        values = self._mentorship_person_values(
            person, page_name="mentorship_consent", error=error
        )
        values["text"] = request.env["mentorship.consent.text"]._get_current(
            person.company_id
        )
        return request.render(
            "odoo_mentorship.portal_mentorship_consent",
            values,
            status=400 if error else 200,
        )

    @http.route(
        ["/my/mentorship/people/<string:kind>/<int:record_id>/withdraw"],
        type="http",
        auth="user",
        methods=["GET", "POST"],
        website=True,
    )
    def portal_mentorship_withdraw_consent(self, kind, record_id, **post):
        """What a withdrawal does (the pairs dissolved, the data anonymised), then the
        withdrawal, on the confirmation's POST."""
        person = self._mentorship_get_person(kind, record_id)
        giver_error = self._mentorship_giver_error(person)
        if giver_error:
            return self._mentorship_render_person(person, status=403, error=giver_error)
        if person._portal_consent_state() not in ("valid", "awaiting_paper"):
            return request.redirect(self._mentorship_person_url(person))
        error = None
        if request.httprequest.method == "POST":
            error = self._mentorship_save(
                lambda: person._withdraw_electronic_consent(request.env.user)
            )
            if not error:
                return request.redirect(
                    self._mentorship_person_url(person, "?message=consent_withdrawn")
                )
        values = self._mentorship_person_values(
            person, page_name="mentorship_withdraw", error=error
        )
        values.update(
            {
                "open_pairs": person.pair_ids.filtered(
                    lambda pair: pair.active and pair.state in OPEN_STATES
                ),
                "anonymize_date": fields.Date.context_today(person)
                + timedelta(days=ANONYMIZE_AFTER_DAYS),
            }
        )
        return request.render(
            "odoo_mentorship.portal_mentorship_withdraw",
            values,
            status=400 if error else 200,
        )

    @http.route(
        ["/my/mentorship/people/<string:kind>/<int:record_id>/unpublish"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_mentorship_withdraw_publication(self, kind, record_id, **post):
        """The consent to the publication of the name and photo, withdrawn on its own
        (152-ФЗ art. 10.1 §12): the consent to take part stays."""
        person = self._mentorship_get_person(kind, record_id)
        giver_error = self._mentorship_giver_error(person)
        if giver_error:
            return self._mentorship_render_person(person, status=403, error=giver_error)
        error = self._mentorship_save(
            lambda: person._withdraw_publication_consent(request.env.user)
        )
        if error:
            return self._mentorship_render_person(person, status=400, error=error)
        return request.redirect(
            self._mentorship_person_url(person, "?message=publication_withdrawn")
        )
