from odoo import api, fields, models


class TransportTrip(models.Model):
    _inherit = "transport.trip"

    waybill_ids = fields.One2many("stock.picking", "transport_trip_id")
    # Drivers and dispatchers see the waybill count without warehouse rights.
    waybill_count = fields.Integer(compute="_compute_waybill_count", compute_sudo=True)

    @api.depends("waybill_ids")
    def _compute_waybill_count(self):
        groups = self.env["stock.picking"]._read_group(
            [("transport_trip_id", "in", self.ids)],
            ["transport_trip_id"],
            ["__count"],
        )
        count_by_trip = {trip.id: count for trip, count in groups}
        for trip in self:
            trip.waybill_count = count_by_trip.get(trip.id, 0)

    def action_done(self):
        res = super().action_done()
        self._consume_tank_fuel()
        return res

    def action_issue_fuel(self):
        self.ensure_one()
        return self.env["transport.stock.issue"]._get_wizard_action(
            {"default_trip_id": self.id, "default_issue_type": "fuel"}
        )

    def action_issue_parts(self):
        self.ensure_one()
        return self.env["transport.stock.issue"]._get_wizard_action(
            {"default_trip_id": self.id, "default_issue_type": "parts"}
        )

    def action_view_waybills(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "stock.action_picking_tree_all"
        )
        action["domain"] = [("transport_trip_id", "=", self.id)]
        action["context"] = {"default_transport_trip_id": self.id}
        return action

    def _consume_tank_fuel(self):
        """Move the fuel burnt by each finished trip from the tank to consumption.

        The move takes at most what the tank holds, so that fuel bought on the
        way without a waybill does not stop the trip from closing; the
        difference is noted on the trip.
        """
        for trip in self.filtered(lambda t: t.state == "done" and t.fuel_actual > 0):
            tank = trip.vehicle_id.tank_location_id
            if not tank:
                continue
            quants = self.env["stock.quant"].search(
                [
                    ("location_id", "=", tank.id),
                    ("product_id.transport_kind", "=", "fuel"),
                    ("quantity", ">", 0),
                ],
                order="quantity desc",
            )
            to_consume = trip.fuel_actual
            quantities = {}
            for quant in quants:
                qty = min(quant.quantity, to_consume)
                if qty <= 0:
                    break
                quantities[quant.product_id] = (
                    quantities.get(quant.product_id, 0.0) + qty
                )
                to_consume -= qty
            if quantities:
                trip._create_consumption_waybill(tank, quantities)
            if to_consume > 0.01:
                trip.message_post(
                    body=self.env._(
                        "%(missing).2f l of the fuel burnt were not in the tank of "
                        "%(vehicle)s according to the warehouse: issue fuel by waybill "
                        "to keep the tank balance right.",
                        missing=to_consume,
                        vehicle=trip.vehicle_id.display_name,
                    )
                )

    def _create_consumption_waybill(self, tank, quantities):
        self.ensure_one()
        company = self.company_id
        warehouse = self.env["stock.warehouse"].search(
            [("company_id", "=", company.id)], limit=1
        )
        # sudo: closing a trip is a dispatcher's job; the fuel burnt is booked
        # out of the tank by the system, not issued by a person.
        Picking = self.env["stock.picking"].sudo()
        picking = Picking.create(
            {
                "picking_type_id": warehouse.int_type_id.id,
                "location_id": tank.id,
                "location_dest_id": company._get_transport_consumption_location().id,
                "transport_trip_id": self.id,
                "origin": self.name,
                "company_id": company.id,
            }
        )
        self.env["stock.move"].sudo().create(
            [
                self.env["stock.move"]._prepare_transport_issue_vals(
                    picking, product, qty
                )
                for product, qty in quantities.items()
            ]
        )
        picking._validate_transport_waybill()
        return picking
