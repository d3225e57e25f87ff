from .common import TransportStockCase


class TestTankBalance(TransportStockCase):
    def _close_trip(self, fuel_start, fuel_end):
        self.trip.write(
            {"fuel_start": fuel_start, "fuel_end": fuel_end, "odometer_end": 100600.0}
        )
        self.trip.action_done()

    def test_issued_fuel_fills_the_vehicle_tank(self):
        self._issue("fuel", [(self.diesel, 200.0)], trip=self.trip)

        tank = self.vehicle.tank_location_id
        self.assertEqual(tank.usage, "internal")
        self.assertEqual(tank.vehicle_id, self.vehicle)
        self.assertEqual(self.vehicle.tank_fuel_qty, 200.0)
        self.assertEqual(self._on_hand(self.diesel, tank), 200.0)
        self.assertEqual(
            self._on_hand(self.diesel), 800.0, "the tank is not warehouse stock"
        )

    def test_finished_trip_moves_burnt_fuel_from_tank_to_consumption(self):
        self._issue("fuel", [(self.diesel, 200.0)], trip=self.trip)

        self._close_trip(fuel_start=0.0, fuel_end=60.0)

        self.assertEqual(self.trip.fuel_actual, 140.0)
        self.assertEqual(self.vehicle.tank_fuel_qty, 60.0)
        burn = self.trip.waybill_ids.filtered(
            lambda p: p.location_id == self.vehicle.tank_location_id
        )
        self.assertEqual(burn.state, "done")
        self.assertEqual(burn.transport_basis, "trip")
        self.assertEqual(
            burn.location_dest_id, self.company.transport_consumption_location_id
        )
        self.assertEqual(burn.move_ids.quantity, 140.0)
        self.assertEqual(
            len(self.trip.cost_line_ids), 1, "burnt fuel was costed when it was issued"
        )

    def test_two_trips_share_the_tank(self):
        self._issue("fuel", [(self.diesel, 300.0)], trip=self.trip)
        self._close_trip(fuel_start=0.0, fuel_end=180.0)
        next_trip = self.env["transport.trip"].create(
            {
                "vehicle_id": self.vehicle.id,
                "driver_id": self.driver.id,
                "state": "in_progress",
                "odometer_start": 100600.0,
                "odometer_end": 101000.0,
                "fuel_start": 180.0,
                "fuel_end": 100.0,
            }
        )
        next_trip.action_done()
        self.assertEqual(self.vehicle.tank_fuel_qty, 100.0)

    def test_burning_more_than_the_tank_holds_empties_it_and_says_so(self):
        self._issue("fuel", [(self.diesel, 100.0)], trip=self.trip)

        self._close_trip(fuel_start=80.0, fuel_end=20.0)

        self.assertEqual(self.trip.fuel_actual, 160.0)
        self.assertEqual(self.vehicle.tank_fuel_qty, 0.0)
        self.assertIn(
            "60.00 l of the fuel burnt were not in the tank",
            self.trip.message_ids[:1].body,
        )

    def test_trip_without_tank_closes_without_waybill(self):
        self._close_trip(fuel_start=100.0, fuel_end=40.0)
        self.assertEqual(self.trip.state, "done")
        self.assertFalse(self.trip.waybill_ids)
        self.assertFalse(self.vehicle.tank_location_id)

    def test_dispatcher_closing_the_trip_books_the_burnt_fuel(self):
        """The dispatcher cannot validate waybills, yet closing a trip moves
        the fuel burnt out of the tank."""
        self._issue("fuel", [(self.diesel, 200.0)], trip=self.trip)
        self.trip.write({"fuel_start": 0.0, "fuel_end": 70.0, "odometer_end": 100500.0})

        self.trip.with_user(self.dispatcher).action_done()

        self.assertEqual(self.trip.state, "done")
        self.assertEqual(self.vehicle.tank_fuel_qty, 70.0)
