from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .fleet_vehicle_model import TOWED_ROLES, TRANSPORT_ROLES
from .res_partner import DOCUMENT_STATUS

ROLE_LICENCE_CATEGORY = {
    "tractor": "transport_fleet.licence_category_ce",
    "truck": "transport_fleet.licence_category_c",
    "van": "transport_fleet.licence_category_b",
}


class FleetVehicle(models.Model):
    _inherit = "fleet.vehicle"

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------
    transport_role = fields.Selection(
        TRANSPORT_ROLES,
        compute="_compute_transport_role",
        store=True,
        readonly=False,
        tracking=True,
        index=True,
    )
    is_towed = fields.Boolean(
        compute="_compute_is_towed",
        store=True,
        help="Trailers and semi-trailers are towed units: no engine, no fuel, "
        "no driver.",
    )
    payload = fields.Float(
        string="Payload (t)",
        digits=(16, 2),
        compute="_compute_payload",
        store=True,
        readonly=False,
    )
    cargo_volume = fields.Float(
        string="Cargo Volume (m³)",
        digits=(16, 1),
        compute="_compute_cargo_volume",
        store=True,
        readonly=False,
    )
    max_speed = fields.Integer(string="Maximum Speed (km/h)")
    axle_count = fields.Integer(string="Axles")
    year_of_manufacture = fields.Integer()
    licence_category_id = fields.Many2one(
        "transport.licence.category",
        string="Required Licence Category",
        compute="_compute_licence_category_id",
        store=True,
        readonly=False,
        help="The driver's licence must include this category.",
    )
    fuel_norm = fields.Float(
        string="Norm Consumption (l/100 km)",
        digits=(16, 2),
        compute="_compute_fuel_norm",
        store=True,
        readonly=False,
        help="Standard consumption of the empty vehicle in summer.",
    )
    fuel_norm_winter_coef = fields.Float(
        string="Winter Coefficient",
        default=1.1,
        digits=(16, 3),
        help="Multiplies the norm for trips that depart in the winter months.",
    )
    fuel_norm_summer_coef = fields.Float(
        string="Summer Coefficient", default=1.0, digits=(16, 3)
    )
    fuel_norm_per_tkm = fields.Float(
        string="Load Addition (l/100 t·km)",
        digits=(16, 2),
        help="Extra litres per 100 tonne-kilometres of cargo carried.",
    )
    trip_ids = fields.One2many("transport.trip", "vehicle_id", string="Trips")
    trip_count = fields.Integer(compute="_compute_trip_count")
    transport_document_ids = fields.One2many(
        "transport.document", "vehicle_id", string="Documents"
    )
    transport_document_count = fields.Integer(
        compute="_compute_transport_document_count"
    )
    transport_document_status = fields.Selection(
        DOCUMENT_STATUS,
        string="Document Status",
        compute="_compute_transport_document_status",
    )
    transport_missing_document_type_ids = fields.Many2many(
        "transport.document.type",
        string="Missing Mandatory Documents",
        compute="_compute_transport_document_status",
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("model_id.transport_role")
    def _compute_transport_role(self):
        for vehicle in self:
            if vehicle.model_id.transport_role:
                vehicle.transport_role = vehicle.model_id.transport_role

    @api.depends("transport_role")
    def _compute_is_towed(self):
        for vehicle in self:
            vehicle.is_towed = vehicle.transport_role in TOWED_ROLES

    @api.depends("model_id.transport_payload")
    def _compute_payload(self):
        for vehicle in self:
            vehicle.payload = vehicle.model_id.transport_payload or vehicle.payload

    @api.depends("model_id.transport_cargo_volume")
    def _compute_cargo_volume(self):
        for vehicle in self:
            vehicle.cargo_volume = (
                vehicle.model_id.transport_cargo_volume or vehicle.cargo_volume
            )

    @api.depends("model_id.transport_fuel_norm")
    def _compute_fuel_norm(self):
        for vehicle in self:
            vehicle.fuel_norm = (
                vehicle.model_id.transport_fuel_norm or vehicle.fuel_norm
            )

    @api.depends("transport_role")
    def _compute_licence_category_id(self):
        for vehicle in self:
            xmlid = ROLE_LICENCE_CATEGORY.get(vehicle.transport_role)
            vehicle.licence_category_id = (
                self.env.ref(xmlid, raise_if_not_found=False) if xmlid else False
            )

    def _compute_trip_count(self):
        Trip = self.env["transport.trip"]
        towing = dict(
            Trip._read_group(
                [("vehicle_id", "in", self.ids)], ["vehicle_id"], ["__count"]
            )
        )
        towed = dict(
            Trip._read_group(
                [("trailer_ids", "in", self.ids)], ["trailer_ids"], ["__count"]
            )
        )
        for vehicle in self:
            vehicle.trip_count = towing.get(vehicle, 0) + towed.get(vehicle, 0)

    def _compute_transport_document_count(self):
        counts = dict(
            self.env["transport.document"]._read_group(
                [("vehicle_id", "in", self.ids)], ["vehicle_id"], ["__count"]
            )
        )
        for vehicle in self:
            vehicle.transport_document_count = counts.get(vehicle, 0)

    @api.depends("transport_role", "transport_document_ids.state")
    def _compute_transport_document_status(self):
        statuses = self.env["transport.document"]._get_holders_status(self)
        for vehicle in self:
            status, missing = statuses[vehicle]
            vehicle.transport_document_status = status
            vehicle.transport_missing_document_type_ids = missing

    @api.constrains(
        "payload",
        "cargo_volume",
        "max_speed",
        "axle_count",
        "fuel_norm",
        "fuel_norm_winter_coef",
        "fuel_norm_summer_coef",
        "fuel_norm_per_tkm",
    )
    def _check_transport_figures(self):
        for vehicle in self:
            figures = (
                vehicle.payload,
                vehicle.cargo_volume,
                vehicle.max_speed,
                vehicle.axle_count,
                vehicle.fuel_norm,
                vehicle.fuel_norm_winter_coef,
                vehicle.fuel_norm_summer_coef,
                vehicle.fuel_norm_per_tkm,
            )
            if min(figures) < 0:
                raise ValidationError(
                    self.env._(
                        "%(vehicle)s: the payload, volume, speed, axles, fuel norm "
                        "and coefficients cannot be negative.",
                        vehicle=vehicle.display_name,
                    )
                )

    @api.constrains("year_of_manufacture")
    def _check_year_of_manufacture(self):
        next_year = fields.Date.context_today(self).year + 1
        for vehicle in self:
            year = vehicle.year_of_manufacture
            if year and not 1900 <= year <= next_year:
                raise ValidationError(
                    self.env._(
                        "%(vehicle)s: the year of manufacture must be between 1900 "
                        "and %(next_year)s.",
                        vehicle=vehicle.display_name,
                        next_year=next_year,
                    )
                )

    @api.constrains("transport_role", "driver_id")
    def _check_towed_without_driver(self):
        for vehicle in self:
            if vehicle.is_towed and vehicle.driver_id:
                raise ValidationError(
                    self.env._(
                        "%(vehicle)s is a towed unit: it has no driver of its own.",
                        vehicle=vehicle.display_name,
                    )
                )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_view_transport_trips(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "transport_fleet.transport_trip_action"
        )
        action["domain"] = [
            "|",
            ("vehicle_id", "=", self.id),
            ("trailer_ids", "in", self.ids),
        ]
        action["context"] = {"default_vehicle_id": self.id} if not self.is_towed else {}
        return action

    def action_view_transport_documents(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "transport_fleet.transport_document_action"
        )
        action["domain"] = [("vehicle_id", "=", self.id)]
        action["context"] = {"default_vehicle_id": self.id}
        return action
