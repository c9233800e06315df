"""ANONYMISATION (обезличивание, 152-ФЗ art. 3 §9, art. 21 §5) of the base records.

A mixin of its own that the participant mixin inherits (one concern per file). The
design (what is replaced, what is kept for the statistics, the shared contact, the
employee) is written in docs/security.md, "Anonymisation".
"""

import logging
from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL
from odoo.tools.misc import format_date

from .mentorship_jobs import run_each
from .mentorship_roles import PERSONAL_DATA_GROUPS, check_role

_logger = logging.getLogger(__name__)

# the context of every write of the anonymisation: no tracking message repeats the
# values being removed, no notification is sent
ANONYMISE_CONTEXT = {
    "tracking_disable": True,
    "mail_notrack": True,
    "mail_create_nolog": True,
    "active_test": False,
}
# the contact fields cleared on a contact that is scrubbed (those that exist)
PARTNER_FIELDS_TO_CLEAR = (
    "email",
    "phone",
    "mobile",
    "street",
    "street2",
    "zip",
    "city",
    "state_id",
    "country_id",
    "website",
    "comment",
    "function",
    "title",
    "vat",
    "ref",
    "image_1920",
    "parent_id",
    "barcode",
    "category_id",
    "bank_ids",
)


class MentorshipAnonymisationMixin(models.AbstractModel):
    _name = "mentorship.anonymisation.mixin"
    _description = "Anonymisation of a Base Record"

    # what the statistics need once the birth date and the employee are gone
    birth_year = fields.Integer(
        readonly=True,
        copy=False,
        groups=PERSONAL_DATA_GROUPS,
        help=(
            "Kept when the record is anonymised: the indicators count ages at the end "
            "of a year, which the year of birth gives exactly."
        ),
    )
    anonymised_teaching_months = fields.Json(
        readonly=True,
        copy=False,
        groups=PERSONAL_DATA_GROUPS,
        help=(
            "Kept when the record is anonymised: the teaching experience (months) of "
            "the former employee at the end of each year of their pairs, for the "
            "young-teachers indicator."
        ),
    )
    anonymised_date = fields.Date(string="Anonymised On", readonly=True, copy=False)

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_anonymise(self):
        """The director's button (with a confirmation): irreversible."""
        check_role(
            self.env,
            "manager",
            self.env._(
                "Only the mentorship manager (the director) anonymises personal data."
            ),
        )
        self.check_access("write")
        # the processing must have ended first: a withdrawal (which ends the pairs under
        # way) or the end of the pairs; the figures then keep the person's pairs
        in_pairs = self.filtered(
            lambda r: r.pair_ids.filtered(lambda p: p.state in ("forming", "working"))
        )
        if in_pairs:
            raise UserError(
                self.env._(
                    "%(name)s takes part in pairs under way: record the withdrawal of "
                    "the consent (it ends them) or finish the pairs before "
                    "anonymising.",
                    name=in_pairs[0].partner_id.name,
                )
            )
        self._anonymise()
        return True

    @api.model
    def _cron_anonymise(self):
        """Daily: the records whose anonymisation date has passed (a withdrawal), and
        everyone of a programme closed more than the school's number of years ago."""
        today = fields.Date.context_today(self)
        for model_name in ("mentorship.mentee", "mentorship.mentor"):
            Model = self.env[model_name].sudo().with_context(active_test=False)
            due = Model.search(
                [("is_anonymized", "=", False), ("anonymize_date", "<=", today)]
            )
            for company in (
                self.env["res.company"]
                .sudo()
                .search([("mentorship_anonymize_after_years", ">", 0)])
            ):
                due |= Model.search(
                    [
                        ("is_anonymized", "=", False),
                        ("company_id", "=", company.id),
                        ("programme_id.state", "=", "closed"),
                        (
                            "programme_id.date_end",
                            "<",
                            today
                            - relativedelta(
                                years=company.mentorship_anonymize_after_years
                            ),
                        ),
                    ]
                )
            # one person at a time: a person whose data cannot be anonymised does not
            # keep the others' data beyond their date
            run_each(
                due.grouped("partner_id").values(),
                "Anonymisation",
                lambda records: records._anonymise(),
            )

    # ------------------------------------------------------------
    # ANONYMISATION
    # ------------------------------------------------------------

    def _anonymise(self):
        """Replace the personal data of these records, in every model of the addons,
        by an anonymous participant; keep what the indicators and the monitoring
        count. The caller has checked the right to do it."""
        records = (
            self.sudo()
            .with_context(**ANONYMISE_CONTEXT)
            .filtered(lambda r: not r.is_anonymized)
        )
        if not records:
            return
        for partner in records.partner_id:
            records.filtered(lambda r, p=partner: r.partner_id == p)._anonymise_person()
        _logger.info(
            "Anonymised the personal data of %s %s (by user %s)",
            records._name,
            records.ids,
            self.env.uid,
        )

    def _anonymise_person(self):
        """Anonymise the records of one person (one res.partner)."""
        partner = self.partner_id
        today = fields.Date.context_today(self)
        company = self.company_id[:1]
        lang = company.partner_id.lang or self.env.lang
        _ = self.with_context(lang=lang).env._
        placeholder = _("[anonymised]")
        representatives = (
            self.legal_representative_id | self.consent_ids.given_by_id - partner
        )
        # the strings to find in free texts and chatter: names and contacts
        strings = self._identifying_strings(partner | representatives)

        anonymous = self.env["res.partner"].create(
            {"name": "/", "active": False, "lang": lang}
        )
        anonymous.name = _("Anonymised participant %(number)s", number=anonymous.id)
        replacements = {text: anonymous.name for text in strings}

        pairs = self.pair_ids.with_env(self.env)
        self._anonymise_statistics_snapshot(pairs)
        self._anonymise_pair_texts(pairs, placeholder)
        self._anonymise_answers(partner, placeholder)
        self._anonymise_chatter(partner, pairs, replacements)
        self._anonymise_outgoing_mails(partner | representatives, strings)

        consents = self.consent_ids
        consents.write(
            {
                "given_by_id": False,
                "document": False,
                "document_name": False,
                "ip_address": False,
                "signed_by_user_id": False,
            }
        )
        if self._name == "mentorship.mentee":
            self.request_ids.write({"name": placeholder})
        else:
            self.write({"organisation": False, "portfolio": False})
        self.env["mentorship.monitoring.growth.line"].search(
            [
                "|",
                ("partner_id", "=", partner.id),
                (self._growth_line_field(), "in", self.ids),
            ]
        ).write({"partner_id": anonymous.id})
        self.write(
            {
                "partner_id": anonymous.id,
                "birth_date": False,
                "school_class": False,
                "legal_representative_id": False,
                "category_ids": [(5,)],
                "note": False,
                "employee_id": False,
                "anonymize_date": False,
                "is_anonymized": True,
                "anonymised_date": today,
            }
        )
        # the stored names of the pairs follow the people's names
        pairs._compute_name()
        self.env["ir.attachment"].search(
            [
                "|",
                "&",
                ("res_model", "=", self._name),
                ("res_id", "in", self.ids),
                "&",
                ("res_model", "=", "mentorship.consent"),
                ("res_id", "in", consents.ids),
            ]
        ).unlink()

        # the original contact goes too when nothing else of the school uses it
        for contact in partner | representatives:
            if not contact._mentorship_is_used_elsewhere(self):
                contact._mentorship_scrub(_("Anonymised contact"))
        for record in self:
            record.message_post(
                body=_(
                    "The personal data of this record were anonymised on %(date)s by "
                    "%(user)s.",
                    date=format_date(self.env, today),
                    user=self.env.user.name,
                ),
            )

    def _growth_line_field(self):
        return "mentee_id" if self._name == "mentorship.mentee" else "mentor_id"

    @api.model
    def _identifying_strings(self, partners):
        """The names and contacts of these people, as they may appear in texts."""
        strings = set()
        for partner in partners:
            for value in (partner.name, partner.email, partner.phone, partner.mobile):
                if value and len(value.strip()) >= 3:
                    strings.add(value.strip())
        return sorted(strings, key=len, reverse=True)

    def _anonymise_statistics_snapshot(self, pairs):
        """Keep what the indicators read from the birth date and the employee: the year
        of birth (ages at the end of a year), and the teaching experience at the end of
        each year of the pairs (young teachers)."""
        today = fields.Date.context_today(self)
        for record in self:
            vals = {
                "birth_year": record.birth_date.year
                if record.birth_date
                else record.birth_year
            }
            if record.employee_id:
                own_pairs = pairs.filtered(
                    lambda p, r=record: r in p.mentee_ids or p.mentor_id == r
                )
                starts = [
                    p.date_start or record.programme_id.date_start for p in own_pairs
                ] or [today]
                ends = [p.date_end or today for p in own_pairs] or [today]
                first = min(d for d in starts if d).year
                last = max(max(ends).year, today.year)
                months = {}
                for year in range(first, last + 1):
                    query = self.env["hr.employee"]._get_teaching_months_query(
                        SQL("SELECT %s AS id", record.employee_id.id),
                        date(year, 12, 31),
                    )
                    self.env.cr.execute(query)
                    row = self.env.cr.fetchone()
                    months[str(year)] = row[1] if row else 0
                vals["anonymised_teaching_months"] = months
            record.write(vals)

    @api.model
    def _anonymise_pair_texts(self, pairs, placeholder):
        """The free texts of the pairs (meetings, feedback, plan, notes) may name the
        person: replaced; types, dates, statuses and ratings stay for the statistics."""
        self.env.flush_all()
        if not pairs:
            return
        meetings = self.env["mentorship.meeting"].search([("pair_id", "in", pairs.ids)])
        for fname in ("agenda", "outcome"):
            meetings.filtered(fname).write({fname: placeholder})
        feedback = self.env["mentorship.meeting.feedback"].search(
            [("pair_id", "in", pairs.ids)]
        )
        feedback.filtered("comment").write({"comment": placeholder})
        lines = pairs.plan_line_ids
        lines.write({"goal": placeholder})
        for fname in ("task", "result"):
            lines.filtered(fname).write({fname: placeholder})
        pairs.filtered("note").write({"note": False})

    def _anonymise_answers(self, partner, placeholder):
        """The person's answers to the questionnaires: who answered is removed, the
        free texts replaced; the scores the monitoring and the indicators count stay."""
        field = "mentorship_" + self._name.split(".")[-1] + "_id"
        answers = self.env["survey.user_input"].search(
            [
                "|",
                (field, "in", self.ids),
                "&",
                ("partner_id", "=", partner.id),
                ("mentorship_programme_id", "in", self.programme_id.ids),
            ]
        )
        if not answers:
            return
        answers.write({"partner_id": False, "email": False, "nickname": False})
        lines = answers.user_input_line_ids
        lines.filtered("value_char_box").write({"value_char_box": placeholder})
        lines.filtered("value_text_box").write({"value_text_box": placeholder})
        self.env["mail.message"].search(
            [("model", "=", "survey.user_input"), ("res_id", "in", answers.ids)]
        ).unlink()

    def _anonymise_chatter(self, partner, pairs, replacements):
        """The chatter of the base records and of their consents names the person:
        deleted. On the pairs and their meetings, the person's own messages are
        deleted, the names in the others replaced, and the person unsubscribed."""
        Message = self.env["mail.message"]
        consents = self.consent_ids
        own = Message.search(
            [
                "|",
                "&",
                ("model", "=", self._name),
                ("res_id", "in", self.ids),
                "&",
                ("model", "=", "mentorship.consent"),
                ("res_id", "in", consents.ids),
            ]
        )
        self.env["mail.activity"].search(
            [
                "|",
                "&",
                ("res_model", "=", self._name),
                ("res_id", "in", self.ids),
                "&",
                ("res_model", "=", "mentorship.consent"),
                ("res_id", "in", consents.ids),
            ]
        ).unlink()
        meetings = self.env["mentorship.meeting"].search([("pair_id", "in", pairs.ids)])
        related = [("mentorship.pair", pairs.ids), ("mentorship.meeting", meetings.ids)]
        domain = [("id", "=", 0)]
        for model, ids in related:
            domain = ["|", *domain, "&", ("model", "=", model), ("res_id", "in", ids)]
        related_messages = Message.search(domain)
        (own | related_messages.filtered(lambda m: m.author_id == partner)).unlink()
        related_messages = related_messages.exists()
        self._replace_in_messages(related_messages, replacements)
        activities = self.env["mail.activity"].search(
            [
                "|",
                "&",
                ("res_model", "=", "mentorship.pair"),
                ("res_id", "in", pairs.ids),
                "&",
                ("res_model", "=", "mentorship.meeting"),
                ("res_id", "in", meetings.ids),
            ]
        )
        for activity in activities:
            vals = {}
            for fname in ("summary", "note", "res_name"):
                new = _replace_all(activity[fname], replacements)
                if new != activity[fname]:
                    vals[fname] = new
            if vals:
                activity.write(vals)
        # the person follows these records no more (their
        # other participations keep theirs)
        followed = [
            ("mentorship.pair", pairs.ids),
            ("mentorship.meeting", meetings.ids),
            (self._name, self.ids),
            ("mentorship.consent", self.consent_ids.ids),
        ]
        self.env["mail.followers"].search(
            [
                ("partner_id", "=", partner.id),
                "|",
                "|",
                "|",
                *(
                    term
                    for model, ids in followed
                    for term in ("&", ("res_model", "=", model), ("res_id", "in", ids))
                ),
            ]
        ).unlink()
        self.env["mail.notification"].search(
            [
                ("res_partner_id", "=", partner.id),
                ("mail_message_id", "in", related_messages.ids),
            ]
        ).unlink()

    @api.model
    def _anonymise_outgoing_mails(self, partners, strings):
        """The e-mails to the person or their representatives, or naming them (a
        notification to the mentor names the mentees), are deleted with their message,
        sent or not: the notifications are attached to no record (see
        mentorship.notification.mixin), the chatter's cleaning does not reach them."""
        domain = [("recipient_ids", "in", partners.ids)]
        for text in strings:
            domain = ["|", *domain, ("body_html", "ilike", text)]
        self.env["mail.mail"].search(domain).unlink()

    @api.model
    def _replace_in_messages(self, messages, replacements):
        if not messages or not replacements:
            return
        for message in messages:
            vals = {}
            for fname in ("body", "subject", "record_name", "email_from"):
                value = message[fname]
                new = _replace_all(value, replacements)
                if new != value:
                    vals[fname] = new
            if vals:
                message.write(vals)
        for tracking in messages.tracking_value_ids:
            vals = {}
            for fname in (
                "old_value_char",
                "new_value_char",
                "old_value_text",
                "new_value_text",
            ):
                value = tracking[fname]
                new = _replace_all(value, replacements)
                if new != value:
                    vals[fname] = new
            if vals:
                tracking.write(vals)


def _replace_all(value, replacements):
    """`value` with every string of `replacements` replaced, or as it was."""
    if not value:
        return value
    text = str(value)
    for old, new in replacements.items():
        if old.lower() in text.lower():
            text = _replace_ci(text, old, new)
    return text if text != str(value) else value


def _replace_ci(text, old, new):
    """Case-insensitive replace (names may be capitalised differently in a text)."""
    lower_text, lower_old = text.lower(), old.lower()
    out, start = [], 0
    while True:
        index = lower_text.find(lower_old, start)
        if index < 0:
            out.append(text[start:])
            return "".join(out)
        out.append(text[start:index])
        out.append(new)
        start = index + len(old)
