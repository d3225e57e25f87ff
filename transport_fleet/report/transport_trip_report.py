from odoo import fields, models, tools
from odoo.tools import SQL


class TransportTripReport(models.Model):
    """One row per trip that is not cancelled: fuel, distance, hours and costs
    to analyse per vehicle, driver and period."""

    _name = "transport.trip.report"
    _description = "Trip Analysis"
    _auto = False
    _order = "date desc"
    _rec_name = "trip_id"

    trip_id = fields.Many2one("transport.trip", readonly=True)
    date = fields.Datetime(string="Departure", readonly=True)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("planned", "Planned"),
            ("in_progress", "In Progress"),
            ("done", "Done"),
        ],
        readonly=True,
    )
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    vehicle_id = fields.Many2one("fleet.vehicle", readonly=True)
    driver_id = fields.Many2one("res.partner", readonly=True)
    trip_count = fields.Integer(string="Trips", readonly=True)
    distance = fields.Float(string="Distance (km)", readonly=True)
    duration_hours = fields.Float(string="Hours", readonly=True)
    cargo_weight = fields.Float(string="Cargo (t)", readonly=True)
    fuel_norm = fields.Float(string="Norm Fuel (l)", readonly=True)
    fuel_actual = fields.Float(string="Actual Fuel (l)", readonly=True)
    fuel_deviation = fields.Float(string="Over-consumption (l)", readonly=True)
    cost_total = fields.Monetary(string="Cost", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %(table)s AS (
                    SELECT
                        trip.id AS id,
                        trip.id AS trip_id,
                        COALESCE(trip.date_departure, trip.date_planned_departure)
                            AS date,
                        trip.state AS state,
                        trip.company_id AS company_id,
                        company.currency_id AS currency_id,
                        trip.vehicle_id AS vehicle_id,
                        trip.driver_id AS driver_id,
                        1 AS trip_count,
                        CASE WHEN trip.distance_actual > 0 THEN trip.distance_actual
                             ELSE COALESCE(trip.distance_planned, 0) END AS distance,
                        COALESCE(trip.duration_hours, 0) AS duration_hours,
                        COALESCE(trip.cargo_weight, 0) AS cargo_weight,
                        COALESCE(trip.fuel_norm, 0) AS fuel_norm,
                        COALESCE(trip.fuel_actual, 0) AS fuel_actual,
                        COALESCE(trip.fuel_deviation, 0) AS fuel_deviation,
                        COALESCE(trip.cost_total, 0) AS cost_total
                    FROM transport_trip trip
                    JOIN res_company company ON company.id = trip.company_id
                    WHERE trip.state != 'cancelled'
                )
                """,
                table=SQL.identifier(self._table),
            )
        )
