from odoo import api, fields, models, tools
from odoo.exceptions import UserError
from odoo.tools import SQL


class MentorshipDistrictMentor(models.Model):
    """The district's mentor base (seed 002, 2.2: «база наставников» of the district):
    the mentors the coordinator has published, as the curators of every school of the
    district see them to request one (mentorship.mentor.loan).

    A read-only view of the home schools' records with what a school needs to choose
    (the name, the school, the kind, the competencies, the forms, the free places) and
    nothing of the person's personal data (contacts, birth date, categories, notes):
    the mentor records themselves stay their school's. Only mentors who can be offered
    are listed: published, active, not anonymised, with a valid consent, in a programme
    that is not closed.
    """

    _name = "mentorship.district.mentor"
    _description = "District Mentor Base"
    _auto = False
    _order = "company_id, name"
    _depends = {
        "mentorship.mentor": [
            "district_published",
            "active",
            "is_anonymized",
            "has_valid_consent",
            "origin_mentor_id",
            "partner_id",
            "company_id",
            "programme_id",
            "kind_id",
            "mentor_type",
            "training_done",
            "competence_tag_ids",
        ],
        "mentorship.programme": ["state"],
        "res.partner": ["name"],
    }

    mentor_id = fields.Many2one(
        "mentorship.mentor", string="Mentor Record", readonly=True
    )
    name = fields.Char(string="Mentor", readonly=True)
    company_id = fields.Many2one("res.company", string="School", readonly=True)
    programme_id = fields.Many2one(
        "mentorship.programme", string="Programme", readonly=True
    )
    kind_id = fields.Many2one(
        "mentorship.participant.kind", string="Kind", readonly=True
    )
    mentor_type = fields.Selection(
        [("consultant", "Consultant"), ("subject", "Subject Mentor")],
        readonly=True,
    )
    training_done = fields.Boolean(string="Training Completed", readonly=True)
    # the mentor record's own relation table, read through the view's ids (the mentors')
    competence_tag_ids = fields.Many2many(
        "mentorship.tag",
        relation="mentorship_mentor_mentorship_tag_rel",
        column1="mentorship_mentor_id",
        column2="mentorship_tag_id",
        string="Competencies",
        readonly=True,
    )
    form_ids = fields.Many2many(
        "mentorship.form",
        compute="_compute_form_ids",
        compute_sudo=True,
        string="Forms",
        help=(
            "The forms of the mentor's programme in which a mentor of this kind may "
            "mentor."
        ),
    )
    free_places = fields.Integer(
        compute="_compute_free_places",
        compute_sudo=True,
        help=(
            "How many more mentees the mentor can take, in every school of the "
            "district together."
        ),
    )
    is_other_school = fields.Boolean(
        compute="_compute_is_other_school",
        search="_search_is_other_school",
        string="Another School",
        help="The mentor's school is not one of yours: you may request the mentor.",
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %s AS (
                    SELECT m.id, m.id AS mentor_id, rp.name, m.company_id,
                           m.programme_id, m.kind_id, m.mentor_type, m.training_done
                      FROM mentorship_mentor m
                      JOIN res_partner rp ON rp.id = m.partner_id
                      JOIN mentorship_programme prog ON prog.id = m.programme_id
                     WHERE m.district_published
                       AND m.active
                       AND NOT COALESCE(m.is_anonymized, FALSE)
                       AND m.has_valid_consent
                       AND m.origin_mentor_id IS NULL
                       AND prog.state != 'closed'
                )
                """,
                SQL.identifier(self._table),
            )
        )

    @api.depends("mentor_id", "kind_id", "programme_id")
    def _compute_form_ids(self):
        for row in self:
            forms = row.programme_id.form_ids
            row.form_ids = forms.filtered(
                lambda form, kind=row.kind_id: not form.mentor_kind_ids
                or kind in form.mentor_kind_ids
            )

    @api.depends("mentor_id")
    def _compute_free_places(self):
        for row in self:
            mentor = row.mentor_id
            row.free_places = max(mentor.capacity - mentor.active_mentee_count, 0)

    @api.depends("company_id")
    @api.depends_context("allowed_company_ids", "uid")
    def _compute_is_other_school(self):
        for row in self:
            row.is_other_school = row.company_id not in self.env.companies

    def _search_is_other_school(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            return NotImplemented
        other = (operator == "=") == value
        return [("company_id", "not in" if other else "in", self.env.companies.ids)]

    def action_request(self):
        """A curator of another school requests the mentor
        for one of their programmes."""
        self.ensure_one()
        if not self.is_other_school:
            raise UserError(
                self.env._(
                    "%(name)s is a mentor of your own school: add them to a pair "
                    "directly.",
                    name=self.name,
                )
            )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Request a Mentor"),
            "res_model": "mentorship.mentor.loan",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_mentor_id": self.mentor_id.id},
        }
