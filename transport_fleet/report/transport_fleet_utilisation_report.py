from odoo import fields, models, tools
from odoo.tools import SQL

from ..models.fleet_vehicle_model import TRANSPORT_ROLES


class TransportFleetUtilisationReport(models.Model):
    """One row per transport vehicle and calendar day it was in the fleet,
    over the weeks the trips span: ``busy_days`` is 1 when a trip that is not
    cancelled uses the vehicle (as tractor or as trailer) that day. Grouped by
    week, ``utilisation`` (an average of 0 and 100) is the share of the
    vehicle-days available that were spent on trips.

    Days are the UTC calendar days of the departure and arrival; a vehicle is
    available from its registration date to its cancellation date."""

    _name = "transport.fleet.utilisation.report"
    _description = "Fleet Utilisation per Vehicle and Day"
    _auto = False
    _order = "date desc, vehicle_id"
    _rec_name = "vehicle_id"

    vehicle_id = fields.Many2one("fleet.vehicle", readonly=True)
    transport_role = fields.Selection(TRANSPORT_ROLES, readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    date = fields.Date(string="Day", readonly=True)
    available_days = fields.Integer(string="Days Available", readonly=True)
    busy_days = fields.Integer(string="Days on Trips", readonly=True)
    utilisation = fields.Float(
        string="Utilisation (%)",
        readonly=True,
        aggregator="avg",
        digits=(16, 1),
        help="Share of the available vehicle-days spent on trips.",
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %(table)s AS (
                    WITH trip AS (
                        SELECT
                            id,
                            vehicle_id,
                            COALESCE(date_departure, date_planned_departure)::date
                                AS first_day,
                            GREATEST(
                                COALESCE(
                                    date_arrival,
                                    date_planned_arrival,
                                    date_departure,
                                    date_planned_departure
                                ),
                                COALESCE(date_departure, date_planned_departure)
                            )::date AS last_day
                        FROM transport_trip
                        WHERE state != 'cancelled'
                            AND COALESCE(date_departure, date_planned_departure)
                                IS NOT NULL
                    ),
                    unit_trip AS (
                        SELECT vehicle_id, first_day, last_day
                        FROM trip
                        WHERE vehicle_id IS NOT NULL
                        UNION ALL
                        SELECT rel.vehicle_id, trip.first_day, trip.last_day
                        FROM trip
                        JOIN transport_trip_trailer_rel rel ON rel.trip_id = trip.id
                    ),
                    busy AS (
                        SELECT DISTINCT unit_trip.vehicle_id, busy_day::date AS day
                        FROM unit_trip
                        CROSS JOIN LATERAL generate_series(
                            unit_trip.first_day, unit_trip.last_day, interval '1 day'
                        ) AS busy_day
                    ),
                    bounds AS (
                        SELECT
                            DATE_TRUNC('week', MIN(first_day))::date AS first_day,
                            (DATE_TRUNC('week', GREATEST(MAX(last_day), CURRENT_DATE))
                                + interval '6 days')::date AS last_day
                        FROM trip
                        HAVING COUNT(*) > 0
                    )
                    SELECT
                        vehicle.id::bigint * 100000
                            + (calendar_day::date - DATE '2000-01-01') AS id,
                        vehicle.id AS vehicle_id,
                        vehicle.transport_role AS transport_role,
                        vehicle.company_id AS company_id,
                        calendar_day::date AS date,
                        1 AS available_days,
                        CASE WHEN busy.day IS NULL THEN 0 ELSE 1 END AS busy_days,
                        CASE WHEN busy.day IS NULL THEN 0.0 ELSE 100.0 END
                            AS utilisation
                    FROM fleet_vehicle vehicle
                    CROSS JOIN bounds
                    CROSS JOIN LATERAL generate_series(
                        GREATEST(bounds.first_day, vehicle.acquisition_date),
                        LEAST(bounds.last_day, vehicle.write_off_date),
                        interval '1 day'
                    ) AS calendar_day
                    LEFT JOIN busy
                        ON busy.vehicle_id = vehicle.id
                        AND busy.day = calendar_day::date
                    WHERE vehicle.active AND vehicle.transport_role IS NOT NULL
                )
                """,
                table=SQL.identifier(self._table),
            )
        )
