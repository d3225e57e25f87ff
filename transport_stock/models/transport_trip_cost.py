from odoo import fields, models


class TransportTripCost(models.Model):
    _inherit = "transport.trip.cost"

    picking_id = fields.Many2one(
        "stock.picking",
        string="Waybill",
        readonly=True,
        index="btree_not_null",
        ondelete="restrict",
        help="Waybill that issued the fuel or parts costed by this line.",
    )
