from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.misc import format_date

from .mentorship_roles import check_history_unlink

# 152-ФЗ art. 21 §5: the data are destroyed within 30 days of the withdrawal
ANONYMIZE_AFTER_DAYS = 30
CONSENT_METHODS = [("paper", "Signed on Paper"), ("electronic", "Electronic (Portal)")]
# what a person confirmed on the portal: nobody retypes it afterwards
ELECTRONIC_PROOF = {
    "mentee_id",
    "mentor_id",
    "given_by_id",
    "text_id",
    "method",
    "date",
    "signed_by_user_id",
    "signed_at",
    "ip_address",
}


class MentorshipConsent(models.Model):
    """A consent to take part in a programme and to the processing of personal data
    (152-ФЗ art. 9): who gave it (the person, or the legal representative of a
    minor), to which version of the text, how, when, and when it was withdrawn.

    One per time it is given: a consent given again after a withdrawal is a new
    record, so the history is kept. The base record's "has valid consent" reads the
    newest one (_get_consent_problem of the participant mixin)."""

    _name = "mentorship.consent"
    _description = "Consent to Personal Data Processing"
    _inherit = ["mentorship.thread"]
    _order = "date desc, id desc"
    _check_company_auto = True

    mentee_id = fields.Many2one(
        "mentorship.mentee",
        index="btree_not_null",
        ondelete="cascade",
        check_company=True,
    )
    mentor_id = fields.Many2one(
        "mentorship.mentor",
        index="btree_not_null",
        ondelete="cascade",
        check_company=True,
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Person",
        compute="_compute_participant",
        store=True,
        index=True,
        precompute=True,
    )
    programme_id = fields.Many2one(
        "mentorship.programme",
        compute="_compute_participant",
        store=True,
        index=True,
        precompute=True,
    )
    company_id = fields.Many2one(
        related="programme_id.company_id", store=True, index=True, precompute=True
    )
    given_by_id = fields.Many2one(
        "res.partner",
        string="Given By",
        tracking=True,
        help=(
            "The person, or for a minor the legal representative (parent or guardian)."
        ),
    )
    by_representative = fields.Boolean(
        compute="_compute_by_representative", string="By the Legal Representative"
    )
    text_id = fields.Many2one(
        "mentorship.consent.text",
        string="Consent Text",
        check_company=True,
        ondelete="restrict",
        help="The version of the wording agreed to.",
    )
    method = fields.Selection(
        CONSENT_METHODS, required=True, default="paper", tracking=True
    )
    date = fields.Date(
        string="Given On", tracking=True, default=fields.Date.context_today
    )
    document = fields.Binary(string="Signed Scan", attachment=True, copy=False)
    document_name = fields.Char(tracking=True)
    # electronic consent: who confirmed it on the portal, when, from where
    signed_by_user_id = fields.Many2one(
        "res.users", string="Confirmed by User", readonly=True, copy=False
    )
    signed_at = fields.Datetime(string="Confirmed At", readonly=True, copy=False)
    ip_address = fields.Char(string="IP Address", readonly=True, copy=False)
    # 152-ФЗ art. 10.1: data made public (the honour board, the school's public page)
    # need a consent of their own; withdrawn on its own, or with the whole consent
    publication_allowed = fields.Boolean(
        string="Consent to the Publication of the Name and Photo",
        tracking=True,
        copy=False,
        help=(
            "The person (the legal representative of a minor) also agrees that the "
            "school publishes the name and the photo on its honour board and its "
            "public page. It can be withdrawn on its own at any time; a withdrawal of "
            "the consent withdraws it too."
        ),
    )
    withdrawn_date = fields.Date(string="Withdrawn On", tracking=True, copy=False)
    withdrawn_method = fields.Selection(
        CONSENT_METHODS, string="Withdrawal Method", copy=False, tracking=True
    )
    withdrawn_by_user_id = fields.Many2one(
        "res.users", string="Withdrawal Recorded By", readonly=True, copy=False
    )
    state = fields.Selection(
        [("given", "Given"), ("withdrawn", "Withdrawn"), ("anonymised", "Anonymised")],
        compute="_compute_state",
        store=True,
        string="Status",
    )

    @api.depends(
        "mentee_id.partner_id",
        "mentor_id.partner_id",
        "mentee_id.programme_id",
        "mentor_id.programme_id",
    )
    def _compute_participant(self):
        for consent in self:
            participant = consent._participant()
            consent.partner_id = participant.partner_id
            consent.programme_id = participant.programme_id

    @api.depends("given_by_id", "partner_id")
    def _compute_by_representative(self):
        for consent in self:
            consent.by_representative = (
                bool(consent.given_by_id) and consent.given_by_id != consent.partner_id
            )

    @api.depends("withdrawn_date", "mentee_id.is_anonymized", "mentor_id.is_anonymized")
    def _compute_state(self):
        for consent in self:
            if consent.mentee_id.is_anonymized or consent.mentor_id.is_anonymized:
                consent.state = "anonymised"
            else:
                consent.state = "withdrawn" if consent.withdrawn_date else "given"

    @api.depends("partner_id", "date", "state")
    def _compute_display_name(self):
        for consent in self:
            consent.display_name = self.env._(
                "Consent of %(name)s of %(date)s",
                name=consent.partner_id.name or "",
                date=format_date(self.env, consent.date) if consent.date else "",
            )

    def _participants(self):
        """The base records of these consents (mentees and mentors, in a list)."""
        return [
            participant
            for participant in (self.mentee_id, self.mentor_id)
            if participant
        ]

    def _participant(self):
        """The base record the consent belongs to (a mentee or a mentor)."""
        self.ensure_one()
        return self.mentee_id or self.mentor_id

    # ------------------------------------------------------------
    # CONSTRAINTS
    # ------------------------------------------------------------

    @api.constrains("mentee_id", "mentor_id")
    def _check_one_participant(self):
        for consent in self:
            if bool(consent.mentee_id) == bool(consent.mentor_id):
                raise ValidationError(
                    self.env._("A consent belongs to one mentee or to one mentor.")
                )

    @api.constrains("date", "withdrawn_date")
    def _check_dates(self):
        today = fields.Date.context_today(self)
        for consent in self:
            name = consent.partner_id.name
            if consent.date and consent.date > today:
                raise ValidationError(
                    self.env._(
                        "The consent of %(name)s cannot be dated in the future.",
                        name=name,
                    )
                )
            if consent.withdrawn_date and consent.withdrawn_date > today:
                raise ValidationError(
                    self.env._(
                        "The withdrawal of the consent of %(name)s cannot be dated in "
                        "the future.",
                        name=name,
                    )
                )
            if (
                consent.withdrawn_date
                and consent.date
                and consent.withdrawn_date < consent.date
            ):
                raise ValidationError(
                    self.env._(
                        "The consent of %(name)s cannot be withdrawn before it was "
                        "given.",
                        name=name,
                    )
                )

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        self._fill_current_text(vals_list)
        consents = super().create(vals_list)
        # a consent given again after a withdrawal: the anonymisation is no longer due
        # what follows is the system's doing (tracked on the base
        # record: not in the name of a parent who consented on the
        # portal, whom the mentor must not learn of)
        system = self.env.ref("base.user_root")
        for participants in consents.filtered(
            lambda c: not c.withdrawn_date
        )._participants():
            participants.with_user(system).filtered(
                "anonymize_date"
            ).anonymize_date = False
        consents.mentee_id.with_user(system)._advance_to_consent_stage()
        consents.filtered("withdrawn_date")._on_withdrawn()
        return consents

    @api.model
    def _fill_current_text(self, vals_list):
        """A consent refers to the wording in force at its school when none is given
        (looked up once per school and batch)."""
        texts = {}
        for vals in vals_list:
            if vals.get("text_id"):
                continue
            owner = (
                self.env["mentorship.mentee"].browse(vals["mentee_id"])
                if vals.get("mentee_id")
                else self.env["mentorship.mentor"].browse(vals.get("mentor_id"))
            )
            company = owner.sudo().company_id
            if company not in texts:
                texts[company] = (
                    self.env["mentorship.consent.text"]._get_current(company)
                    if company
                    else False
                )
            vals["text_id"] = texts[company].id if texts[company] else False

    def write(self, vals):
        if (
            ELECTRONIC_PROOF & set(vals)
            and not self.env.su
            and self.filtered(lambda c: c.method == "electronic")
        ):
            raise UserError(
                self.env._(
                    "A consent given on the portal is kept as it was confirmed: record "
                    "its withdrawal, or a new consent, instead of changing it."
                )
            )
        if (
            vals.get("publication_allowed")
            and not self.env.su
            and self.filtered(
                lambda c: c.method == "electronic" and not c.publication_allowed
            )
        ):
            raise UserError(
                self.env._(
                    "The consent to the publication of a consent given on the portal "
                    "is given there by the person (the legal representative of a "
                    "minor), or on paper as a new consent."
                )
            )
        newly_withdrawn = (
            self.filtered(lambda c: not c.withdrawn_date)
            if vals.get("withdrawn_date")
            else self.browse()
        )
        result = super().write(vals)
        newly_withdrawn._on_withdrawn()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_history(self):
        check_history_unlink(
            self,
            self.env._(
                "A consent is the school's proof: it cannot be deleted. Record its "
                "withdrawal instead, or let the anonymisation clear it."
            ),
        )

    # ------------------------------------------------------------
    # WITHDRAWAL
    # ------------------------------------------------------------

    def action_open_withdraw(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Record a Withdrawal"),
            "res_model": "mentorship.consent.withdraw",
            "view_mode": "form",
            "target": "new",
            "context": {"default_consent_id": self.id},
        }

    def _withdraw(self, date=None, method="paper"):
        """Record the withdrawal (by the curator from a paper, or by the person or
        representative on the portal); what follows is _on_withdrawn's."""
        self.filtered(lambda c: not c.withdrawn_date).write(
            {
                "withdrawn_date": date or fields.Date.context_today(self),
                "withdrawn_method": method,
            }
        )

    def _on_withdrawn(self):
        """Processing stops: the person's pairs that are not finished leave the
        pipeline, their pending questionnaires are cancelled, the curator gets a to-do,
        and the anonymisation is scheduled 30 days later (152-ФЗ art. 21 §5)."""
        # told by the system, not by whoever withdrew (a parent on the portal): the
        # chatter of a pupil is read by the mentor, who is not
        # told who the representative is
        system = self.env.ref("base.user_root")
        for consent in self:
            consent.sudo().withdrawn_by_user_id = self.env.user
            participant = consent._participant().sudo().with_user(system)
            consent._post_on_participant(given=False)
            anonymize_on = consent.withdrawn_date + timedelta(days=ANONYMIZE_AFTER_DAYS)
            if (
                not participant.anonymize_date
                or participant.anonymize_date > anonymize_on
            ):
                participant.anonymize_date = anonymize_on
            open_pairs = participant.pair_ids.filtered(
                lambda p: p.state in ("forming", "working")
            )
            dissolved, left = open_pairs._release_participant(participant)
            participant._cancel_pending_questionnaires()
            for curator in participant._mentorship_curators():
                record = participant._in_lang_of(curator)
                _ = record.env._
                note = _(
                    "%(name)s has withdrawn the consent on %(date)s. Pairs dissolved: "
                    "%(pairs)s. The data will be anonymised on %(anonymize)s; print "
                    "the data held about the person first if they asked for it.",
                    name=participant.partner_id.name,
                    date=format_date(record.env, consent.withdrawn_date),
                    pairs=", ".join(dissolved.mapped("name")) or _("none"),
                    anonymize=format_date(record.env, anonymize_on),
                )
                if left:
                    note += " " + _(
                        "Left the groups, which go on: %(groups)s.",
                        groups=", ".join(left.mapped("name")),
                    )
                record._schedule_todo_once(
                    curator, _("Consent withdrawn: stop the processing"), note
                )

    def _cancel_withdrawal(self):
        """Undo a withdrawal recorded by mistake (the curator's
        correction): the consent is valid again and the anonymisation is no
        longer due. Dissolved pairs stay so."""
        for consent in self.filtered("withdrawn_date"):
            consent.write(
                {
                    "withdrawn_date": False,
                    "withdrawn_method": False,
                    "withdrawn_by_user_id": False,
                }
            )
            participant = consent._participant().sudo()
            participant.anonymize_date = False
            participant.message_post(
                body=self.env._("The withdrawal of the consent was cancelled."),
                subtype_xmlid="mail.mt_note",
            )

    def _post_on_participant(self, given):
        """Say on the base record's chatter what happened to its consent (a consent
        given is listed on the form; an electronic one and a withdrawal are told)."""
        # by the system and without the giver's name: mentors read this chatter, and
        # who the legal representative is stays the curators' (docs/security.md)
        system = self.env.ref("base.user_root")
        for consent in self:
            participant = consent._participant().sudo().with_user(system)
            if given:
                body = self.env._("Consent given on the portal.")
            else:
                body = self.env._(
                    "Consent withdrawn on %(date)s.",
                    date=format_date(self.env, consent.withdrawn_date),
                )
            participant.message_post(body=body, subtype_xmlid="mail.mt_note")
