from odoo import fields, models


class FleetVehicle(models.Model):
    _inherit = "fleet.vehicle"

    adr_equipped = fields.Boolean(
        string="ADR equipped", help="Equipped and approved to carry dangerous goods."
    )
    temperature_controlled = fields.Boolean(help="Refrigerated or heated cargo space.")
