import base64
from datetime import datetime

from odoo.exceptions import UserError
from odoo.tests import Form

from .common import TransportCrmCase


class TestPlanning(TransportCrmCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        brand = cls.env["fleet.vehicle.model.brand"].create({"name": "Test Trucks"})
        Model = cls.env["fleet.vehicle.model"]
        tractor_model = Model.create(
            {"name": "TT", "brand_id": brand.id, "transport_role": "tractor"}
        )
        trailer_model = Model.create(
            {"name": "ST", "brand_id": brand.id, "transport_role": "semi_trailer"}
        )
        van_model = Model.create(
            {"name": "V", "brand_id": brand.id, "transport_role": "van"}
        )
        Vehicle = cls.env["fleet.vehicle"]
        cls.tractor = Vehicle.create(
            {"model_id": tractor_model.id, "license_plate": "TR-1"}
        )
        cls.trailer = Vehicle.create(
            {
                "model_id": trailer_model.id,
                "license_plate": "ST-1",
                "payload": 24.0,
                "cargo_volume": 86.0,
            }
        )
        cls.reefer = Vehicle.create(
            {
                "model_id": trailer_model.id,
                "license_plate": "RF-1",
                "payload": 20.0,
                "cargo_volume": 70.0,
                "temperature_controlled": True,
                "adr_equipped": True,
            }
        )
        cls.van = Vehicle.create(
            {
                "model_id": van_model.id,
                "license_plate": "VN-1",
                "payload": 1.5,
                "cargo_volume": 12.0,
            }
        )
        cls.tariff = cls._create_tariff([("distance", 1.0)])
        cls.order_a = cls._confirmed_order(
            cargo_weight=10.0, cargo_volume=30.0, distance=100.0
        )
        cls.order_b = cls._confirmed_order(
            cargo_weight=8.0, cargo_volume=40.0, distance=300.0
        )

    @classmethod
    def _confirmed_order(cls, **vals):
        order = cls._create_order(
            tariff=cls.tariff,
            pickup_partner_id=cls.paris_warehouse.id,
            delivery_partner_id=cls.lyon_shop.id,
            **vals,
        )
        order.action_confirm()
        return order

    def _plan(self, orders, **vals):
        wizard = self.env["transport.order.plan.wizard"].create(
            {"order_ids": orders.ids, **vals}
        )
        return wizard.action_confirm()

    def test_create_a_trip_from_orders(self):
        self.assertEqual(self.order_a.transport_state, "to_plan")
        action = self._plan(
            self.order_a | self.order_b,
            vehicle_id=self.tractor.id,
            trailer_ids=self.trailer.ids,
        )
        trip = self.env["transport.trip"].browse(action["res_id"])
        self.assertEqual(trip.transport_order_ids, self.order_a | self.order_b)
        self.assertEqual(self.order_a.trip_ids, trip)
        self.assertEqual(trip.cargo_weight, 18.0)
        self.assertEqual(trip.origin, "Paris")
        self.assertEqual(trip.destination, "Lyon")
        self.assertEqual(trip.vehicle_id, self.tractor)
        self.assertEqual(self.order_a.transport_state, "planned")
        # Smart buttons: order -> trips, client -> trips, trip -> orders.
        Trip = self.env["transport.trip"]
        self.assertEqual(Trip.search(self.order_a.action_view_trips()["domain"]), trip)
        self.assertEqual(Trip.search(self.client.action_view_trips()["domain"]), trip)
        self.assertEqual(
            self.env["sale.order"].search(
                trip.action_view_transport_orders()["domain"]
            ),
            self.order_a | self.order_b,
        )

    def test_add_to_an_existing_trip(self):
        action = self._plan(
            self.order_a, vehicle_id=self.tractor.id, trailer_ids=self.trailer.ids
        )
        trip = self.env["transport.trip"].browse(action["res_id"])
        self._plan(self.order_b, mode="existing", trip_id=trip.id)
        self.assertEqual(trip.transport_order_ids, self.order_a | self.order_b)
        self.assertEqual(trip.cargo_weight, 18.0)
        self.assertEqual(trip.transport_order_count, 2)

    def test_capacity_is_checked_against_the_vehicles(self):
        with self.assertRaisesRegex(
            UserError, r"weighs 10.0 t but the vehicles carry 1.5 t"
        ):
            self._plan(self.order_a, vehicle_id=self.van.id)
        with self.assertRaisesRegex(
            UserError, r"takes 30.0 m³ but the vehicles hold 12.0 m³"
        ):
            self._plan(self.order_a, vehicle_id=self.van.id)
        heavy = self._confirmed_order(
            cargo_weight=20.0, cargo_volume=10.0, distance=50.0
        )
        action = self._plan(
            self.order_a, vehicle_id=self.tractor.id, trailer_ids=self.trailer.ids
        )
        trip = self.env["transport.trip"].browse(action["res_id"])
        with self.assertRaisesRegex(
            UserError, r"weighs 30.0 t but the vehicles carry 24.0 t"
        ):
            self._plan(heavy, mode="existing", trip_id=trip.id)

    def test_role_adr_and_temperature_are_checked(self):
        order = self._confirmed_order(
            cargo_weight=5.0,
            distance=100.0,
            required_role="van",
            adr_class="3",
            temperature_controlled=True,
        )
        wizard = self.env["transport.order.plan.wizard"].create(
            {
                "order_ids": order.ids,
                "vehicle_id": self.tractor.id,
                "trailer_ids": self.trailer.ids,
            }
        )
        self.assertIn("needs a Van", wizard.problems)
        self.assertIn("ADR-equipped", wizard.problems)
        self.assertIn("temperature-controlled", wizard.problems)
        with self.assertRaisesRegex(UserError, "cannot carry these orders"):
            wizard.action_confirm()
        # A tractor with an ADR reefer fits everything but the role.
        order.required_role = "semi_trailer"
        self.tractor.adr_equipped = True
        wizard.trailer_ids = self.reefer
        self.assertFalse(wizard.problems)
        wizard.action_confirm()
        self.assertTrue(order.trip_ids)

    def test_only_confirmed_orders_are_planned(self):
        quotation = self._create_order(tariff=self.tariff, distance=10.0)
        with self.assertRaisesRegex(UserError, "Only confirmed transport orders"):
            quotation.action_transport_plan()
        with self.assertRaisesRegex(UserError, "Only confirmed transport orders"):
            self._plan(quotation, vehicle_id=self.tractor.id)
        with self.assertRaisesRegex(UserError, "Choose the trip"):
            self._plan(self.order_a, mode="existing")

    def test_requirements_block_the_dispatch(self):
        action = self._plan(
            self.order_a, vehicle_id=self.tractor.id, trailer_ids=self.trailer.ids
        )
        trip = self.env["transport.trip"].browse(action["res_id"])
        self.assertFalse(
            [b for b in trip._get_dispatch_blockers() if "cargo" in b],
        )
        trip.trailer_ids = self.env["fleet.vehicle"]
        trip.vehicle_id = self.van
        self.assertIn(
            "The cargo weighs 10.0 t but the vehicles carry 1.5 t.",
            trip._get_dispatch_blockers(),
        )

    def test_delivery_confirmation_with_signed_note(self):
        action = self._plan(
            self.order_a, vehicle_id=self.tractor.id, trailer_ids=self.trailer.ids
        )
        trip = self.env["transport.trip"].browse(action["res_id"])
        trip.write(
            {"state": "in_progress", "date_departure": datetime(2026, 6, 15, 8, 30)}
        )
        self.assertEqual(self.order_a.transport_state, "in_transit")
        action = self.order_a.action_transport_confirm_delivery()
        form = Form(
            self.env["transport.order.delivery.wizard"].with_context(
                **action["context"]
            )
        )
        self.assertEqual(form.date_pickup_actual, datetime(2026, 6, 15, 8, 30))
        form.date_delivery_actual = datetime(2026, 6, 15, 7, 0)
        form.signed_note = base64.b64encode(b"%PDF-1.4 signed")
        wizard = form.save()
        wizard.signed_note_name = "cmr-signed.pdf"
        with self.assertRaisesRegex(UserError, "cannot be before the pick-up"):
            wizard.action_confirm()
        wizard.date_delivery_actual = datetime(2026, 6, 15, 17, 0)
        wizard.action_confirm()
        self.assertEqual(self.order_a.transport_state, "delivered")
        self.assertEqual(
            self.order_a.date_delivery_actual, datetime(2026, 6, 15, 17, 0)
        )
        self.assertEqual(self.order_a.signed_note_id.name, "cmr-signed.pdf")
        self.assertEqual(self.order_a.signed_note_id.res_id, self.order_a.id)
        with self.assertRaisesRegex(UserError, "not yet delivered"):
            self.order_a.action_transport_confirm_delivery()

    def test_consignment_note(self):
        self._plan(
            self.order_a, vehicle_id=self.tractor.id, trailer_ids=self.trailer.ids
        )
        self.order_a.write({"adr_class": "3", "adr_un_number": "1203"})
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(
                "transport_crm.report_consignment_note", self.order_a.ids
            )[0]
            .decode()
        )
        for text in (
            "Consignment note",
            self.order_a.name,
            "TR-1",
            "ST-1",
            "1203",
            "Lyon shop",
        ):
            self.assertIn(text, html)
