import re

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..models.mentorship_roles import check_role

# «на 2025–2026 учебный год», «2025-2026»: the years of a programme's name
YEARS_RE = re.compile(r"(\d{4})(\s*[–—-]\s*)(\d{4})")

# what a carried base record keeps of the closing year's record: the person and what
# was learnt about them (kind, categories, the mentor's selection and training). Not
# kept: the stage (the new year starts its own pipeline), the class (a pupil moves up
# a class over the summer), the consent (given for the closing programme, see below)
MENTOR_FIELDS = (
    "partner_id",
    "employee_id",
    "kind_id",
    "category_ids",
    "birth_date",
    "legal_representative_id",
    "contour",
    "mentor_type",
    "organisation",
    "competence_tag_ids",
    "capacity",
    "questionnaire_done",
    "interview_done",
    "portfolio",
)
MENTEE_FIELDS = (
    "partner_id",
    "employee_id",
    "kind_id",
    "category_ids",
    "birth_date",
    "legal_representative_id",
)


class MentorshipProgrammeNextCycle(models.TransientModel):
    """The next cycle of a programme (seed 003, 7.1: «принятие решения о продолжении
    взаимодействия в рамках нового цикла»; seed 000: «далее ежегодно»).

    A curator or the director creates, from a running or closed programme, next year's
    programme as a draft: the same forms, curators, questionnaires and settings, the
    working group copied, new roadmaps from the same templates on the new dates, and a
    new base record for every mentor and mentee who continues.

    Who continues, by default: every active mentor, and every active mentee who has not
    finished (neither in the «Finished» stage nor in a completed pair), in both cases
    unless their consent was withdrawn. The curator unticks the others.

    The consents are not carried: a consent (152-ФЗ) is given for one programme, and
    the carried people give it again for the new one before they are paired. Pairs are
    not carried either: the new year's pairs are formed and fixed by a new order.
    The closed year's programme and its records are only read.
    """

    _name = "mentorship.programme.next.cycle"
    _description = "Next Cycle of a Programme"

    programme_id = fields.Many2one(
        "mentorship.programme", string="Closing Programme", required=True, readonly=True
    )
    company_id = fields.Many2one(related="programme_id.company_id")
    name = fields.Char(
        compute="_compute_name",
        store=True,
        readonly=False,
        required=True,
        precompute=True,
    )
    date_start = fields.Date(
        string="Start",
        compute="_compute_dates",
        store=True,
        readonly=False,
        required=True,
        precompute=True,
    )
    date_end = fields.Date(
        string="End",
        compute="_compute_dates",
        store=True,
        readonly=False,
        required=True,
        precompute=True,
    )
    mentor_ids = fields.Many2many(
        "mentorship.mentor",
        string="Mentors Who Continue",
        compute="_compute_participants",
        store=True,
        readonly=False,
        precompute=True,
        domain="[('programme_id', '=', programme_id)]",
    )
    mentee_ids = fields.Many2many(
        "mentorship.mentee",
        string="Mentees Who Continue",
        compute="_compute_participants",
        store=True,
        readonly=False,
        precompute=True,
        domain="[('programme_id', '=', programme_id)]",
    )
    template_ids = fields.Many2many(
        "mentorship.roadmap.template",
        string="Roadmaps",
        compute="_compute_template_ids",
        store=True,
        readonly=False,
        precompute=True,
        help=(
            "A new roadmap is created from each template, on the template's own "
            "calendar after the new start."
        ),
    )
    copy_working_group = fields.Boolean(string="Copy the Working Group", default=True)

    @api.depends("programme_id")
    def _compute_dates(self):
        for wizard in self:
            programme = wizard.programme_id
            wizard.date_start = (
                programme.date_start and programme.date_start + relativedelta(years=1)
            )
            wizard.date_end = programme.date_end and programme.date_end + relativedelta(
                years=1
            )

    @api.depends("programme_id", "date_start")
    def _compute_name(self):
        """The closing programme's name with the years of the new one («на 2026–2027
        учебный год»), or with the new years added."""
        for wizard in self:
            name = wizard.programme_id.name or ""
            if not wizard.date_start:
                wizard.name = name
                continue
            shift = wizard.date_start.year - wizard.programme_id.date_start.year
            if YEARS_RE.search(name):
                wizard.name = YEARS_RE.sub(
                    lambda m,
                    shift=shift: f"{int(m[1]) + shift}{m[2]}{int(m[3]) + shift}",
                    name,
                    count=1,
                )
            else:
                end_year = (wizard.date_end or wizard.date_start).year
                years = (
                    f"{wizard.date_start.year}–{end_year}"
                    if end_year != wizard.date_start.year
                    else str(end_year)
                )
                wizard.name = f"{name} ({years})"

    @api.depends("programme_id")
    def _compute_participants(self):
        finished = self.env.ref(
            "odoo_mentorship.mentee_stage_finished", raise_if_not_found=False
        )
        for wizard in self:
            programme = wizard.programme_id
            wizard.mentor_ids = programme.mentor_ids.filtered(
                lambda mentor: not mentor.consent_withdrawn and not mentor.is_anonymized
            )
            wizard.mentee_ids = programme.mentee_ids.filtered(
                lambda mentee: not mentee.consent_withdrawn
                and not mentee.is_anonymized
                and mentee.stage_id != finished
                and not any(pair.state == "done" for pair in mentee.pair_ids)
            )

    @api.depends("programme_id")
    def _compute_template_ids(self):
        for wizard in self:
            roadmaps = self.env["mentorship.roadmap"].search(
                [("programme_id", "=", wizard.programme_id.id)]
            )
            wizard.template_ids = roadmaps.template_id

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_create(self):
        self.ensure_one()
        programme = self._create_next_cycle()
        return {
            "type": "ir.actions.act_window",
            "res_model": "mentorship.programme",
            "res_id": programme.id,
            "view_mode": "form",
        }

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    def _create_next_cycle(self):
        self.ensure_one()
        check_role(
            self.env,
            "curator",
            self.env._(
                "Only a curator or the director prepares the next cycle of a programme."
            ),
        )
        old = self.programme_id
        # the curator of another school does not reach this programme
        old.check_access("write")
        if old.state not in ("running", "closed"):
            raise UserError(
                self.env._("The next cycle follows a running or closed programme.")
            )
        if old.next_programme_ids:
            raise UserError(
                self.env._(
                    "The programme «%(name)s» already has its next cycle: «%(next)s».",
                    name=old.name,
                    next=old.next_programme_ids[0].name,
                )
            )
        if (self.mentor_ids.programme_id | self.mentee_ids.programme_id) - old:
            raise UserError(
                self.env._(
                    "Only the people of the closing programme continue in its next "
                    "cycle."
                )
            )
        new = old.copy(
            {
                "name": self.name,
                "date_start": self.date_start,
                "date_end": self.date_end,
                "previous_programme_id": old.id,
            }
        )
        if self.copy_working_group:
            members = self.env["mentorship.working.group.member"].search(
                [("programme_id", "=", old.id)]
            )
            members.copy(
                {
                    "programme_id": new.id,
                    "date_start": self.date_start,
                    "date_end": False,
                }
            )
        for template in self.template_ids:
            self.env["mentorship.roadmap"]._create_from_template(
                template, template._get_start(self.date_start), programme=new
            )
        mentor_values = self._carried_values(self.mentor_ids, MENTOR_FIELDS, new)
        for values, mentor in zip(mentor_values, self.mentor_ids, strict=False):
            # trained in the closing year (its sessions, or
            # credited): credited in the new one
            values["training_credited"] = mentor.training_done
        self.env["mentorship.mentor"].create(mentor_values)
        self.env["mentorship.mentee"].create(
            self._carried_values(self.mentee_ids, MENTEE_FIELDS, new)
        )
        # in the language of the user (a job or the demo data at
        # install have none in the context)
        env = self.env(
            context=dict(
                self.env.context,
                lang=self.env.lang or self.env["res.users"].context_get().get("lang"),
            )
        )
        new.message_post(
            body=env._(
                "Next cycle of «%(name)s»: %(mentors)s mentors and %(mentees)s mentees "
                "continue. They give their consent again for this programme before "
                "they are paired.",
                name=old.name,
                mentors=len(self.mentor_ids),
                mentees=len(self.mentee_ids),
            )
        )
        return new

    @api.model
    def _carried_values(self, records, field_names, programme):
        """The values of a new base record in `programme` for each of `records`: the
        fields that carry over, in the form create() takes them."""
        return [
            {
                **record._convert_to_write(
                    {name: record[name] for name in field_names}
                ),
                "programme_id": programme.id,
            }
            for record in records
        ]
