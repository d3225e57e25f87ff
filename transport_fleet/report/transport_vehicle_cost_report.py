from odoo import fields, models, tools
from odoo.tools import SQL


class TransportVehicleCostReport(models.Model):
    """Cost per km of each vehicle per month, from its trips that are not
    cancelled: one row per vehicle and month, so each cell of the pivot by
    vehicle and month shows the true ratio."""

    _name = "transport.vehicle.cost.report"
    _description = "Cost per km per Vehicle and Month"
    _auto = False
    _order = "month desc, vehicle_id"
    _rec_name = "vehicle_id"

    vehicle_id = fields.Many2one("fleet.vehicle", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    month = fields.Date(readonly=True)
    trip_count = fields.Integer(string="Trips", readonly=True)
    distance = fields.Float(string="Distance (km)", readonly=True)
    cost_total = fields.Monetary(string="Cost", readonly=True)
    cost_per_km = fields.Monetary(string="Cost per km", readonly=True, aggregator="avg")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %(table)s AS (
                    SELECT
                        MIN(trip.id) AS id,
                        trip.vehicle_id AS vehicle_id,
                        trip.company_id AS company_id,
                        company.currency_id AS currency_id,
                        trip.month AS month,
                        COUNT(*) AS trip_count,
                        SUM(trip.distance) AS distance,
                        SUM(trip.cost_total) AS cost_total,
                        CASE WHEN SUM(trip.distance) > 0
                             THEN SUM(trip.cost_total) / SUM(trip.distance)
                             ELSE 0 END AS cost_per_km
                    FROM (
                        SELECT
                            id,
                            vehicle_id,
                            company_id,
                            DATE_TRUNC(
                                'month',
                                COALESCE(date_departure, date_planned_departure)
                            )::date AS month,
                            CASE WHEN distance_actual > 0 THEN distance_actual
                                 ELSE COALESCE(distance_planned, 0) END AS distance,
                            COALESCE(cost_total, 0) AS cost_total
                        FROM transport_trip
                        WHERE state != 'cancelled' AND vehicle_id IS NOT NULL
                    ) trip
                    JOIN res_company company ON company.id = trip.company_id
                    GROUP BY trip.vehicle_id, trip.company_id,
                        company.currency_id, trip.month
                )
                """,
                table=SQL.identifier(self._table),
            )
        )
