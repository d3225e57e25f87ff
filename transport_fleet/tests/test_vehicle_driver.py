from datetime import date

from freezegun import freeze_time

from odoo.exceptions import ValidationError

from .common import TransportFleetCase


class TestVehicleAndDriver(TransportFleetCase):
    def test_transport_models_default_to_diesel(self):
        """Core defaults new models to electric; a truck burns diesel."""
        Model = self.env["fleet.vehicle.model"]
        brand = self.tractor_model.brand_id
        self.assertEqual(self.tractor_model.default_fuel_type, "diesel")
        van = Model.create(
            {"name": "Van", "brand_id": brand.id, "transport_role": "van"}
        )
        self.assertEqual(van.default_fuel_type, "diesel")
        lng = Model.create(
            {
                "name": "LNG",
                "brand_id": brand.id,
                "transport_role": "tractor",
                "default_fuel_type": "cng",
            }
        )
        self.assertEqual(lng.default_fuel_type, "cng", "an explicit fuel type wins")
        car = Model.create({"name": "Car", "brand_id": brand.id})
        self.assertEqual(
            car.default_fuel_type, "electric", "other models keep core's default"
        )

    def test_towed_units_have_no_fuel_and_no_licence_category(self):
        self.assertFalse(self.semi_trailer_model.default_fuel_type)
        self.assertFalse(self.trailer.fuel_type)
        self.assertTrue(self.trailer.is_towed)
        self.assertFalse(self.trailer.licence_category_id)
        self.assertFalse(self.tractor.is_towed)

    def test_towed_unit_has_no_driver(self):
        with self.assertRaisesRegex(ValidationError, "towed unit: it has no driver"):
            self.trailer.driver_id = self.driver

    def test_vehicle_takes_role_payload_and_norm_from_its_model(self):
        self.assertEqual(self.tractor.transport_role, "tractor")
        self.assertEqual(self.tractor.fuel_norm, 30.0)
        self.assertEqual(self.tractor.fuel_type, "diesel")
        self.assertEqual(self.tractor.licence_category_id, self.cat_ce)
        self.assertEqual(self.trailer.payload, 24.0)
        self.assertEqual(self.trailer.cargo_volume, 86.0)
        self.trailer.transport_role = "trailer"
        self.assertTrue(self.trailer.is_towed)

    def test_typed_values_override_one_model_default_only(self):
        vehicle = self.env["fleet.vehicle"].create(
            {"model_id": self.tractor_model.id, "payload": 0.0, "cargo_volume": 5.0}
        )
        self.assertEqual(vehicle.cargo_volume, 5.0)
        self.assertEqual(vehicle.fuel_norm, 30.0, "the norm still comes from the model")

    def test_role_sets_required_licence_category(self):
        truck = self.env["fleet.vehicle"].create(
            {"model_id": self.tractor_model.id, "transport_role": "truck"}
        )
        self.assertEqual(truck.licence_category_id, self.cat_c)
        truck.transport_role = "van"
        self.assertEqual(truck.licence_category_id, self.cat_b)

    def test_vehicle_counts_trips_as_tractor_and_as_trailer(self):
        self._create_trip()
        self._create_trip(vehicle_id=self.tractor_2.id)
        self.assertEqual(self.tractor.trip_count, 1)
        self.assertEqual(self.trailer.trip_count, 2)
        action = self.trailer.action_view_transport_trips()
        self.assertEqual(self.env["transport.trip"].search_count(action["domain"]), 2)

    def test_vehicle_and_driver_count_documents(self):
        self.assertEqual(self.tractor.transport_document_count, 4)
        self.assertEqual(self.trailer.transport_document_count, 3)
        self.assertEqual(self.driver.transport_document_count, 2)
        action = self.driver.action_view_transport_documents()
        self.assertEqual(action["context"]["default_partner_id"], self.driver.id)

    @freeze_time("2026-03-01")
    def test_experience_counts_full_years_since_first_licence(self):
        self.driver.driver_licence_first_date = date(2016, 3, 2)
        self.assertEqual(self.driver.driver_experience_years, 9)
        self.driver_2.driver_licence_first_date = date(2016, 3, 1)
        self.assertEqual(self.driver_2.driver_experience_years, 10)

    def test_driver_trips_and_availability(self):
        trip = self._create_trip(co_driver_id=self.driver_2.id)
        self.assertEqual(self.driver.driver_trip_count, 1)
        self.assertEqual(self.driver_2.driver_trip_count, 1)
        self.assertFalse(
            self.driver.driver_current_trip_id, "available until the trip starts"
        )
        trip.action_start()
        (self.driver | self.driver_2).invalidate_recordset(["driver_current_trip_id"])
        self.assertEqual(self.driver.driver_current_trip_id, trip)
        self.assertEqual(self.driver_2.driver_current_trip_id, trip)
