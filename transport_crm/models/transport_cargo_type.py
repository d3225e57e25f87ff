from odoo import fields, models


class TransportCargoType(models.Model):
    _name = "transport.cargo.type"
    _description = "Cargo type"
    _order = "sequence, name, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    color = fields.Integer()
    description = fields.Text(
        translate=True, help="What the type covers, for the sales team."
    )
    order_count = fields.Integer(
        string="Orders", compute="_compute_order_count", help="Confirmed orders."
    )

    def _compute_order_count(self):
        counts = dict(
            self.env["sale.order"]._read_group(
                [("cargo_type_id", "in", self.ids), ("state", "=", "sale")],
                ["cargo_type_id"],
                ["__count"],
            )
        )
        for cargo_type in self:
            cargo_type.order_count = counts.get(cargo_type, 0)

    def action_view_orders(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "transport_crm.action_transport_order"
        )
        action["domain"] = [("cargo_type_id", "=", self.id)]
        action["context"] = {
            "default_is_transport": True,
            "default_cargo_type_id": self.id,
        }
        return action
