from lxml import etree

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, users, warmup

from .common import TransportFleetCase


class TestSecurity(TransportFleetCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user = new_test_user(
            cls.env, login="t_user", groups="transport_fleet.group_transport_user"
        )
        cls.dispatcher = new_test_user(
            cls.env,
            login="t_dispatcher",
            groups="transport_fleet.group_transport_dispatcher",
        )
        cls.manager = new_test_user(
            cls.env, login="t_manager", groups="transport_fleet.group_transport_manager"
        )
        cls.employee = new_test_user(
            cls.env, login="t_employee", groups="base.group_user"
        )
        cls.portal = new_test_user(
            cls.env, login="t_portal", groups="base.group_portal"
        )
        # the transport user and the portal user drive
        cls.user.partner_id.is_driver = True
        cls._give_driver_documents(cls.user.partner_id)
        cls.portal.partner_id.is_driver = True
        cls.own_trip = cls._create_trip(driver_id=cls.user.partner_id.id)
        cls.other_trip = cls._create_trip(vehicle_id=cls.tractor_2.id, trailer_ids=[])
        cls.portal_trip = cls._create_trip(driver_id=cls.portal.partner_id.id)

    def test_transport_user_reads_but_does_not_dispatch(self):
        Trip = self.env["transport.trip"].with_user(self.user)
        all_trips = self.own_trip | self.other_trip | self.portal_trip
        self.assertEqual(Trip.search([("id", "in", all_trips.ids)]), all_trips)
        with self.assertRaises(AccessError):
            Trip.create({"vehicle_id": self.tractor.id})
        with self.assertRaises(AccessError):
            self.own_trip.with_user(self.user).action_plan()

    def test_transport_user_records_costs_on_own_trips_only(self):
        Cost = self.env["transport.trip.cost"].with_user(self.user)
        cost = Cost.create(
            {"trip_id": self.own_trip.id, "cost_type": "parking", "amount": 9.0}
        )
        self.assertEqual(self.own_trip.cost_total, 9.0)
        with self.assertRaises(AccessError):
            Cost.create(
                {"trip_id": self.other_trip.id, "cost_type": "parking", "amount": 9.0}
            )
        self.assertEqual(cost.with_user(self.user).read(["amount"])[0]["amount"], 9.0)

    def test_dispatcher_plans_and_costs_every_trip_but_cannot_delete(self):
        trip = self.other_trip.with_user(self.dispatcher)
        trip.action_plan()
        self.assertEqual(trip.state, "planned")
        self.env["transport.trip.cost"].with_user(self.dispatcher).create(
            {"trip_id": self.other_trip.id, "cost_type": "toll", "amount": 20.0}
        )
        created = (
            self.env["transport.trip"]
            .with_user(self.dispatcher)
            .create({"vehicle_id": self.tractor.id})
        )
        with self.assertRaises(AccessError):
            created.unlink()
        with self.assertRaises(AccessError):
            self.env["transport.document.type"].with_user(self.dispatcher).create(
                {"name": "Permit X"}
            )

    def test_dispatcher_closing_a_trip_writes_the_odometer_history(self):
        trip = self.other_trip.with_user(self.dispatcher)
        trip.action_start()
        trip.odometer_end = 250.0
        trip.action_done()
        self.assertEqual(self.tractor_2.odometer, 250.0)

    def test_fleet_manager_configures_and_deletes(self):
        doc_type = (
            self.env["transport.document.type"]
            .with_user(self.manager)
            .create({"name": "Permit X", "alert_days": 10})
        )
        self.assertTrue(doc_type)
        self.other_trip.with_user(self.manager).unlink()
        self.assertFalse(self.other_trip.exists())

    def test_fleet_officer_without_transport_group_still_lists_vehicles(self):
        officer = new_test_user(
            self.env, login="t_fleet", groups="fleet.fleet_group_user"
        )
        Vehicle = self.env["fleet.vehicle"].with_user(officer)
        views = Vehicle.get_views([(False, "list"), (False, "kanban"), (False, "form")])
        for view in views["views"].values():
            self.assertNotIn("transport_document_status", view["arch"])
        records = Vehicle.web_search_read(
            [], {"license_plate": {}, "transport_role": {}}
        )
        self.assertGreaterEqual(records["length"], 3)

    def _read_screens(self, user, records):
        """Read every field the list, kanban and form views of records show."""
        Model = records.with_user(user)
        views = Model.get_views([(False, "list"), (False, "kanban"), (False, "form")])
        for view in views["views"].values():
            arch = etree.fromstring(view["arch"])
            top_fields = {
                node.get("name")
                for node in arch.iter("field")
                if not any(
                    a.tag in ("list", "kanban")
                    for a in node.iterancestors()
                    if a is not arch
                )
            }
            Model.web_read({name: {} for name in top_fields if name in Model._fields})

    def test_transport_user_opens_every_screen(self):
        for records in (
            self.tractor | self.trailer,
            self.driver,
            self.own_trip,
            self.tractor.transport_document_ids,
        ):
            self._read_screens(self.user, records)

    def test_employee_without_transport_group_sees_no_trip(self):
        with self.assertRaises(AccessError):
            self.env["transport.trip"].with_user(self.employee).search([])

    def test_portal_driver_sees_only_own_trips(self):
        trips = self.env["transport.trip"].with_user(self.portal).search([])
        self.assertEqual(trips, self.portal_trip)
        with self.assertRaises(AccessError):
            self.other_trip.with_user(self.portal).read(["name"])
        with self.assertRaises(AccessError):
            self.portal_trip.with_user(self.portal).write({"origin": "Paris"})

    def test_trips_of_another_company_are_hidden(self):
        other_company = self.env["res.company"].create({"name": "Other Haulage"})
        foreign = self.env["transport.trip"].create({"company_id": other_company.id})
        foreign.cost_line_ids = [(0, 0, {"amount": 5.0})]
        foreign_document = self.env["transport.document"].create(
            {
                "name": "F-1",
                "type_id": self.type_medical.id,
                "partner_id": self.driver.id,
                "company_id": other_company.id,
            }
        )
        trips = self.env["transport.trip"].with_user(self.dispatcher).search([])
        self.assertNotIn(foreign, trips)
        costs = self.env["transport.trip.cost"].with_user(self.dispatcher).search([])
        self.assertNotIn(foreign.cost_line_ids, costs)
        documents = self.env["transport.document"].with_user(self.dispatcher).search([])
        self.assertNotIn(foreign_document, documents)
        self.dispatcher.write({"company_ids": [(4, other_company.id)]})
        trips = (
            self.env["transport.trip"]
            .with_user(self.dispatcher)
            .with_context(allowed_company_ids=[self.company.id, other_company.id])
            .search([])
        )
        self.assertIn(foreign, trips)

    def test_trip_uses_units_of_its_own_company(self):
        other_company = self.env["res.company"].create({"name": "Other Haulage"})
        foreign_tractor = self.env["fleet.vehicle"].create(
            {"model_id": self.tractor_model.id, "company_id": other_company.id}
        )
        with self.assertRaisesRegex(UserError, "company inconsistencies"):
            self._create_trip(vehicle_id=foreign_tractor.id)


class TestTripListQueries(TransportFleetCase):
    FIELDS = [
        "name",
        "date_planned_departure",
        "vehicle_id",
        "trailer_ids",
        "driver_id",
        "origin",
        "destination",
        "distance_actual",
        "fuel_deviation",
        "cost_total",
        "state",
    ]

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dispatcher = new_test_user(
            cls.env,
            login="q_dispatcher",
            groups="transport_fleet.group_transport_dispatcher",
        )

    def _make_trips(self, count):
        for index in range(count):
            trip = self._create_trip(origin=f"Depot {index}")
            trip.cost_line_ids = [(0, 0, {"cost_type": "toll", "amount": 10.0})]
        self.env.flush_all()
        self.env.invalidate_all()

    @users("q_dispatcher")
    @warmup
    def test_trip_list_read_does_not_grow_with_trips(self):
        self._make_trips(5)
        Trip = self.env["transport.trip"]
        with self.assertQueryCount(q_dispatcher=8):
            Trip.search_read([], self.FIELDS)
        self._make_trips(20)
        with self.assertQueryCount(q_dispatcher=8):
            records = Trip.search_read([], self.FIELDS)
        self.assertGreaterEqual(len(records), 25)
