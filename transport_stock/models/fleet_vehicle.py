from odoo import api, fields, models


class FleetVehicle(models.Model):
    _inherit = "fleet.vehicle"

    tank_location_id = fields.Many2one(
        "stock.location",
        string="Fuel Tank Location",
        compute="_compute_tank_location_id",
        help="Internal location holding the fuel in this vehicle's tank.",
    )
    tank_fuel_qty = fields.Float(
        string="Fuel in Tank",
        compute="_compute_tank_fuel_qty",
        digits="Product Unit",
        help="Fuel issued to this vehicle and not yet consumed on a finished trip.",
    )
    waybill_ids = fields.One2many("stock.picking", "transport_vehicle_id")
    waybill_count = fields.Integer(compute="_compute_waybill_count")

    def _compute_tank_location_id(self):
        tanks = self.env["stock.location"].search([("vehicle_id", "in", self.ids)])
        tank_by_vehicle = {tank.vehicle_id.id: tank for tank in tanks}
        for vehicle in self:
            vehicle.tank_location_id = tank_by_vehicle.get(vehicle.id, False)

    def _compute_tank_fuel_qty(self):
        groups = self.env["stock.quant"]._read_group(
            [
                ("location_id.vehicle_id", "in", self.ids),
                ("product_id.transport_kind", "=", "fuel"),
            ],
            ["location_id"],
            ["quantity:sum"],
        )
        qty_by_vehicle = {location.vehicle_id.id: qty for location, qty in groups}
        for vehicle in self:
            vehicle.tank_fuel_qty = qty_by_vehicle.get(vehicle.id, 0.0)

    @api.depends("waybill_ids")
    def _compute_waybill_count(self):
        groups = self.env["stock.picking"]._read_group(
            [("transport_vehicle_id", "in", self.ids)],
            ["transport_vehicle_id"],
            ["__count"],
        )
        count_by_vehicle = {vehicle.id: count for vehicle, count in groups}
        for vehicle in self:
            vehicle.waybill_count = count_by_vehicle.get(vehicle.id, 0)

    def _get_tank_location(self):
        """Return this vehicle's tank location, creating it on first use."""
        self.ensure_one()
        if self.tank_location_id:
            return self.tank_location_id
        company = self.company_id or self.env.company
        # sudo: the tank is created on first fuel issue by a storekeeper or a
        # dispatcher, neither of whom manages the warehouse configuration.
        tank = (
            self.env["stock.location"]
            .sudo()
            .create(
                {
                    "name": self.license_plate or self.name,
                    "usage": "internal",
                    "location_id": company._get_transport_tank_parent_location().id,
                    "company_id": company.id,
                    "vehicle_id": self.id,
                }
            )
        )
        self.invalidate_recordset(["tank_location_id"])
        return tank.sudo(False)

    def action_view_waybills(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "stock.action_picking_tree_all"
        )
        action["domain"] = [("transport_vehicle_id", "=", self.id)]
        action["context"] = {"default_transport_vehicle_id": self.id}
        return action

    def action_view_tank(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "transport_stock.action_transport_tank_balance"
        )
        action["domain"] = [("location_id.vehicle_id", "=", self.id)]
        return action
