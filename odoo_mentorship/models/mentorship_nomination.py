from odoo import fields, models

NOMINATION_KINDS = [("person", "A Person"), ("pair", "A Pair or Group")]


class MentorshipNomination(models.Model):
    """A nomination of the school's rewards («Наставник года», «Лучшая пара») or a
    contest («Наставник+», seed 001 §11; seed 002 4.2): what is awarded, to a person
    (a mentor or a mentee) or to a pair or group.

    A school's nominations are its curators'; a nomination without a school is the
    district's (the municipal contests), kept by the municipal coordinator and read
    by every school.
    """

    _name = "mentorship.nomination"
    _description = "Mentorship Nomination"
    _inherit = ["mentorship.thread"]
    _order = "sequence, name, id"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    sequence = fields.Integer(default=10)
    kind = fields.Selection(
        NOMINATION_KINDS,
        string="Awarded To",
        required=True,
        default="person",
        tracking=True,
        help="A person (a mentor or a mentee), or a pair or group as a whole.",
    )
    is_contest = fields.Boolean(
        string="Contest",
        tracking=True,
        help=(
            "A contest such as «Наставник+»: its awards rank the winners, the "
            "prize-winners and the participants."
        ),
    )
    company_id = fields.Many2one(
        "res.company",
        string="School",
        default=lambda self: self.env.company,
        index=True,
        help="Empty for a nomination of the district, shared by its schools.",
    )
    description = fields.Html(
        string="Criteria",
        help="What the nomination rewards, how the winners are chosen.",
    )
    award_ids = fields.One2many("mentorship.award", "nomination_id", string="Awards")
    award_count = fields.Integer(compute="_compute_award_count", string="Awards Given")
    color = fields.Integer()
    active = fields.Boolean(default=True)

    def _compute_award_count(self):
        counts = dict(
            self.env["mentorship.award"]._read_group(
                [("nomination_id", "in", self.ids)], ["nomination_id"], ["__count"]
            )
        )
        for nomination in self:
            nomination.award_count = counts.get(nomination, 0)

    def action_open_awards(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "odoo_mentorship.mentorship_award_action"
        )
        action["domain"] = [("nomination_id", "=", self.id)]
        action["context"] = {"default_nomination_id": self.id}
        return action
