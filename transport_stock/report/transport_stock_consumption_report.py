from odoo import fields, models
from odoo.tools import SQL

from ..models.product_category import TRANSPORT_KINDS


class TransportStockConsumptionReport(models.Model):
    _name = "transport.stock.consumption.report"
    _description = "Fleet Supplies Consumption"
    _auto = False
    _order = "date desc"
    _rec_name = "product_id"
    _depends = {
        "stock.move": [
            "date",
            "company_id",
            "picking_id",
            "location_id",
            "product_id",
            "product_qty",
            "state",
            "transport_cost",
        ],
        "stock.picking": [
            "transport_basis",
            "transport_vehicle_id",
            "transport_trip_id",
            "transport_service_id",
        ],
        "stock.location": ["usage", "vehicle_id"],
        "product.template": ["categ_id", "transport_kind", "uom_id"],
        "fleet.vehicle": ["model_id"],
    }

    date = fields.Datetime(readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    picking_id = fields.Many2one("stock.picking", string="Waybill", readonly=True)
    basis = fields.Selection(
        selection=lambda self: self.env["stock.picking"]
        ._fields["transport_basis"]
        .selection,
        readonly=True,
    )
    movement = fields.Selection(
        [("issue", "Issued from the warehouse"), ("burnt", "Burnt from the tank")],
        readonly=True,
        help="Issued: goods handed over from a warehouse to a vehicle, a trip or a "
        "service. Burnt: fuel consumed on a finished trip, out of the tank.",
    )
    product_id = fields.Many2one("product.product", string="Item", readonly=True)
    categ_id = fields.Many2one("product.category", string="Category", readonly=True)
    transport_kind = fields.Selection(TRANSPORT_KINDS, string="Family", readonly=True)
    vehicle_id = fields.Many2one("fleet.vehicle", readonly=True)
    vehicle_model_id = fields.Many2one("fleet.vehicle.model", readonly=True)
    trip_id = fields.Many2one("transport.trip", readonly=True)
    service_id = fields.Many2one(
        "fleet.vehicle.log.services", string="Vehicle Service", readonly=True
    )
    uom_id = fields.Many2one("uom.uom", string="Unit", readonly=True)
    quantity = fields.Float(digits="Product Unit", readonly=True, aggregator="sum")
    value = fields.Monetary(readonly=True, aggregator="sum")

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT move.id AS id,
                   move.date AS date,
                   move.company_id AS company_id,
                   company.currency_id AS currency_id,
                   picking.id AS picking_id,
                   picking.transport_basis AS basis,
                   CASE WHEN source.vehicle_id IS NULL THEN 'issue' ELSE 'burnt' END
                       AS movement,
                   move.product_id AS product_id,
                   template.categ_id AS categ_id,
                   template.transport_kind AS transport_kind,
                   picking.transport_vehicle_id AS vehicle_id,
                   vehicle.model_id AS vehicle_model_id,
                   picking.transport_trip_id AS trip_id,
                   picking.transport_service_id AS service_id,
                   template.uom_id AS uom_id,
                   move.product_qty AS quantity,
                   move.transport_cost AS value
              FROM stock_move move
              JOIN stock_picking picking ON picking.id = move.picking_id
              JOIN stock_location source ON source.id = move.location_id
              JOIN product_product product ON product.id = move.product_id
              JOIN product_template template ON template.id = product.product_tmpl_id
              JOIN res_company company ON company.id = move.company_id
              LEFT JOIN fleet_vehicle vehicle
                     ON vehicle.id = picking.transport_vehicle_id
             WHERE move.state = 'done'
               AND source.usage = 'internal'
               AND template.transport_kind IS NOT NULL
               AND picking.transport_vehicle_id IS NOT NULL
            """
        )
