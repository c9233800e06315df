from odoo import fields, models, tools


class MentorshipParticipation(models.Model):
    """Personalised accounting (персонифицированный учет): everyone who took part in
    a pair, in which role, form, programme, school and period, with the age group at
    the start of the pair — the rows the federal statistics forms are filled from."""

    _name = "mentorship.participation"
    _description = "Personalised Accounting of Participants"
    _auto = False
    _order = "company_id, programme_id, partner_id"

    partner_id = fields.Many2one("res.partner", string="Person", readonly=True)
    role = fields.Selection([("mentor", "Mentor"), ("mentee", "Mentee")], readonly=True)
    kind_id = fields.Many2one("mentorship.participant.kind", string="Kind", readonly=True)
    pair_id = fields.Many2one("mentorship.pair", string="Pair", readonly=True)
    form_id = fields.Many2one("mentorship.form", string="Form", readonly=True)
    programme_id = fields.Many2one("mentorship.programme", string="Programme", readonly=True)
    company_id = fields.Many2one("res.company", string="School", readonly=True)
    date_start = fields.Date(string="Start", readonly=True)
    date_end = fields.Date(string="End", readonly=True)
    state = fields.Selection(
        [("forming", "Forming"), ("working", "In Progress"), ("done", "Completed"), ("dissolved", "Dissolved")],
        string="Status",
        readonly=True,
    )
    age = fields.Integer(readonly=True, aggregator="avg")
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
        return """
            SELECT 'mentor' AS role, m.partner_id, m.kind_id, m.birth_date, m.birth_year, p.id AS pair_id
              FROM mentorship_pair p JOIN mentorship_mentor m ON m.id = p.mentor_id
             WHERE p.active
            UNION ALL
            SELECT 'mentee', e.partner_id, e.kind_id, e.birth_date, e.birth_year,
                   rel.pair_id
              FROM mentorship_pair_mentee_rel rel
              JOIN mentorship_mentee e ON e.id = rel.mentee_id
              JOIN mentorship_pair p ON p.id = rel.pair_id
             WHERE p.active
        """

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(f"""
            CREATE OR REPLACE VIEW {self._table} AS (
                WITH participant AS ({self._select_participants()}),
                aged AS (
                    SELECT participant.*, pair.form_id, pair.programme_id, pair.company_id,
                           pair.date_start, pair.date_end, pair.state,
                           COALESCE(
                               date_part('year', age(COALESCE(pair.date_start, CURRENT_DATE), participant.birth_date)),
                               -- anonymised: the age reached in the year of the start
                               date_part('year', COALESCE(pair.date_start, CURRENT_DATE)) - participant.birth_year
                           )::int AS age
                      FROM participant JOIN mentorship_pair pair ON pair.id = participant.pair_id
                )
                SELECT row_number() OVER (ORDER BY pair_id, role, partner_id) AS id, role, partner_id, kind_id, pair_id, form_id, programme_id, company_id,
                       date_start, date_end, state, age,
                       CASE WHEN age IS NULL THEN 'unknown'
                            WHEN age < 10 THEN 'under_10'
                            WHEN age <= 14 THEN '10_14'
                            WHEN age <= 19 THEN '15_19'
                            WHEN age <= 24 THEN '20_24'
                            WHEN age <= 35 THEN '25_35'
                            ELSE 'over_35' END AS age_group
                  FROM aged
            )
        """)
