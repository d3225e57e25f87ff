from odoo import api, fields, models
from odoo.exceptions import ValidationError


class StockLocation(models.Model):
    _inherit = "stock.location"

    vehicle_id = fields.Many2one(
        "fleet.vehicle",
        string="Tank of Vehicle",
        index="btree_not_null",
        check_company=True,
        help="Set on the location that stands for this vehicle's fuel tank.",
    )

    _vehicle_tank_unique = models.UniqueIndex(
        "(vehicle_id) WHERE vehicle_id IS NOT NULL",
        "A vehicle has a single tank location.",
    )

    @api.constrains("vehicle_id", "usage")
    def _check_vehicle_tank_usage(self):
        for location in self:
            if location.vehicle_id and location.usage != "internal":
                raise ValidationError(
                    self.env._(
                        "The tank of %(vehicle)s must be an internal location.",
                        vehicle=location.vehicle_id.display_name,
                    )
                )
