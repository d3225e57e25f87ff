from datetime import datetime

from .common import TransportFleetCase


class TestFuelAndCosts(TransportFleetCase):
    def test_summer_norm_is_distance_times_norm(self):
        # 450 km × 30 l/100 km × 1.0
        trip = self._create_trip()
        self.assertEqual(trip.season, "summer")
        self.assertAlmostEqual(trip.fuel_norm, 135.0)

    def test_winter_coefficient_applies_from_november_to_march(self):
        trip = self._create_trip(
            date_planned_departure=datetime(2026, 1, 15, 6, 0),
            date_planned_arrival=datetime(2026, 1, 15, 18, 0),
        )
        self.assertEqual(trip.season, "winter")
        # 450 × 30 / 100 × 1.1
        self.assertAlmostEqual(trip.fuel_norm, 148.5)

    def test_season_can_be_forced(self):
        trip = self._create_trip()
        trip.season = "winter"
        self.assertAlmostEqual(trip.fuel_norm, 148.5)

    def test_load_correction_per_tonne_km(self):
        # 135 l + 20 t × 450 km × 1.3 l / 100 t·km = 135 + 117
        trip = self._create_trip(cargo_weight=20.0)
        self.assertAlmostEqual(trip.fuel_norm, 252.0)

    def test_actual_distance_replaces_planned_distance(self):
        trip = self._create_trip(odometer_start=1000.0, odometer_end=1500.0)
        self.assertEqual(trip.distance_actual, 500.0)
        self.assertAlmostEqual(trip.fuel_norm, 150.0)

    def test_actual_consumption_and_over_consumption(self):
        trip = self._create_trip(
            odometer_start=1000.0,
            odometer_end=1500.0,
            fuel_start=300.0,
            fuel_added=100.0,
            fuel_end=235.0,
        )
        # 300 + 100 - 235 = 165 l burnt against a norm of 150 l
        self.assertAlmostEqual(trip.fuel_actual, 165.0)
        self.assertAlmostEqual(trip.fuel_deviation, 15.0)
        self.assertAlmostEqual(trip.fuel_deviation_percent, 10.0)

    def test_under_consumption_is_negative(self):
        trip = self._create_trip(
            odometer_start=0.0, odometer_end=500.0, fuel_start=300.0, fuel_end=180.0
        )
        self.assertAlmostEqual(trip.fuel_deviation, -30.0)
        self.assertAlmostEqual(trip.fuel_deviation_percent, -20.0)

    def test_no_actual_consumption_before_fuel_in_is_known(self):
        trip = self._create_trip(fuel_start=300.0)
        self.assertEqual(trip.fuel_actual, 0.0)
        self.assertEqual(trip.fuel_deviation, 0.0)

    def test_fuel_added_sums_fuel_cost_lines(self):
        trip = self._create_trip()
        trip.cost_line_ids = [
            (0, 0, {"cost_type": "fuel", "quantity": 120.0, "amount": 180.0}),
            (0, 0, {"cost_type": "fuel", "quantity": 80.0, "amount": 120.0}),
            (0, 0, {"cost_type": "toll", "quantity": 1.0, "amount": 45.0}),
        ]
        self.assertAlmostEqual(trip.fuel_added, 200.0)

    def test_cost_total_and_cost_per_km(self):
        trip = self._create_trip()
        trip.cost_line_ids = [
            (0, 0, {"cost_type": "fuel", "quantity": 100.0, "amount": 150.0}),
            (0, 0, {"cost_type": "toll", "amount": 60.0}),
            (0, 0, {"cost_type": "per_diem", "amount": 60.0}),
        ]
        self.assertAlmostEqual(trip.cost_total, 270.0)
        # planned distance until the odometer is in: 270 / 450
        self.assertAlmostEqual(trip.cost_per_km, 0.6)
        trip.write({"odometer_start": 1000.0, "odometer_end": 1540.0})
        self.assertAlmostEqual(trip.cost_per_km, 0.5)

    def test_cost_line_follows_its_trip(self):
        trip = self._create_trip()
        trip.cost_line_ids = [(0, 0, {"cost_type": "parking", "amount": 12.0})]
        cost = trip.cost_line_ids
        self.assertEqual(cost.vehicle_id, self.tractor)
        self.assertEqual(cost.driver_id, self.driver)
        self.assertEqual(cost.company_id, self.company)
        self.assertEqual(cost.currency_id, self.company.currency_id)
