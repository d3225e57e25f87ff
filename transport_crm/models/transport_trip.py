from odoo import api, fields, models
from odoo.tools import float_compare


class TransportTrip(models.Model):
    _inherit = "transport.trip"

    transport_order_ids = fields.Many2many(
        "sale.order",
        "transport_trip_sale_order_rel",
        "trip_id",
        "order_id",
        string="Transport orders",
        domain=[("is_transport", "=", True), ("state", "=", "sale")],
        check_company=True,
    )
    transport_order_count = fields.Integer(compute="_compute_transport_order_count")

    @api.depends("transport_order_ids")
    def _compute_transport_order_count(self):
        for trip in self:
            trip.transport_order_count = len(trip.transport_order_ids)

    def _get_dispatch_blockers(self):
        blockers = super()._get_dispatch_blockers()
        return blockers + self._get_order_requirement_problems(self.transport_order_ids)

    def _get_order_requirement_problems(self, orders):
        """Translated reasons why the trip's vehicles cannot carry ``orders``
        together with the orders already on it (empty list: they can)."""
        self.ensure_one()
        units = self.vehicle_id | self.trailer_ids
        if not units:
            return []
        orders = orders | self.transport_order_ids
        problems = []
        payload = sum(units.mapped("payload"))
        weight = sum(orders.mapped("required_payload"))
        if float_compare(weight, payload, precision_digits=3) > 0:
            problems.append(
                self.env._(
                    "The cargo weighs %(weight)s t but the vehicles carry "
                    "%(payload)s t.",
                    weight=weight,
                    payload=payload,
                )
            )
        capacity = sum(units.mapped("cargo_volume"))
        volume = sum(orders.mapped("required_volume"))
        if float_compare(volume, capacity, precision_digits=2) > 0:
            problems.append(
                self.env._(
                    "The cargo takes %(volume)s m³ but the vehicles hold "
                    "%(capacity)s m³.",
                    volume=volume,
                    capacity=capacity,
                )
            )
        roles = set(units.mapped("transport_role"))
        role_labels = dict(self.env["sale.order"]._fields["required_role"].selection)
        for order in orders.filtered(lambda o: o.required_role not in roles | {False}):
            problems.append(
                self.env._(
                    "Order %(order)s needs a %(role)s.",
                    order=order.name,
                    role=role_labels[order.required_role],
                )
            )
        if any(orders.mapped("adr_required")) and not all(units.mapped("adr_equipped")):
            problems.append(
                self.env._(
                    "Dangerous goods need ADR-equipped vehicles: %(units)s is not.",
                    units=", ".join(
                        units.filtered(lambda u: not u.adr_equipped).mapped(
                            "display_name"
                        )
                    ),
                )
            )
        if any(orders.mapped("temperature_controlled")) and not any(
            units.mapped("temperature_controlled")
        ):
            problems.append(
                self.env._("The cargo needs a temperature-controlled vehicle.")
            )
        return problems

    def action_view_transport_orders(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "transport_crm.action_transport_order"
        )
        action["domain"] = [("id", "in", self.transport_order_ids.ids)]
        action["context"] = {"default_is_transport": True}
        return action
