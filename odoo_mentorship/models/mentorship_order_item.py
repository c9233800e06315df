from odoo import api, fields, models


class MentorshipOrderItem(models.Model):
    _name = "mentorship.order.item"
    _description = "Order Item"
    _order = "order_id, sequence, id"

    order_id = fields.Many2one(
        "mentorship.order", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    name = fields.Text(string="Item", required=True)

    def write(self, vals):
        self.order_id._check_not_locked()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_locked(self):
        self.order_id._check_not_locked()

    @api.model_create_multi
    def create(self, vals_list):
        items = super().create(vals_list)
        items.order_id._check_not_locked()
        return items
