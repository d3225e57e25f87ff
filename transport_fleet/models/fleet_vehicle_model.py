from odoo import api, fields, models

TRANSPORT_ROLES = [
    ("tractor", "Tractor"),
    ("truck", "Rigid truck"),
    ("van", "Van"),
    ("trailer", "Trailer"),
    ("semi_trailer", "Semi-trailer"),
]
TOWED_ROLES = ("trailer", "semi_trailer")


class FleetVehicleModel(models.Model):
    _inherit = "fleet.vehicle.model"

    transport_role = fields.Selection(
        TRANSPORT_ROLES,
        help="Role given by default to the vehicles of this model. Models with a "
        "transport role default to diesel; towed units have no fuel.",
    )
    transport_payload = fields.Float(string="Payload (t)", digits=(16, 2))
    transport_cargo_volume = fields.Float(string="Cargo Volume (m³)", digits=(16, 1))
    transport_fuel_norm = fields.Float(
        string="Norm Consumption (l/100 km)", digits=(16, 2)
    )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if "default_fuel_type" not in vals and vals.get("transport_role"):
                vals["default_fuel_type"] = self._get_transport_fuel_type(
                    vals["transport_role"]
                )
        return super().create(vals_list)

    @api.onchange("transport_role")
    def _onchange_transport_role(self):
        if self.transport_role:
            self.default_fuel_type = self._get_transport_fuel_type(self.transport_role)

    @api.model
    def _get_transport_fuel_type(self, role):
        """Core defaults new models to electric: trucks burn diesel, towed units
        burn nothing."""
        return False if role in TOWED_ROLES else "diesel"
