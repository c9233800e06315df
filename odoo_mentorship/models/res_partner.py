from odoo import api, fields, models

from .mentorship_anonymisation import ANONYMISE_CONTEXT, PARTNER_FIELDS_TO_CLEAR


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

    def _mentorship_is_used_elsewhere(self, anonymised):
        """Whether this contact is used by anything but the records being anonymised:
        a user, an employee, a company, another participation not anonymised, or the
        legal representative or consent giver of someone else."""
        self.ensure_one()
        env = self.env(su=True, context=dict(self.env.context, active_test=False))
        partner = self.with_env(env)
        if env["res.users"].search_count([("partner_id", "=", partner.id)], limit=1):
            return True
        if env["res.company"].search_count([("partner_id", "=", partner.id)], limit=1):
            return True
        if env["hr.employee"].search_count(
            [
                "|",
                ("work_contact_id", "=", partner.id),
                ("user_id.partner_id", "=", partner.id),
            ],
            limit=1,
        ):
            return True
        if partner.child_ids:
            return True
        for model_name in ("mentorship.mentee", "mentorship.mentor"):
            others = env[model_name].search(
                [
                    ("is_anonymized", "=", False),
                    "|",
                    ("partner_id", "=", partner.id),
                    ("legal_representative_id", "=", partner.id),
                ]
            )
            others -= anonymised if anonymised._name == model_name else env[model_name]
            if others:
                return True
        consents = env["mentorship.consent"].search([("given_by_id", "=", partner.id)])
        if consents:
            return True
        if env["survey.user_input"].search_count(
            [("partner_id", "=", partner.id), ("mentorship_programme_id", "=", False)],
            limit=1,
        ):
            return True
        return False

    def _mentorship_scrub(self, name):
        """Remove the name and contacts of a contact
        nothing else uses, and archive it."""
        env = self.env(su=True, context=dict(self.env.context, **ANONYMISE_CONTEXT))
        for partner in self.with_env(env):
            vals = {
                fname: False
                for fname in PARTNER_FIELDS_TO_CLEAR
                if fname in partner._fields
            }
            for fname in ("category_id", "bank_ids"):
                if fname in vals:
                    vals[fname] = [(5,)] if fname == "category_id" else [(6, 0, [])]
            vals.update({"name": f"{name} {partner.id}", "active": False})
            if "bank_ids" in vals:
                partner.bank_ids.unlink()
                del vals["bank_ids"]
            partner.write(vals)
            env["mail.message"].search(
                [("model", "=", "res.partner"), ("res_id", "=", partner.id)]
            ).unlink()
