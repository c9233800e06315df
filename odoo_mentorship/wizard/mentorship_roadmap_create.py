from odoo import api, fields, models


class MentorshipRoadmapCreate(models.TransientModel):
    _name = "mentorship.roadmap.create"
    _description = "Create a Roadmap from a Template"

    template_id = fields.Many2one("mentorship.roadmap.template", required=True)
    programme_id = fields.Many2one(
        "mentorship.programme", help="Empty for a district office's roadmap."
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    date_start = fields.Date(
        string="Start",
        required=True,
        compute="_compute_date_start",
        store=True,
        readonly=False,
        precompute=True,
    )
    name = fields.Char(
        compute="_compute_name",
        store=True,
        readonly=False,
        required=True,
        precompute=True,
    )
    anchor = fields.Char(compute="_compute_anchor", string="The Template Starts On")

    @api.depends("programme_id", "template_id")
    def _compute_date_start(self):
        """The template's own calendar (the day its document starts from) on or after
        the start of the programme, or today."""
        for wizard in self:
            not_before = wizard.programme_id.date_start or fields.Date.context_today(
                self
            )
            wizard.date_start = (
                wizard.template_id._get_start(not_before)
                if wizard.template_id
                else not_before
            )

    @api.depends("template_id")
    def _compute_anchor(self):
        for wizard in self:
            wizard.anchor = (
                wizard.template_id._get_anchor_label() if wizard.template_id else False
            )

    @api.depends("template_id", "programme_id")
    def _compute_name(self):
        for wizard in self:
            parts = [wizard.template_id.name, wizard.programme_id.name]
            wizard.name = " — ".join(part for part in parts if part)

    def action_create(self):
        self.ensure_one()
        roadmap = self.env["mentorship.roadmap"]._create_from_template(
            self.template_id,
            self.date_start,
            programme=self.programme_id or None,
            company=self.programme_id.company_id or self.company_id,
            name=self.name,
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "mentorship.roadmap",
            "res_id": roadmap.id,
            "view_mode": "form",
        }
