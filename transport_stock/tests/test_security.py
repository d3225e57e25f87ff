from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user

from .common import TransportStockCase


class TestSecurity(TransportStockCase):
    def test_dispatcher_requests_fuel_without_moving_it(self):
        request = self._issue(
            "fuel", [(self.diesel, 150.0)], self.dispatcher, trip=self.trip
        )

        self.assertIn(request.state, ("confirmed", "assigned"))
        self.assertEqual(request.transport_trip_id, self.trip)
        todo = request.activity_ids
        self.assertEqual(todo.summary, "Validate the requested issue")
        self.assertTrue(
            todo.user_id.has_group("transport_stock.group_transport_storekeeper")
        )
        self.assertEqual(self._on_hand(self.diesel), 1000.0)
        self.assertFalse(self.trip.cost_line_ids)

    def test_dispatcher_cannot_validate(self):
        request = self._issue(
            "fuel", [(self.diesel, 150.0)], self.dispatcher, trip=self.trip
        )
        with self.assertRaisesRegex(
            UserError, "Only a storekeeper can validate a waybill"
        ):
            request.with_user(self.dispatcher).button_validate()
        self.assertNotEqual(request.state, "done")

    def test_storekeeper_validates_the_request_and_the_trip_gets_the_cost(self):
        request = self._issue(
            "fuel", [(self.diesel, 150.0)], self.dispatcher, trip=self.trip
        )

        request.with_user(self.storekeeper).button_validate()

        self.assertEqual(request.state, "done")
        self.assertEqual(self._on_hand(self.diesel), 850.0)
        self.assertEqual(self.trip.cost_line_ids.picking_id, request)
        self.assertAlmostEqual(self.trip.cost_line_ids.amount, 225.0)

    def test_storekeeper_issues_parts_for_a_service(self):
        waybill = self._issue(
            "parts", [(self.engine_oil, 10.0)], self.storekeeper, service=self.service
        )
        self.assertEqual(waybill.state, "done")
        self.assertAlmostEqual(self.service.amount, 140.0)

    def test_transport_user_sees_no_waybill(self):
        user = new_test_user(
            self.env, login="ts_user", groups="transport_fleet.group_transport_user"
        )
        waybill = self._issue("fuel", [(self.diesel, 10.0)], trip=self.trip)
        with self.assertRaises(AccessError):
            waybill.with_user(user).check_access("read")
        with self.assertRaises(AccessError):
            self.env["transport.stock.consumption.report"].with_user(user).search([])

    def test_other_company_storekeeper_sees_nothing(self):
        other_company = self.env["res.company"].create({"name": "Other Haulage"})
        outsider = new_test_user(
            self.env,
            login="ts_outsider",
            groups="transport_stock.group_transport_storekeeper",
            company_id=other_company.id,
            company_ids=[(6, 0, other_company.ids)],
        )
        self._issue("fuel", [(self.diesel, 10.0)], trip=self.trip)
        Report = self.env["transport.stock.consumption.report"]
        self.assertTrue(Report.search([]))
        self.assertFalse(Report.with_user(outsider).search([]))
        self.assertFalse(
            self.env["stock.picking"]
            .with_user(outsider)
            .search([("transport_trip_id", "=", self.trip.id)])
        )

    def test_trip_and_service_open_without_warehouse_rights(self):
        """Drivers and fleet officers keep their screens: the waybill figures
        are shown to them, the waybills themselves are not."""
        self._issue("fuel", [(self.diesel, 10.0)], trip=self.trip)
        self._issue("parts", [(self.brake_pads, 1.0)], service=self.service)
        driver = new_test_user(
            self.env, login="ts_driver", groups="transport_fleet.group_transport_user"
        )
        officer = new_test_user(
            self.env, login="ts_officer", groups="fleet.fleet_group_user"
        )

        trip_form = Form(self.trip.with_user(driver))
        self.assertEqual(trip_form.name, self.trip.name)
        self.assertEqual(self.trip.with_user(driver).waybill_count, 1)
        service = self.service.with_user(officer)
        self.assertEqual(Form(service).vehicle_id, self.vehicle)
        self.assertAlmostEqual(service.parts_cost, 120.0)
        self.assertEqual(service.waybill_count, 1)

    def test_waybill_form_for_storekeeper_and_inventory_user(self):
        waybill = self._issue("parts", [(self.brake_pads, 1.0)], service=self.service)
        form = Form(waybill.with_user(self.storekeeper))
        self.assertEqual(form.transport_service_id, self.service)
        self.assertEqual(form.transport_vehicle_id, self.vehicle)
        inventory_user = new_test_user(
            self.env, login="ts_inventory", groups="stock.group_stock_user"
        )
        form = Form(waybill.with_user(inventory_user))
        self.assertEqual(form.transport_basis, "repair")
