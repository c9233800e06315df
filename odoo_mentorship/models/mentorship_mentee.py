from odoo import api, fields, models
from odoo.tools import SQL


class MentorshipMentee(models.Model):
    """The mentee base (база наставляемых): one record per person and programme."""

    _name = "mentorship.mentee"
    _inherit = ["mentorship.participant.mixin"]
    _description = "Mentee"
    _order = "stage_id, id desc"

    stage_id = fields.Many2one(
        "mentorship.mentee.stage",
        string="Stage",
        default=lambda self: self._default_stage_id(),
        group_expand="_read_group_expand_full",
        ondelete="restrict",
        tracking=True,
        copy=False,
        index=True,
    )
    # the mentee's needs: the mentee, their mentor and the curators (not the district)
    request_ids = fields.One2many(
        "mentorship.request",
        "mentee_id",
        string="Requests",
        groups="odoo_mentorship.group_mentorship_participant",
    )
    request_count = fields.Integer(
        compute="_compute_request_count",
        groups="odoo_mentorship.group_mentorship_participant",
    )
    consent_ids = fields.One2many(
        "mentorship.consent",
        "mentee_id",
        string="Consents",
        groups="odoo_mentorship.group_mentorship_curator",
    )
    pair_ids = fields.Many2many(
        "mentorship.pair",
        "mentorship_pair_mentee_rel",
        "mentee_id",
        "pair_id",
        string="Pairs",
        readonly=True,
        copy=False,
    )
    pair_count = fields.Integer(compute="_compute_pair_count")
    preferred_mentor_id = fields.Many2one(
        "mentorship.mentor",
        string="Preferred Mentor",
        check_company=True,
        domain="[('programme_id', '=', programme_id)]",
    )

    _sql_constraints = [
        (
            "partner_programme_uniq",
            "unique(partner_id, programme_id)",
            "This person is already in the mentee base of this programme.",
        ),
    ]

    def _default_stage_id(self):
        return self.env["mentorship.mentee.stage"].search([], limit=1)

    @api.depends("request_ids")
    def _compute_request_count(self):
        for mentee in self:
            mentee.request_count = len(mentee.request_ids)

    @api.depends("pair_ids")
    def _compute_pair_count(self):
        for mentee in self:
            mentee.pair_count = len(mentee.pair_ids)

    def _advance_to_consent_stage(self):
        """The mentees whose consent is now valid reach «Consent Received» in the
        base's pipeline, if they were at an earlier stage (as a pair moves its
        mentees to «In a Pair»)."""
        stage = self.env.ref(
            "odoo_mentorship.mentee_stage_consent", raise_if_not_found=False
        )
        if stage:
            self.sudo().filtered(
                lambda m: m.has_valid_consent and m.stage_id.sequence < stage.sequence
            ).stage_id = stage

    def action_open_pairs(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Pairs of %(name)s", name=self.display_name),
            "res_model": "mentorship.pair",
            "view_mode": "kanban,list,form",
            "domain": [("mentee_ids", "in", self.ids)],
            "context": {
                "default_programme_id": self.programme_id.id,
                "default_mentee_ids": [self.id],
            },
        }

    def _get_pair_participants_sql(self, pairs):
        """The mentees of the `pairs` (SQL of pair ids)."""
        return SQL(
            "SELECT rel.mentee_id FROM mentorship_pair_mentee_rel rel"
            " WHERE rel.pair_id IN (%s)",
            pairs,
        )
