from odoo import fields, models, tools
from odoo.tools import SQL

from ..models.mentorship_participant_mixin import sql_age_at_year_end


class MentorshipParticipation(models.Model):
    """Personalised accounting (персонифицированный учет): everyone who took part in
    a pair, in which role, form, programme, school and period, with the age group in
    the year the pair started (on 31 December, the indicators' rule) — the rows the
    federal statistics forms are filled from."""

    _name = "mentorship.participation"
    _description = "Personalised Accounting of Participants"
    _auto = False
    _order = "company_id, programme_id, partner_id"

    partner_id = fields.Many2one("res.partner", string="Person", readonly=True)
    role = fields.Selection([("mentor", "Mentor"), ("mentee", "Mentee")], readonly=True)
    kind_id = fields.Many2one(
        "mentorship.participant.kind", string="Kind", readonly=True
    )
    pair_id = fields.Many2one("mentorship.pair", string="Pair", readonly=True)
    form_id = fields.Many2one("mentorship.form", string="Form", readonly=True)
    programme_id = fields.Many2one(
        "mentorship.programme", string="Programme", readonly=True
    )
    company_id = fields.Many2one("res.company", string="School", readonly=True)
    date_start = fields.Date(string="Start", readonly=True)
    date_end = fields.Date(string="End", readonly=True)
    state = fields.Selection(
        [
            ("forming", "Forming"),
            ("working", "In Progress"),
            ("done", "Completed"),
            ("dissolved", "Dissolved"),
        ],
        string="Status",
        readonly=True,
    )
    age = fields.Integer(readonly=True, aggregator="avg")
    accessibility = fields.Boolean(
        string="Accessibility Group",
        readonly=True,
        help=(
            "A mentee of a group the programmes must be accessible to (orphans, "
            "low-income families, rural areas, special health needs...: the categories "
            "marked so)."
        ),
    )
    age_group = fields.Selection(
        [
            ("under_10", "Under 10"),
            ("10_14", "10–14"),
            ("15_19", "15–19"),
            ("20_24", "20–24"),
            ("25_35", "25–35"),
            ("over_35", "Over 35"),
            ("unknown", "Unknown"),
        ],
        readonly=True,
    )

    def _select_participants(self):
        categories = self.env["mentorship.mentee"]._fields["category_ids"]
        return f"""
            SELECT 'mentor' AS role, m.partner_id, m.kind_id, m.birth_date,
                m.birth_year, p.id AS pair_id,
                   FALSE AS accessibility
              FROM mentorship_pair p JOIN mentorship_mentor m ON m.id = p.mentor_id
             WHERE p.active
            UNION ALL
            SELECT 'mentee', e.partner_id, e.kind_id, e.birth_date, e.birth_year,
                   rel.pair_id,
                   EXISTS (
                       SELECT 1 FROM {categories.relation} mc
                         JOIN mentorship_category c ON c.id = mc.{categories.column2}
                        WHERE mc.{categories.column1} = e.id AND c.is_accessibility
                   )
              FROM mentorship_pair_mentee_rel rel
              JOIN mentorship_mentee e ON e.id = rel.mentee_id
              JOIN mentorship_pair p ON p.id = rel.pair_id
             WHERE p.active
        """

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        # the age of the figures' one rule, in the year the person entered the pair
        start_year = SQL("date_part('year', COALESCE(pair.date_start, CURRENT_DATE))")
        self.env.cr.execute(
            SQL(
                f"""
            CREATE OR REPLACE VIEW {self._table} AS (
                WITH participant AS ({self._select_participants()}),
                aged AS (
                    SELECT participant.*, pair.form_id, pair.programme_id,
                        pair.company_id,
                           pair.date_start, pair.date_end, pair.state,
                           %s AS age
                      FROM participant JOIN mentorship_pair pair ON pair.id =
                          participant.pair_id
                )
                SELECT row_number() OVER (ORDER BY pair_id, role, partner_id) AS id,
                    role, partner_id, kind_id, pair_id, form_id, programme_id,
                    company_id,
                       date_start, date_end, state, age, accessibility,
                       CASE WHEN age IS NULL THEN 'unknown'
                            WHEN age < 10 THEN 'under_10'
                            WHEN age <= 14 THEN '10_14'
                            WHEN age <= 19 THEN '15_19'
                            WHEN age <= 24 THEN '20_24'
                            WHEN age <= 35 THEN '25_35'
                            ELSE 'over_35' END AS age_group
                  FROM aged
            )
        """,
                sql_age_at_year_end("participant", start_year),
            )
        )
