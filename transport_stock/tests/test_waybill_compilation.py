from odoo.exceptions import UserError

from .common import TransportStockCase


class TestWaybillCompilation(TransportStockCase):
    def test_issue_fuel_from_trip_compiles_and_validates_the_waybill(self):
        waybill = self._issue(
            "fuel", [(self.diesel, 200.0)], self.storekeeper, trip=self.trip
        )

        self.assertEqual(waybill.state, "done")
        self.assertEqual(waybill.transport_basis, "trip")
        self.assertEqual(waybill.transport_basis_ref, self.trip.name)
        self.assertEqual(waybill.transport_trip_id, self.trip)
        self.assertEqual(waybill.transport_vehicle_id, self.vehicle)
        self.assertEqual(waybill.transport_issuer_id, self.issuer)
        self.assertEqual(waybill.transport_receiver_id, self.receiver)
        self.assertEqual(waybill.location_id, self.stock_location)
        self.assertEqual(waybill.location_dest_id, self.vehicle.tank_location_id)
        self.assertEqual(self._on_hand(self.diesel), 800.0)

    def test_issued_fuel_and_its_cost_reach_the_trip(self):
        waybill = self._issue(
            "fuel", [(self.diesel, 200.0)], self.storekeeper, trip=self.trip
        )

        cost = self.trip.cost_line_ids
        self.assertEqual(len(cost), 1)
        self.assertEqual(cost.cost_type, "fuel")
        self.assertEqual(cost.picking_id, waybill)
        self.assertEqual(cost.quantity, 200.0)
        self.assertAlmostEqual(cost.amount, 300.0)
        self.assertAlmostEqual(waybill.transport_cost, 300.0)
        self.assertAlmostEqual(self.trip.cost_total, 300.0)
        self.assertEqual(
            self.trip.fuel_added, 200.0, "issued litres count as fuel added"
        )
        self.assertEqual(self.trip.waybill_count, 1)

    def test_parts_issued_on_a_trip_are_a_repair_cost(self):
        self._issue(
            "parts", [(self.brake_pads, 1.0), (self.engine_oil, 5.0)], trip=self.trip
        )

        cost = self.trip.cost_line_ids
        self.assertEqual(cost.cost_type, "repair")
        self.assertAlmostEqual(cost.amount, 120.0 + 5 * 6.0)
        self.assertIn("Test brake pad set", cost.description)

    def test_issue_parts_from_service_adds_their_value_to_the_service(self):
        waybill = self._issue(
            "parts", [(self.brake_pads, 2.0)], self.storekeeper, service=self.service
        )

        self.assertEqual(waybill.state, "done")
        self.assertEqual(waybill.transport_basis, "repair")
        self.assertEqual(waybill.transport_service_id, self.service)
        self.assertEqual(waybill.transport_vehicle_id, self.vehicle)
        self.assertEqual(
            waybill.location_dest_id, self.company.transport_consumption_location_id
        )
        self.assertAlmostEqual(self.service.parts_cost, 240.0)
        self.assertAlmostEqual(self.service.amount, 80.0 + 240.0)
        self.assertEqual(self.service.waybill_count, 1)
        self.assertEqual(self._on_hand(self.brake_pads), 2.0)

    def test_fuel_suggested_from_the_vehicle_fuel_type(self):
        wizard = (
            self.env["transport.stock.issue"]
            .with_context(default_trip_id=self.trip.id, default_issue_type="fuel")
            .new({})
        )
        self.env["product.product"].create(
            {
                "name": "Test petrol 95",
                "is_storable": True,
                "categ_id": self.cat_fuel.id,
                "vehicle_fuel_type": "gasoline",
            }
        )
        Product = self.env["product.product"]
        for fuel_type in ("diesel", "gasoline"):
            self.vehicle.fuel_type = fuel_type
            defaults = wizard.default_get(["line_ids", "trip_id", "issue_type"])
            suggested = Product.browse(defaults["line_ids"][0][2]["product_id"])
            self.assertEqual(suggested.transport_kind, "fuel")
            self.assertEqual(suggested.vehicle_fuel_type, fuel_type)

    def test_only_fuel_goes_into_a_tank(self):
        with self.assertRaisesRegex(UserError, "Only fuel goes into a tank"):
            self._issue("fuel", [(self.engine_oil, 5.0)], trip=self.trip)

    def test_quantity_must_be_positive(self):
        with self.assertRaisesRegex(UserError, "must be positive"):
            self._issue("fuel", [(self.diesel, 0.0)], trip=self.trip)

    def test_issue_needs_a_basis(self):
        with self.assertRaisesRegex(UserError, "from a trip or from a vehicle service"):
            self._issue("parts", [(self.brake_pads, 1.0)])

    def test_manual_waybill_keeps_its_basis_and_reference(self):
        picking = self.env["stock.picking"].create(
            {
                "picking_type_id": self.warehouse.out_type_id.id,
                "location_id": self.stock_location.id,
                "location_dest_id": self.env.ref("stock.stock_location_customers").id,
                "transport_basis": "write_off",
                "transport_basis_ref": "Act 12/2026",
                "transport_issuer_id": self.issuer.id,
            }
        )
        self.assertEqual(picking.transport_basis, "write_off")
        self.assertEqual(picking.transport_basis_ref, "Act 12/2026")
        self.assertFalse(self.trip.cost_line_ids)

    def test_returned_parts_are_not_costed_again(self):
        waybill = self._issue("parts", [(self.brake_pads, 2.0)], trip=self.trip)
        wizard = (
            self.env["stock.return.picking"]
            .with_context(active_id=waybill.id, active_model="stock.picking")
            .create({})
        )
        wizard.product_return_moves.quantity = 1.0
        action = wizard.action_create_returns()
        returned = self.env["stock.picking"].browse(action["res_id"])
        returned.move_ids.write({"quantity": 1.0, "picked": True})
        returned.button_validate()

        self.assertEqual(returned.state, "done")
        self.assertEqual(len(self.trip.cost_line_ids), 1)
        self.assertEqual(self._on_hand(self.brake_pads), 3.0)

    def test_fuel_needs_a_vehicle(self):
        trip = self.env["transport.trip"].create({"driver_id": self.driver.id})
        with self.assertRaisesRegex(UserError, "set the vehicle first"):
            self._issue("fuel", [(self.diesel, 10.0)], trip=trip)
