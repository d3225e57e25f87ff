from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import UserError

from .common import TransportFleetCase


class TestTripDispatch(TransportFleetCase):
    def test_trip_gets_a_sequence_number(self):
        trip = self._create_trip()
        self.assertTrue(trip.name.startswith("TRIP/"))
        self.assertEqual(trip.state, "draft")

    def test_plan_start_close_updates_odometer_history(self):
        self.tractor.odometer = 100000.0
        trip = self._create_trip()
        trip.action_plan()
        self.assertEqual(trip.state, "planned")
        trip.action_start()
        self.assertEqual(trip.state, "in_progress")
        self.assertTrue(trip.date_departure, "starting stamps the actual departure")
        self.assertEqual(
            trip.odometer_start, 100000.0, "odometer out taken from the vehicle"
        )
        trip.odometer_end = 100450.0
        trip.action_done()
        self.assertEqual(trip.state, "done")
        self.assertTrue(trip.date_arrival)
        self.assertEqual(trip.distance_actual, 450.0)
        self.assertEqual(self.tractor.odometer, 100450.0)
        self.assertEqual(
            self.trailer.odometer, 450.0, "the trailer ran the same distance"
        )

    def test_duplicate_is_a_fresh_draft_with_the_same_route(self):
        trip = self._create_trip(odometer_start=10.0, fuel_start=100.0)
        trip.stop_ids = [
            (0, 0, {"partner_id": self.driver_2.id, "stop_type": "loading"})
        ]
        trip.action_start()
        copy = trip.copy()
        self.assertNotEqual(copy.name, trip.name)
        self.assertEqual(copy.state, "draft")
        self.assertEqual(copy.odometer_start, 0.0)
        self.assertFalse(copy.date_departure)
        self.assertEqual(copy.stop_ids.partner_id, self.driver_2)
        self.assertEqual(copy.destination, "Milan")

    def test_close_requires_odometer_in(self):
        trip = self._create_trip()
        trip.action_start()
        with self.assertRaisesRegex(UserError, "Enter the odometer in before closing"):
            trip.action_done()

    def test_state_machine_refuses_wrong_transitions(self):
        trip = self._create_trip()
        with self.assertRaisesRegex(UserError, "Only trips in progress can be closed"):
            trip.action_done()
        trip.action_cancel()
        with self.assertRaisesRegex(UserError, "Only draft trips can be planned"):
            trip.action_plan()
        trip.action_draft()
        self.assertEqual(trip.state, "draft")

    def test_done_trip_cannot_be_cancelled_or_deleted(self):
        trip = self._create_trip(odometer_start=10.0)
        trip.action_start()
        trip.odometer_end = 20.0
        trip.action_done()
        with self.assertRaisesRegex(UserError, "A closed trip cannot be cancelled"):
            trip.action_cancel()
        with self.assertRaisesRegex(
            UserError, "Only draft or cancelled trips can be deleted"
        ):
            trip.unlink()

    def test_expired_licence_refused(self):
        self.driver.transport_document_ids.filtered(
            lambda d: d.kind == "licence"
        ).expiry_date = date(2026, 5, 31)
        trip = self._create_trip()
        with self.assertRaisesRegex(
            UserError, "Dana Driver has no valid driving licence"
        ):
            trip.action_plan()
        self.assertEqual(trip.state, "draft")

    def test_licence_of_wrong_category_refused(self):
        self.driver.transport_document_ids.filtered(
            lambda d: d.kind == "licence"
        ).licence_category_ids = self.cat_b | self.cat_c
        trip = self._create_trip()
        with self.assertRaisesRegex(UserError, "licence does not cover category CE"):
            trip.action_start()

    def test_expired_medical_certificate_refused(self):
        self.driver.transport_document_ids.filtered(
            lambda d: d.kind == "medical"
        ).expiry_date = date(2026, 1, 1)
        trip = self._create_trip()
        with self.assertRaisesRegex(UserError, "no valid medical certificate"):
            trip.action_plan()

    def test_missing_mandatory_vehicle_document_refused(self):
        self.trailer.transport_document_ids.filtered(
            lambda d: d.type_id == self.type_inspection
        ).unlink()
        trip = self._create_trip()
        with self.assertRaisesRegex(UserError, "ST-001.*no valid Technical inspection"):
            trip.action_plan()

    def test_document_must_last_until_the_planned_arrival(self):
        self.tractor.transport_document_ids.filtered(
            lambda d: d.type_id == self.type_insurance
        ).expiry_date = date(2026, 6, 1)
        trip = self._create_trip(date_planned_arrival=datetime(2026, 6, 2, 10, 0))
        with self.assertRaisesRegex(UserError, "TR-001.*no valid Liability insurance"):
            trip.action_plan()

    def test_overlapping_trip_of_same_vehicle_refused(self):
        self._create_trip().action_plan()
        other = self._create_trip(
            driver_id=self.driver_2.id,
            trailer_ids=[],
            date_planned_departure=datetime(2026, 6, 1, 12, 0),
            date_planned_arrival=datetime(2026, 6, 2, 12, 0),
        )
        with self.assertRaisesRegex(UserError, "TR-001.*already booked on trip"):
            other.action_plan()

    def test_overlapping_trip_of_same_driver_refused(self):
        self._create_trip().action_plan()
        other = self._create_trip(
            vehicle_id=self.tractor_2.id,
            trailer_ids=[],
            date_planned_departure=datetime(2026, 6, 1, 17, 0),
            date_planned_arrival=datetime(2026, 6, 1, 20, 0),
        )
        with self.assertRaisesRegex(UserError, "Dana Driver already booked on trip"):
            other.action_plan()

    def test_trip_still_on_the_road_keeps_its_vehicle(self):
        late = self._create_trip(
            date_planned_departure=datetime(2026, 6, 1, 6, 0),
            date_planned_arrival=datetime(2026, 6, 1, 18, 0),
        )
        with freeze_time("2026-06-01 07:00"):
            late.action_start()
        next_trip = self._create_trip(
            driver_id=self.driver_2.id,
            trailer_ids=[],
            date_planned_departure=datetime(2026, 6, 2, 6, 0),
            date_planned_arrival=datetime(2026, 6, 2, 18, 0),
        )
        with freeze_time("2026-06-02 06:00"):
            with self.assertRaisesRegex(UserError, "TR-001.*already booked on trip"):
                next_trip.action_start()
        # planning it ahead, while the first trip is still due back in time, is fine
        with freeze_time("2026-06-01 08:00"):
            next_trip.action_plan()
        self.assertEqual(next_trip.state, "planned")

    def test_back_to_back_and_cancelled_trips_do_not_overlap(self):
        first = self._create_trip()
        first.action_plan()
        cancelled = self._create_trip(
            date_planned_departure=datetime(2026, 6, 1, 8, 0),
            date_planned_arrival=datetime(2026, 6, 1, 9, 0),
        )
        cancelled.action_cancel()
        following = self._create_trip(
            date_planned_departure=datetime(2026, 6, 1, 18, 0),
            date_planned_arrival=datetime(2026, 6, 2, 6, 0),
        )
        following.action_plan()
        self.assertEqual(following.state, "planned")

    def test_refusal_lists_every_reason_in_one_message(self):
        self.driver.transport_document_ids.unlink()
        self.trailer.transport_document_ids.unlink()
        trip = self._create_trip(co_driver_id=self.driver_2.id)
        with self.assertRaises(UserError) as refusal:
            trip.action_plan()
        message = str(refusal.exception)
        self.assertIn("Dana Driver has no valid driving licence", message)
        self.assertIn("Dana Driver has no valid medical certificate", message)
        self.assertIn("ST-001", message)
        self.assertIn("Registration certificate", message)
        self.assertNotIn("Carl Co-driver", message, "the co-driver is in order")

    def test_nothing_saved_half_way(self):
        good = self._create_trip()
        bad = self._create_trip(
            vehicle_id=self.tractor_2.id, driver_id=False, trailer_ids=[]
        )
        with self.assertRaisesRegex(UserError, "No driver is assigned"):
            (good | bad).action_plan()
        self.assertEqual(good.state, "draft", "the valid trip of the batch stays draft")

    def test_planning_needs_a_vehicle_and_dates(self):
        trip = self._create_trip(vehicle_id=False, date_planned_arrival=False)
        with self.assertRaisesRegex(UserError, "No vehicle is assigned") as refusal:
            trip.action_plan()
        self.assertIn(
            "planned departure and arrival are required", str(refusal.exception)
        )

    def test_form_warns_before_planning(self):
        trip = self._create_trip(driver_id=False)
        self.assertEqual(trip.dispatch_warning, "No driver is assigned.")
        trip.driver_id = self.driver
        self.assertFalse(trip.dispatch_warning)

    def test_route_sheet_prints_crew_route_and_costs(self):
        trip = self._create_trip(odometer_start=1000.0, fuel_start=300.0)
        trip.cost_line_ids = [(0, 0, {"cost_type": "toll", "amount": 42.0})]
        html, _format = self.env["ir.actions.report"]._render_qweb_html(
            "transport_fleet.action_report_trip_route_sheet", trip.ids
        )
        html = html.decode()
        for expected in (trip.name, "TR-001", "ST-001", "Dana Driver", "Milan", "Toll"):
            self.assertIn(expected, html)

    def test_hook_lets_other_addons_add_reasons(self):
        trip = self._create_trip()
        self.assertEqual(trip._get_dispatch_blockers(), [])
