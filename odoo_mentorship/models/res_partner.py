from odoo import api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    mentorship_agreement_count = fields.Integer(
        compute="_compute_mentorship_agreement_count",
        string="Cooperation Agreements",
        groups="odoo_mentorship.group_mentorship_curator,odoo_mentorship.group_mentorship_coordinator",
    )

    @api.depends_context("uid", "allowed_company_ids")
    def _compute_mentorship_agreement_count(self):
        # the agreements the user may read: their own schools'
        counts = dict(
            self.env["mentorship.agreement"]._read_group(
                [("partner_id", "in", self.ids)], ["partner_id"], ["__count"]
            )
        )
        for partner in self:
            partner.mentorship_agreement_count = counts.get(partner, 0)

    def action_open_mentorship_agreements(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "odoo_mentorship.mentorship_agreement_action"
        )
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"default_partner_id": self.id}
        return action
