from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo.exceptions import UserError

from .common import TransportFleetCase


class TestReports(TransportFleetCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        june = {
            "date_planned_departure": datetime(2026, 6, 1, 6, 0),
            "date_planned_arrival": datetime(2026, 6, 1, 18, 0),
        }
        cls.trip_a = cls._create_trip(
            odometer_start=0.0,
            odometer_end=400.0,
            fuel_start=200.0,
            fuel_end=50.0,
            **june,
        )
        cls.trip_a.cost_line_ids = [(0, 0, {"cost_type": "toll", "amount": 300.0})]
        cls.trip_b = cls._create_trip(
            odometer_start=400.0,
            odometer_end=1000.0,
            date_planned_departure=datetime(2026, 6, 10, 6, 0),
            date_planned_arrival=datetime(2026, 6, 10, 18, 0),
        )
        cls.trip_b.cost_line_ids = [(0, 0, {"cost_type": "fuel", "amount": 200.0})]
        cls.cancelled = cls._create_trip(**june)
        cls.cancelled.cost_line_ids = [(0, 0, {"cost_type": "toll", "amount": 999.0})]
        cls.cancelled.action_cancel()
        cls.env.flush_all()

    def test_cost_per_km_per_vehicle_and_month(self):
        rows = self.env["transport.vehicle.cost.report"].search(
            [("vehicle_id", "=", self.tractor.id)]
        )
        self.assertEqual(len(rows), 1, "one row for the tractor in June")
        self.assertEqual(rows.trip_count, 2, "cancelled trips are left out")
        self.assertAlmostEqual(rows.distance, 1000.0)
        self.assertAlmostEqual(rows.cost_total, 500.0)
        self.assertAlmostEqual(rows.cost_per_km, 0.5)

    def test_fuel_over_consumption_per_vehicle_and_driver(self):
        Report = self.env["transport.trip.report"]
        row = Report.search([("trip_id", "=", self.trip_a.id)])
        # norm 400 km × 30 l / 100 = 120 l, burnt 150 l
        self.assertAlmostEqual(row.fuel_norm, 120.0)
        self.assertAlmostEqual(row.fuel_actual, 150.0)
        self.assertAlmostEqual(row.fuel_deviation, 30.0)
        groups = Report._read_group(
            [("fuel_deviation", ">", 0), ("vehicle_id", "=", self.tractor.id)],
            ["driver_id"],
            ["fuel_deviation:sum"],
        )
        self.assertEqual(groups, [(self.driver, 30.0)])

    def test_driver_activity_counts_trips_km_and_hours(self):
        self.trip_a.write(
            {
                "date_departure": datetime(2026, 6, 1, 6, 0),
                "date_arrival": datetime(2026, 6, 1, 14, 30),
            }
        )
        self.env.flush_all()
        [(trips, km, hours)] = self.env["transport.trip.report"]._read_group(
            [("driver_id", "=", self.driver.id)],
            [],
            ["trip_count:sum", "distance:sum", "duration_hours:sum"],
        )
        self.assertEqual(trips, 2)
        self.assertAlmostEqual(km, 1000.0)
        self.assertAlmostEqual(hours, 8.5)

    @freeze_time("2026-06-20")
    def test_documents_expiring_in_next_days(self):
        soon = self.tractor.transport_document_ids[:1]
        soon.expiry_date = datetime(2026, 7, 1).date()
        wizard = self.env["transport.report.wizard"].create(
            {"report_type": "documents", "days": 15}
        )
        action = wizard.action_open()
        ours = [
            ("vehicle_id", "in", (self.tractor | self.tractor_2 | self.trailer).ids)
        ]
        found = self.env["transport.document"].search(action["domain"] + ours)
        self.assertEqual(found, soon)
        wizard.days = 5
        action = wizard.action_open()
        self.assertFalse(self.env["transport.document"].search(action["domain"] + ours))

    def test_idle_vehicles(self):
        wizard = self.env["transport.report.wizard"].create(
            {"report_type": "idle", "days": 30}
        )
        self.trip_a.write(
            {"state": "done", "date_departure": datetime(2026, 6, 1, 6, 0)}
        )
        self.trip_b.write(
            {"state": "in_progress", "date_departure": datetime(2026, 6, 10, 6)}
        )
        self._create_trip(
            vehicle_id=self.tractor_2.id,
            driver_id=self.driver_2.id,
            trailer_ids=[],
            date_planned_departure=datetime(2026, 6, 25, 6, 0),
            date_planned_arrival=datetime(2026, 6, 25, 18, 0),
        ).action_plan()
        with freeze_time("2026-06-20"):
            idle = self.env["fleet.vehicle"].search(wizard.action_open()["domain"])
        self.assertIn(self.tractor_2, idle, "a trip planned later does not count")
        self.assertNotIn(self.tractor, idle)
        self.assertNotIn(self.trailer, idle, "towed on the June trips")
        self.trip_b.write({"state": "done", "date_arrival": datetime(2026, 6, 10, 18)})
        with freeze_time(datetime(2026, 6, 10) + timedelta(days=31)):
            idle = self.env["fleet.vehicle"].search(wizard.action_open()["domain"])
        self.assertIn(self.tractor, idle)

    def test_days_must_be_positive(self):
        with self.assertRaisesRegex(UserError, "number of days must be positive"):
            self.env["transport.report.wizard"].create({"days": 0})
