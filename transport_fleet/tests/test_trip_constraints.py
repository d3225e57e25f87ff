from datetime import datetime

from odoo.exceptions import ValidationError

from .common import TransportFleetCase


class TestTripConstraints(TransportFleetCase):
    def test_odometer_in_lower_than_out_refused(self):
        trip = self._create_trip(odometer_start=1000.0)
        with self.assertRaisesRegex(ValidationError, "odometer in .* cannot be lower"):
            trip.odometer_end = 900.0

    def test_negative_odometer_refused(self):
        with self.assertRaisesRegex(
            ValidationError, "odometer reading cannot be negative"
        ):
            self._create_trip(odometer_start=-5.0)

    def test_planned_arrival_before_departure_refused(self):
        with self.assertRaisesRegex(
            ValidationError, "arrival cannot be before the departure"
        ):
            self._create_trip(date_planned_arrival=datetime(2026, 5, 31, 6, 0))

    def test_actual_arrival_before_departure_refused(self):
        trip = self._create_trip(date_departure=datetime(2026, 6, 1, 7, 0))
        with self.assertRaisesRegex(
            ValidationError, "arrival cannot be before the departure"
        ):
            trip.date_arrival = datetime(2026, 6, 1, 6, 0)

    def test_negative_fuel_refused(self):
        with self.assertRaisesRegex(
            ValidationError, "fuel quantities cannot be negative"
        ):
            self._create_trip(fuel_start=-1.0)

    def test_negative_fuel_added_refused(self):
        trip = self._create_trip(fuel_start=100.0)
        with self.assertRaisesRegex(
            ValidationError, "fuel quantities cannot be negative"
        ):
            trip.fuel_added = -10.0

    def test_more_fuel_at_arrival_than_available_refused(self):
        trip = self._create_trip(fuel_start=100.0, fuel_added=50.0)
        with self.assertRaisesRegex(
            ValidationError, "cannot exceed the fuel at departure"
        ):
            trip.fuel_end = 160.0

    def test_negative_distance_or_cargo_refused(self):
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            self._create_trip(distance_planned=-1.0)
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            self._create_trip(cargo_weight=-2.0)

    def test_towed_unit_cannot_be_the_vehicle(self):
        with self.assertRaisesRegex(ValidationError, "ST-001.* is a towed unit"):
            self._create_trip(vehicle_id=self.trailer.id, trailer_ids=[])

    def test_tractor_cannot_be_towed(self):
        with self.assertRaisesRegex(
            ValidationError, "Only trailers and semi-trailers can be towed"
        ):
            self._create_trip(trailer_ids=[(6, 0, self.tractor_2.ids)])

    def test_co_driver_is_another_person(self):
        with self.assertRaisesRegex(
            ValidationError, "co-driver must be another person"
        ):
            self._create_trip(co_driver_id=self.driver.id)

    def test_negative_cost_refused(self):
        trip = self._create_trip()
        with self.assertRaisesRegex(ValidationError, "negative amount or quantity"):
            trip.cost_line_ids = [(0, 0, {"cost_type": "toll", "amount": -12.0})]

    def test_stop_left_before_reached_refused(self):
        trip = self._create_trip()
        with self.assertRaisesRegex(
            ValidationError, "cannot be left before it is reached"
        ):
            trip.stop_ids = [
                (
                    0,
                    0,
                    {
                        "date_arrival": datetime(2026, 6, 1, 10, 0),
                        "date_departure": datetime(2026, 6, 1, 9, 0),
                    },
                )
            ]
