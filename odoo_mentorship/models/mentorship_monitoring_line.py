from odoo import api, fields, models

from .mentorship_roles import check_history_unlink


class MentorshipMonitoringLine(models.AbstractModel):
    """What the computed lines of a monitoring share:
    confirmed, they are frozen with it."""

    _name = "mentorship.monitoring.line"
    _description = "Monitoring Line"

    monitoring_id = fields.Many2one(
        "mentorship.monitoring", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="monitoring_id.company_id", store=True)

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        if not self.env.su:
            lines.monitoring_id._check_not_frozen()
        return lines

    def write(self, vals):
        if not self.env.su:
            (
                self.monitoring_id
                | self.monitoring_id.browse(vals.get("monitoring_id"))
            )._check_not_frozen()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_confirmed(self):
        check_history_unlink(
            self.filtered(lambda line: line.monitoring_id.state == "confirmed"),
            self.env._(
                "The lines of a confirmed monitoring cannot be deleted: the manager "
                "sets it back to draft to correct it."
            ),
        )
