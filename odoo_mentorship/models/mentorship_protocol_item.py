from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date

# a decision of approved minutes is carried out: what it created is linked later
WRITABLE_WHEN_APPROVED = {"roadmap_activity_id", "order_id"}


class MentorshipProtocolItem(models.Model):
    """An item of the agenda of the minutes: СЛУШАЛИ (who spoke and what about) and
    РЕШИЛИ (the decision), which may become a roadmap activity or a draft order."""

    _name = "mentorship.protocol.item"
    _description = "Minutes Item"
    _order = "protocol_id, sequence, id"

    protocol_id = fields.Many2one(
        "mentorship.protocol",
        string="Meeting Minutes",
        required=True,
        ondelete="cascade",
        index=True,
    )
    company_id = fields.Many2one(
        related="protocol_id.company_id", store=True, index=True
    )
    sequence = fields.Integer(default=10)
    name = fields.Text(string="Agenda Item", required=True)
    heard = fields.Text(help="Who spoke and what about («СЛУШАЛИ»).")
    decision = fields.Text(help="What the meeting decided («РЕШИЛИ»).")
    roadmap_activity_id = fields.Many2one(
        "mentorship.roadmap.activity",
        string="Roadmap Activity",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )
    order_id = fields.Many2one(
        "mentorship.order",
        string="Order",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )
    protocol_state = fields.Selection(
        related="protocol_id.state", string="Minutes Status"
    )

    @api.model_create_multi
    def create(self, vals_list):
        items = super().create(vals_list)
        items.protocol_id._check_not_locked()
        return items

    def write(self, vals):
        if set(vals) - WRITABLE_WHEN_APPROVED:
            self.protocol_id._check_not_locked()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_locked(self):
        self.protocol_id._check_not_locked()

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_create_roadmap_activity(self):
        """The decision becomes an activity of the programme's roadmap, opened to set
        its stage, deadline and the people responsible."""
        self.ensure_one()
        self._check_can_carry_out()
        if self.roadmap_activity_id:
            raise UserError(
                self.env._("This decision already has its roadmap activity.")
            )
        roadmap = self._get_roadmap()
        stages = roadmap.stage_ids.sorted("sequence")
        open_stage = stages.filtered(
            lambda s: s.activity_ids.filtered(
                lambda a: a.state in ("planned", "in_progress")
            )
        )
        self.roadmap_activity_id = self.env["mentorship.roadmap.activity"].create(
            {
                "roadmap_id": roadmap.id,
                "stage_id": (open_stage[:1] or stages[-1:]).id,
                "name": self.decision,
                "document_type": self._reference(),
            }
        )
        return self._open(self.roadmap_activity_id)

    def action_create_order(self):
        """The decision becomes a draft order, for the director to approve."""
        self.ensure_one()
        self._check_can_carry_out()
        if self.order_id:
            raise UserError(self.env._("This decision already has its order."))
        protocol = self.protocol_id
        Order = self.env["mentorship.order"]
        order_types = dict(Order._fields["order_type"].selection)
        # a generic type if the register has one; otherwise the
        # programme's (the curator changes it)
        order_type = "other" if "other" in order_types else "programme"
        title = self.decision.strip().splitlines()[0]
        self.order_id = Order.create(
            {
                "order_type": order_type,
                "title": title if len(title) <= 200 else title[:199] + "…",
                "company_id": protocol.company_id.id,
                "programme_id": protocol.programme_id.id,
                "preamble": Markup("<p>%s</p>")
                % self.env._(
                    "On the decision of the meeting (%(minutes)s)",
                    minutes=self._reference(),
                ),
                "item_ids": [(0, 0, {"name": self.decision})],
            }
        )
        return self._open(self.order_id)

    # ------------------------------------------------------------
    # TOOLS
    # ------------------------------------------------------------

    def _check_can_carry_out(self):
        if not (self.decision or "").strip():
            raise UserError(self.env._("Write the decision first."))

    def _reference(self):
        """«minutes № 3 of 01.10.2025», in the user's language."""
        protocol = self.protocol_id
        return self.env._(
            "minutes № %(number)s of %(date)s",
            number=protocol.name or "—",
            date=format_date(self.env, protocol.date),
        )

    def _get_roadmap(self):
        protocol = self.protocol_id
        roadmap = self.env["mentorship.roadmap"].search(
            [
                ("company_id", "=", protocol.company_id.id),
                ("programme_id", "=", protocol.programme_id.id),
            ],
            order="date_start desc, id desc",
            limit=1,
        )
        if not roadmap.stage_ids:
            raise UserError(
                self.env._(
                    "The programme of the minutes has no roadmap with stages: create "
                    "its roadmap first."
                )
            )
        return roadmap

    def _open(self, record):
        return {
            "type": "ir.actions.act_window",
            "res_model": record._name,
            "res_id": record.id,
            "view_mode": "form",
            "target": "current",
        }
