from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, clean_context

from .mentorship_roles import PERSONAL_DATA_GROUPS, can_read_field

ADULT_AGE = 18


def sql_age_at_year_end(alias, year):
    """The one age rule of the figures (the indicators, the personalised accounting):
    the age in full years on 31 December of the year counted, as the district's
    indicators count «детей в возрасте от 10 до 19 лет» per year (seed 002). An
    anonymised person keeps the year of birth only, which gives the same age.

    :param alias: the SQL alias of a mentee or mentor table
    :param year: an SQL expression (or value) of the year counted
    """
    return SQL(
        "COALESCE(date_part('year', age(make_date((%s)::int, 12, 31), %s)), (%s)::int "
        "- %s)::int",
        year,
        SQL.identifier(alias, "birth_date"),
        year,
        SQL.identifier(alias, "birth_year"),
    )


# the base record's consent fields and the fields of its current mentorship.consent
CONSENT_FIELDS = {
    "consent_date": "date",
    "consent_given_by_id": "given_by_id",
    "consent_document": "document",
    "consent_document_name": "document_name",
    "consent_withdrawn_date": "withdrawn_date",
}


class MentorshipParticipantMixin(models.AbstractModel):
    """What the mentee base and the mentor base share: the person, the programme,
    the kind of participant, the age (minors need their legal representative) and
    the consent to take part and to the processing of personal data.
    """

    _name = "mentorship.participant.mixin"
    _description = "Mentorship Base Record"
    _inherit = [
        "mentorship.thread",
        "mentorship.activity.mixin",
        "mentorship.import.mixin",
        "mentorship.anonymisation.mixin",
        "mentorship.personal.data.mixin",
    ]
    _check_company_auto = True
    _rec_names_search = ["partner_id"]

    partner_id = fields.Many2one(
        "res.partner",
        string="Person",
        required=True,
        index=True,
        tracking=True,
        ondelete="restrict",
    )
    # the participants' rules: the mentees and mentors of the pairs one takes part in
    pair_member_partner_ids = fields.Many2many(
        "res.partner",
        compute="_compute_pair_member_partner_ids",
        search="_search_pair_member_partner_ids",
        string="Pair Members",
        help="The members of the person's pairs (the participants' rules).",
    )
    partner_name = fields.Char(
        string="Full Name",
        store=False,
        help=(
            "A new person: a contact with this name is created with the record (also "
            "in imports)."
        ),
    )
    employee_id = fields.Many2one(
        "hr.employee",
        string="Employee",
        check_company=True,
        index="btree_not_null",
        tracking=True,
        help="Set when the participant works at the school.",
    )
    programme_id = fields.Many2one(
        "mentorship.programme",
        required=True,
        index=True,
        tracking=True,
        ondelete="restrict",
        default=lambda self: self.env["mentorship.programme"]._get_default_programme(),
    )
    company_id = fields.Many2one(
        related="programme_id.company_id", store=True, index=True, precompute=True
    )
    kind_id = fields.Many2one(
        "mentorship.participant.kind", string="Kind", required=True, tracking=True
    )
    category_ids = fields.Many2many(
        "mentorship.category", string="Categories", groups=PERSONAL_DATA_GROUPS
    )
    birth_date = fields.Date(tracking=True, groups=PERSONAL_DATA_GROUPS)
    is_learner = fields.Boolean(related="kind_id.is_learner")
    school_class = fields.Char(
        string="Class or Group",
        tracking=True,
        groups=PERSONAL_DATA_GROUPS,
        help="The class of a pupil (e.g. 7 «Б») or the group of a student.",
    )
    # computed as superuser: whoever reads the record may know whether a person is a
    # minor (the consent rule depends on it), not the birth date or the age
    age = fields.Integer(
        compute="_compute_age",
        compute_sudo=True,
        help="Age today, in full years.",
        groups=PERSONAL_DATA_GROUPS,
    )
    is_minor = fields.Boolean(compute="_compute_age", compute_sudo=True, string="Minor")
    legal_representative_id = fields.Many2one(
        "res.partner",
        string="Legal Representative",
        tracking=True,
        groups=PERSONAL_DATA_GROUPS,
        help="Parent or guardian who consents for a minor.",
    )
    avatar_128 = fields.Image(related="partner_id.avatar_128")
    email = fields.Char(related="partner_id.email")
    phone = fields.Char(related="partner_id.phone")
    user_id = fields.Many2one(
        "res.users",
        compute="_compute_user_id",
        string="User",
        help="The user account of the person, if any.",
    )
    # Consent: the records of mentorship.consent (consent_ids, on the mentee and the
    # mentor). The fields below show the newest one and, written (the form's quick
    # entry, an import, code), record a paper consent or its withdrawal through it.
    consent_id = fields.Many2one(
        "mentorship.consent",
        compute="_compute_consent_id",
        store=True,
        index="btree_not_null",
        string="Current Consent",
        groups=PERSONAL_DATA_GROUPS,
    )
    consent_date = fields.Date(
        compute="_compute_consent_date",
        inverse="_inverse_consent_date",
        groups=PERSONAL_DATA_GROUPS,
    )
    consent_given_by_id = fields.Many2one(
        "res.partner",
        string="Consent Given By",
        compute="_compute_consent_given_by_id",
        inverse="_inverse_consent_given_by_id",
        groups=PERSONAL_DATA_GROUPS,
    )
    consent_document = fields.Binary(
        compute="_compute_consent_document",
        inverse="_inverse_consent_document",
        groups=PERSONAL_DATA_GROUPS,
    )
    consent_document_name = fields.Char(
        compute="_compute_consent_document_name",
        inverse="_inverse_consent_document_name",
        groups=PERSONAL_DATA_GROUPS,
    )
    consent_withdrawn = fields.Boolean(
        compute="_compute_consent_withdrawn", inverse="_inverse_consent_withdrawn"
    )
    consent_withdrawn_date = fields.Date(
        compute="_compute_consent_withdrawn_date",
        inverse="_inverse_consent_withdrawn_date",
        groups=PERSONAL_DATA_GROUPS,
    )
    # The one consent rule (_get_consent_problem), stored so that the search filters,
    # the pair's badge and the pair constraint read the same value. Coming of age is
    # the one change no write makes: a daily job catches up on it.
    has_valid_consent = fields.Boolean(
        compute="_compute_has_valid_consent",
        store=True,
        compute_sudo=True,
        help="Consent given by the person, or by the legal representative for a minor, "
        "and not withdrawn.",
    )
    consent_method = fields.Selection(
        related="consent_id.method",
        string="Consent Method",
        groups=PERSONAL_DATA_GROUPS,
    )
    consent_publication_allowed = fields.Boolean(
        related="consent_id.publication_allowed",
        readonly=False,
        groups=PERSONAL_DATA_GROUPS,
    )
    # 152-ФЗ art. 21: the data are anonymised 30 days after a withdrawal
    # (or years after the programme)
    anonymize_date = fields.Date(
        string="Anonymise On",
        copy=False,
        tracking=True,
        groups=PERSONAL_DATA_GROUPS,
        help="The day the personal data of this record are due to be anonymised.",
    )
    is_anonymized = fields.Boolean(string="Anonymised", readonly=True, copy=False)
    note = fields.Html(groups=PERSONAL_DATA_GROUPS)
    color = fields.Integer()
    active = fields.Boolean(default=True)

    # ------------------------------------------------------------
    # COMPUTES
    # ------------------------------------------------------------

    @api.depends("partner_id", "programme_id")
    @api.depends("pair_ids.member_partner_ids")
    def _compute_pair_member_partner_ids(self):
        for record in self:
            record.pair_member_partner_ids = record.pair_ids.member_partner_ids

    def _search_pair_member_partner_ids(self, operator, value):
        Pair = self.env["mentorship.pair"]
        positive, partner_ids = Pair._member_search_args(operator, value)
        Pair.flush_model(["active"])
        # the active pairs, as the path pair_ids.member_partner_ids would read them
        pairs = SQL(
            "SELECT pair.id FROM mentorship_pair pair WHERE pair.active AND pair.id IN"
            " (%s)",
            Pair._get_member_pairs_sql(partner_ids),
        )
        ids = SQL("(%s)", self._get_pair_participants_sql(pairs))
        return [("id", "in" if positive else "not in", ids)]

    def _get_pair_participants_sql(self, pairs):
        """SQL of the ids of the records of this base in the `pairs` (SQL of pair
        ids)."""
        raise NotImplementedError

    def _compute_display_name(self):
        for record in self:
            record.display_name = record.partner_id.name or ""

    @api.depends("birth_date")
    def _compute_age(self):
        today = fields.Date.context_today(self)
        for record in self:
            age = (
                relativedelta(today, record.birth_date).years
                if record.birth_date
                else 0
            )
            record.age = age
            record.is_minor = bool(record.birth_date) and age < ADULT_AGE

    @api.depends("partner_id")
    def _compute_user_id(self):
        users = (
            self.env["res.users"]
            .sudo()
            .search([("partner_id", "in", self.partner_id.ids)])
        )
        user_by_partner = {user.partner_id: user for user in users}
        for record in self:
            record.user_id = user_by_partner.get(record.partner_id, False)

    @api.depends("consent_ids")
    def _compute_consent_id(self):
        # the last one recorded: a consent given again after a withdrawal replaces it
        for record in self:
            record.consent_id = record.sudo().consent_ids.sorted("id")[-1:]

    # One compute and one inverse per field: Odoo protects the fields of one compute
    # method together while one of them is written, and would read the others as empty.
    # Each field shows its value on the current consent; written, it corrects the
    # current consent, or records a new paper one when there is none (or it was
    # withdrawn); ticking "withdrawn" withdraws it (see mentorship.consent).
    def _compute_consent_value(self, fname, consent_fname):
        for record in self:
            record[fname] = record.sudo().consent_id[consent_fname]

    def _inverse_consent_value(self, fname, consent_fname):
        for record in self:
            consent = record.sudo().consent_id
            value = record[fname]
            if consent and not consent.withdrawn_date:
                if consent[consent_fname] != value:
                    consent[consent_fname] = value
            elif value:
                record._record_paper_consent({consent_fname: value})

    def _record_paper_consent(self, values):
        """A new paper consent, given by the person (by the legal representative
        for a minor) unless said otherwise."""
        self.ensure_one()
        return self._record_paper_consents([values])

    def _record_paper_consents(self, values_list):
        """Create the paper consents of these records in one batch (values_list: one
        dict of mentorship.consent values per record; records or ids for relations)."""
        vals_list = []
        for record, values in zip(self, values_list, strict=False):
            values = {
                key: value.id if isinstance(value, models.BaseModel) else value
                for key, value in values.items()
            }
            given_by = (
                record.legal_representative_id if record.is_minor else record.partner_id
            )
            vals_list.append(
                {
                    "given_by_id": given_by.id,
                    **values,
                    "method": "paper",
                    record._consent_owner_field(): record.id,
                }
            )
        # recorded with the base record: its own chatter says nothing more (an import of
        # thousands of rows would otherwise log and subscribe on each consent)
        Consent = (
            self.env["mentorship.consent"].sudo().with_context(tracking_disable=True)
        )
        return Consent.create(vals_list)

    @api.depends("consent_id.date")
    def _compute_consent_date(self):
        self._compute_consent_value("consent_date", "date")

    def _inverse_consent_date(self):
        self._inverse_consent_value("consent_date", "date")

    @api.depends("consent_id.given_by_id")
    def _compute_consent_given_by_id(self):
        self._compute_consent_value("consent_given_by_id", "given_by_id")

    def _inverse_consent_given_by_id(self):
        self._inverse_consent_value("consent_given_by_id", "given_by_id")

    @api.depends("consent_id.document")
    def _compute_consent_document(self):
        self._compute_consent_value("consent_document", "document")

    def _inverse_consent_document(self):
        self._inverse_consent_value("consent_document", "document")

    @api.depends("consent_id.document_name")
    def _compute_consent_document_name(self):
        self._compute_consent_value("consent_document_name", "document_name")

    def _inverse_consent_document_name(self):
        self._inverse_consent_value("consent_document_name", "document_name")

    @api.depends("consent_id.withdrawn_date")
    def _compute_consent_withdrawn(self):
        for record in self:
            record.consent_withdrawn = bool(record.sudo().consent_id.withdrawn_date)

    def _inverse_consent_withdrawn(self):
        for record in self:
            consent = record.sudo().consent_id
            if record.consent_withdrawn:
                consent._withdraw()
            else:
                consent._cancel_withdrawal()

    @api.depends("consent_id.withdrawn_date")
    def _compute_consent_withdrawn_date(self):
        self._compute_consent_value("consent_withdrawn_date", "withdrawn_date")

    def _inverse_consent_withdrawn_date(self):
        for record in self:
            consent = record.sudo().consent_id
            if (
                record.consent_withdrawn_date
                and consent
                and consent.withdrawn_date != record.consent_withdrawn_date
            ):
                consent.withdrawn_date = record.consent_withdrawn_date

    def _consent_owner_field(self):
        """The field of mentorship.consent that points at records of this model."""
        return self._fields["consent_ids"].inverse_name

    @api.depends(
        "consent_id.date",
        "consent_id.given_by_id",
        "consent_id.withdrawn_date",
        "consent_id.method",
        "consent_id.document_name",
        "legal_representative_id",
        "partner_id",
        "birth_date",
        "company_id.mentorship_consent_scan_required",
    )
    def _compute_has_valid_consent(self):
        for record in self:
            record.has_valid_consent = record._get_consent_problem() is None

    def _get_consent_problem(self):
        """Return why the consent of this participant is not valid, or None."""
        self.ensure_one()
        name = self.partner_id.name
        consent = self.sudo().consent_id
        if consent.withdrawn_date:
            return self.env._("%(name)s has withdrawn the consent.", name=name)
        if not consent.date or not consent.given_by_id:
            return self.env._("The consent of %(name)s is not recorded.", name=name)
        if self.is_minor:
            if not self.legal_representative_id:
                return self.env._(
                    "%(name)s is a minor: the legal representative must be recorded.",
                    name=name,
                )
            if consent.given_by_id != self.legal_representative_id:
                return self.env._(
                    "%(name)s is a minor: the consent must be given by the legal "
                    "representative.",
                    name=name,
                )
        if (
            consent.method == "electronic"
            and self.company_id.mentorship_consent_scan_required
            and not consent.document
        ):
            return self.env._(
                "The school requires the signed consent of %(name)s on paper: upload "
                "its scan.",
                name=name,
            )
        return None

    # ------------------------------------------------------------
    # ONCHANGES AND CONSTRAINTS
    # ------------------------------------------------------------

    @api.onchange("employee_id")
    def _onchange_employee_id(self):
        may_read_birthday = can_read_field(self.env, "hr.employee", "birthday")
        for record in self.filtered("employee_id"):
            # curators pick the employee; the birthday is HR
            # data, copied for HR officers only
            employee = record.employee_id.sudo()
            record.partner_id = employee.work_contact_id or record.partner_id
            if may_read_birthday:
                record.birth_date = employee.birthday or record.birth_date

    @api.onchange("consent_date")
    def _onchange_consent_date(self):
        for record in self.filtered(
            lambda r: r.consent_date and not r.consent_given_by_id
        ):
            record.consent_given_by_id = (
                record.legal_representative_id if record.is_minor else record.partner_id
            )

    @api.constrains("birth_date")
    def _check_birth_date_not_in_future(self):
        today = fields.Date.context_today(self)
        for record in self:
            if record.birth_date and record.birth_date > today:
                raise ValidationError(
                    self.env._(
                        "The birth date of %(name)s is in the future.",
                        name=record.partner_id.name,
                    )
                )

    @api.constrains("partner_id", "legal_representative_id")
    def _check_legal_representative(self):
        for record in self:
            if (
                record.legal_representative_id
                and record.legal_representative_id == record.partner_id
            ):
                raise ValidationError(
                    self.env._(
                        "%(name)s cannot be their own legal representative.",
                        name=record.partner_id.name,
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_in_pairs(self):
        paired = self.filtered("pair_ids")
        if paired:
            raise UserError(
                self.env._(
                    "%(name)s has taken part in pairs: archive the record instead of "
                    "deleting it.",
                    name=paired[0].partner_id.name,
                )
            )

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        # copies: the import retries a failed batch row by row with the same dicts,
        # and the contacts created for the failed batch are rolled back with it
        vals_list = [dict(vals) for vals in vals_list]
        self._create_partners_from_names(vals_list)
        self._fill_default_stage(vals_list)
        consent_values = [self._pop_consent_values(vals) for vals in vals_list]
        records = super().create(vals_list)
        given = [
            (record, values)
            for record, values in zip(records, consent_values, strict=False)
            if values
        ]
        if given:
            self.browse(
                [record.id for record, _values in given]
            )._record_paper_consents([values for _record, values in given])
        return records

    @api.model
    def _create_partners_from_names(self, vals_list):
        """Create, in one batch, the contacts of the records given by ``partner_name``
        (the "Name" column of an import) without a ``partner_id``.

        A new contact is always created: names are not unique (two pupils may share
        one), and linking a record to the wrong person would expose personal data.
        To link an existing contact, give the person (``partner_id``) instead."""
        named = []
        for vals in vals_list:
            name = vals.pop("partner_name", False)
            name = name.strip() if isinstance(name, str) else name
            if name and not vals.get("partner_id"):
                named.append((vals, name))
        if named:
            # the context's defaults are meant for the participant, not for the contact
            partners = (
                self.env["res.partner"]
                .with_env(self.env(context=clean_context(self.env.context)))
                .create([{"name": name} for _vals, name in named])
            )
            for (vals, _name), partner in zip(named, partners, strict=False):
                vals["partner_id"] = partner.id

    @api.model
    def _pop_consent_values(self, vals):
        """The consent given with a new record (the form, an import): its values for
        mentorship.consent, recorded in one batch after the records are created."""
        values = {
            consent_fname: vals.pop(fname)
            for fname, consent_fname in CONSENT_FIELDS.items()
            if fname in vals
        }
        if vals.pop("consent_withdrawn", False) and not values.get("withdrawn_date"):
            values["withdrawn_date"] = fields.Date.context_today(self)
        return values if values.get("date") or values.get("given_by_id") else {}

    @api.model
    def _fill_default_stage(self, vals_list):
        """Look the default stage up once per batch rather than once per record
        (the models with a ``stage_id`` define ``_default_stage_id``)."""
        if "stage_id" not in self._fields or "default_stage_id" in self.env.context:
            return
        missing = [vals for vals in vals_list if "stage_id" not in vals]
        if missing:
            stage_id = self._default_stage_id().id
            for vals in missing:
                vals["stage_id"] = stage_id

    def write(self, vals):
        # the name only creates a contact at creation; the
        # person is changed by partner_id
        if "partner_name" in vals:
            vals = {key: value for key, value in vals.items() if key != "partner_name"}
        return super().write(vals)

    # ------------------------------------------------------------
    # CONSENT LIFECYCLE
    # ------------------------------------------------------------

    def action_withdraw_consent(self):
        """Record a withdrawal received on paper (the wizard shows what follows)."""
        self.ensure_one()
        consent = self.consent_id
        if not consent or consent.withdrawn_date:
            raise UserError(
                self.env._(
                    "%(name)s has no consent to withdraw.", name=self.partner_id.name
                )
            )
        return consent.action_open_withdraw()

    def action_record_consent(self):
        """The person signed a consent again after a withdrawal: record the new one
        (the withdrawn one stays in the history)."""
        self.ensure_one()
        self.check_access("write")
        given_by = self.legal_representative_id if self.is_minor else self.partner_id
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Record a New Consent"),
            "res_model": "mentorship.consent",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {
                f"default_{self._consent_owner_field()}": self.id,
                "default_given_by_id": given_by.id,
                "default_method": "paper",
            },
        }

    def action_cancel_withdrawal(self):
        """Undo a withdrawal recorded by mistake (before the anonymisation)."""
        self.ensure_one()
        self.check_access("write")
        self.consent_id.check_access("write")
        self.consent_id._cancel_withdrawal()

    def _mentorship_curators(self):
        """Who is told about this record: the curators of its programme."""
        self.ensure_one()
        return self.programme_id.curator_ids

    def _get_publication_problem(self):
        """Why the name and the photo of this person may not be made public (the
        honour board, the school's public page), or None. 152-ФЗ art. 10.1: data
        allowed for distribution need a consent of their own. The current consent
        must be valid (_get_consent_problem: given by the legal representative for a
        minor, not withdrawn) and allow the publication; a withdrawal of either takes
        it away at once."""
        self.ensure_one()
        record = self.sudo()
        name = record.partner_id.name
        if record.is_anonymized:
            return self.env._("The data of %(name)s are anonymised.", name=name)
        problem = record._get_consent_problem()
        if problem:
            return problem
        if not record.consent_id.publication_allowed:
            if record.is_minor:
                return self.env._(
                    "%(name)s is a minor: the legal representative has not consented "
                    "to the publication of the name and photo.",
                    name=name,
                )
            return self.env._(
                "%(name)s has not consented to the publication of the name and photo.",
                name=name,
            )
        return None

    def _mentorship_may_publish(self):
        """The one rule of publication (see _get_publication_problem)."""
        self.ensure_one()
        return self._get_publication_problem() is None

    def _mentorship_may_notify(self):
        """Whether the school writes to this person about the programme: only while
        their data are processed (a valid consent, not archived, not anonymised)."""
        self.ensure_one()
        record = self.sudo()
        return record.active and not record.is_anonymized and record.has_valid_consent

    def _cancel_pending_questionnaires(self):
        """Questionnaires sent but not started are cancelled: no more invitations
        once processing has stopped (answers already given stay for the statistics)."""
        answers = (
            self.env["survey.user_input"]
            .sudo()
            .search(
                [
                    ("mentorship_" + self._name.split(".")[-1] + "_id", "in", self.ids),
                    ("state", "=", "new"),
                ]
            )
        )
        answers.unlink()

    # ------------------------------------------------------------
    # PORTAL ACCESS
    # ------------------------------------------------------------

    def _check_can_grant_portal(self):
        """A person gets a portal account only with a valid consent on file: the legal
        representative's for a minor, the person's own for an adult."""
        for record in self.filtered(lambda r: not r.has_valid_consent):
            if record.is_minor:
                raise UserError(
                    self.env._(
                        "%(name)s is a minor: grant the portal access only once the "
                        "legal representative's consent is on file. %(problem)s",
                        name=record.partner_id.name,
                        problem=record._get_consent_problem() or "",
                    )
                )
            raise UserError(
                self.env._(
                    "Grant the portal access to %(name)s only once a valid consent is "
                    "on file. %(problem)s",
                    name=record.partner_id.name,
                    problem=record._get_consent_problem() or "",
                )
            )

    def action_grant_portal_access(self):
        """Open Odoo's portal wizard on the person of this base record."""
        self.ensure_one()
        self.check_access("write")
        self._check_can_grant_portal()
        wizard = (
            self.env["portal.wizard"]
            .with_context(active_ids=[])
            .create(
                {
                    "partner_ids": [(6, 0, self.partner_id.ids)],
                }
            )
        )
        return wizard._action_open_modal()

    # ------------------------------------------------------------
    # PORTAL CONSENT
    #
    # The person (the legal representative of a minor) gives or withdraws the
    # consent on /my/mentorship; a curator invites them by e-mail, from the form or
    # in bulk from the list. The portal reaches these records as superuser after its
    # own checks (controllers/portal.py): the methods below take the portal user and
    # check first that it is the one who consents.
    # ------------------------------------------------------------

    PORTAL_CONSENT_URL = "/my/mentorship"

    def _consent_giver(self):
        """The partner who gives (and withdraws) the consent: the legal representative
        of a minor, the person themself otherwise (the rule of _get_consent_problem)."""
        self.ensure_one()
        record = self.sudo()
        return record.legal_representative_id if record.is_minor else record.partner_id

    def _check_consent_giver(self, user):
        """Refuse, with a message for the portal, unless
        `user` consents for this person."""
        self.ensure_one()
        record = self.sudo()
        name = record.partner_id.name
        if record.is_minor:
            if not record.legal_representative_id:
                raise UserError(
                    self.env._(
                        "%(name)s is a minor and the school has not recorded the legal "
                        "representative: ask the curator to record it.",
                        name=name,
                    )
                )
            if user.partner_id != record.legal_representative_id:
                raise UserError(
                    self.env._(
                        "%(name)s is a minor: only the legal representative recorded "
                        "by the school gives or withdraws the consent.",
                        name=name,
                    )
                )
        elif user.partner_id != record.partner_id:
            raise UserError(
                self.env._(
                    "Only %(name)s gives or withdraws their own consent.", name=name
                )
            )

    def _portal_consent_state(self):
        """What the portal says of the consent: 'valid', 'awaiting_paper' (given on the
        portal, the school also wants the signed paper), 'withdrawn' or 'missing'."""
        self.ensure_one()
        record = self.sudo()
        consent = record.consent_id
        if consent.withdrawn_date:
            return "withdrawn"
        if record.has_valid_consent:
            return "valid"
        if (
            consent.method == "electronic"
            and consent.given_by_id == record._consent_giver()
            and record.company_id.mentorship_consent_scan_required
            and not consent.document
        ):
            return "awaiting_paper"
        return "missing"

    def _give_electronic_consent(
        self, user, text, ip_address, publication_allowed=False
    ):
        """`user` agrees on the portal to `text` (the version they were shown): a new
        electronic consent, given by their partner, with the time and the address;
        with the consent to the publication of the name and photo if ticked."""
        self.ensure_one()
        self._check_consent_giver(user)
        record = self.sudo()
        state = record._portal_consent_state()
        if state in ("valid", "awaiting_paper"):
            raise UserError(
                self.env._(
                    "The consent of %(name)s is already given.",
                    name=record.partner_id.name,
                )
            )
        if state == "withdrawn":
            raise UserError(
                self.env._(
                    "The consent of %(name)s was withdrawn: to take part again, "
                    "contact the curator of the programme.",
                    name=record.partner_id.name,
                )
            )
        current = self.env["mentorship.consent.text"]._get_current(record.company_id)
        if not current:
            raise UserError(
                self.env._(
                    "The school has no consent text yet: contact the curator of the "
                    "programme."
                )
            )
        if text != current:
            raise UserError(
                self.env._(
                    "The text of the consent has changed since the page was opened: "
                    "read the new version and confirm again."
                )
            )
        consent = (
            self.env["mentorship.consent"]
            .sudo()
            .create(
                {
                    record._consent_owner_field(): record.id,
                    "given_by_id": user.partner_id.id,
                    "text_id": current.id,
                    "method": "electronic",
                    "date": fields.Date.context_today(
                        record.with_context(tz=user.tz or "UTC")
                    ),
                    "signed_by_user_id": user.id,
                    "signed_at": fields.Datetime.now(),
                    "ip_address": ip_address,
                    "publication_allowed": bool(publication_allowed),
                }
            )
        )
        consent._post_on_participant(given=True)
        return consent

    def _withdraw_publication_consent(self, user):
        """`user` withdraws on the portal the consent to the publication of the name
        and photo (152-ФЗ art. 10.1 §12); the consent to take part stays. The awards
        leave the honour board at once (they read it when shown)."""
        self.ensure_one()
        self._check_consent_giver(user)
        record = self.sudo()
        consent = record.consent_id
        if not consent.publication_allowed or consent.withdrawn_date:
            raise UserError(
                self.env._(
                    "%(name)s has no consent to publication to withdraw.",
                    name=record.partner_id.name,
                )
            )
        consent.publication_allowed = False
        # by the system: mentors read this chatter and are not
        # told who the representative is
        record.with_user(self.env.ref("base.user_root")).message_post(
            body=self.env._(
                "The consent to the publication of the name and photo was withdrawn on "
                "the portal."
            ),
            subtype_xmlid="mail.mt_note",
        )
        return consent

    def _withdraw_electronic_consent(self, user):
        """`user` withdraws the consent on the portal (after the confirmation page):
        what follows is the consent's (_on_withdrawn)."""
        self.ensure_one()
        self._check_consent_giver(user)
        consent = self.sudo().consent_id
        if not consent or consent.withdrawn_date:
            raise UserError(
                self.env._(
                    "%(name)s has no consent to withdraw.",
                    name=self.sudo().partner_id.name,
                )
            )
        consent._withdraw(method="electronic")
        return consent

    def _get_consent_invitation_problem(self):
        """Why the person cannot be invited to consent on the portal, or None."""
        self.ensure_one()
        record = self.sudo()
        name = record.partner_id.name
        if not record.active or record.is_anonymized:
            return self.env._("%(name)s is archived", name=name)
        state = record._portal_consent_state()
        if state in ("valid", "awaiting_paper"):
            return self.env._("%(name)s: the consent is already given", name=name)
        if state == "withdrawn":
            return self.env._(
                "%(name)s: the consent was withdrawn, a new one is recorded by the "
                "curator",
                name=name,
            )
        recipient = record._consent_giver()
        if not recipient:
            return self.env._(
                "%(name)s is a minor: record the legal representative first", name=name
            )
        if not recipient.email:
            if record.is_minor:
                return self.env._(
                    "%(name)s: the legal representative has no e-mail address",
                    name=name,
                )
            return self.env._("%(name)s has no e-mail address", name=name)
        if not self.env["mentorship.consent.text"]._get_current(record.company_id):
            return self.env._("%(name)s: the school has no consent text yet", name=name)
        return None

    def action_invite_consent(self):
        """«Invite to Consent» (the form, or the list on the selected records): e-mail
        the person (the legal representative of a minor) a link to /my/mentorship, with
        a portal account when they have none. Those who cannot be invited are listed."""
        self.check_access("write")
        problems = []
        invited = self.browse()
        # in bulk, those who have consented are counted, not listed
        consented = self.filtered(
            lambda r: r._portal_consent_state() in ("valid", "awaiting_paper")
        )
        if len(self) == 1:
            consented = self.browse()
        for record in self - consented:
            problem = record._get_consent_invitation_problem()
            if not problem:
                try:
                    with self.env.cr.savepoint():
                        record._send_consent_invitation()
                except UserError as error:
                    problem = (
                        f"{record.sudo().partner_id.name}: {error.args[0].rstrip('.')}"
                    )
            if problem:
                problems.append(problem)
            else:
                invited |= record
        if len(self) == 1 and problems:
            raise UserError(problems[0] + ".")
        message = self.env._("Invitations sent: %(count)s.", count=len(invited))
        if consented:
            message += " " + self.env._(
                "Already consented: %(count)s.", count=len(consented)
            )
        if problems:
            message += " " + self.env._(
                "Not invited: %(problems)s.", problems="; ".join(problems)
            )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._("Invitations to Consent"),
                "message": message,
                "type": "warning" if problems else "success",
                "sticky": bool(problems),
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    def _send_consent_invitation(self):
        """The e-mail to the one who consents, in their language, with a portal account
        granted through Odoo's portal wizard when they have none. The mail is not
        attached to the base record (its chatter is read by the mentor and co-mentees,
        who must not learn who the legal representative is): the chatter gets a note."""
        self.ensure_one()
        record = self.sudo()
        recipient = record._consent_giver()
        user = recipient.with_context(active_test=False).user_ids[:1]
        if (
            not user
            or not user.active
            or not (user._is_portal() or user._is_internal())
        ):
            wizard = (
                self.env["portal.wizard"]
                .sudo()
                .with_context(active_ids=[])
                .create(
                    {
                        "partner_ids": [(6, 0, recipient.ids)],
                    }
                )
            )
            wizard.user_ids._mentorship_grant_for_consent()
            user = recipient.with_context(active_test=False).user_ids[:1]
        if user.login_date:
            url = record.get_base_url() + self.PORTAL_CONSENT_URL
        else:
            # never signed in: the sign-up link (the password is set), then the page
            recipient.signup_prepare()
            url = recipient._get_signup_url_for_action(url=self.PORTAL_CONSENT_URL)[
                recipient.id
            ]
        template = self.env.ref(
            f"odoo_mentorship.mail_template_consent_invitation_{self._name.split('.')[-1]}"
        )
        lang = recipient.lang or user.lang or self.env.lang
        template.sudo().with_context(lang=lang, mentorship_consent_url=url).send_mail(
            record.id,
            email_values={
                "recipient_ids": [(6, 0, recipient.ids)],
                "model": False,
                "res_id": False,
            },
        )
        if record.is_minor:
            body = self.env._(
                "Invitation to give the consent sent to the legal representative."
            )
        else:
            body = self.env._(
                "Invitation to give the consent sent to %(name)s.",
                name=record.partner_id.name,
            )
        record.message_post(body=body, subtype_xmlid="mail.mt_note")
