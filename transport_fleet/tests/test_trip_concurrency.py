from datetime import datetime
from unittest.mock import patch

from freezegun import freeze_time

from odoo.exceptions import UserError

from .common import TransportFleetCase


class TestTripConcurrency(TransportFleetCase):
    """What makes two dispatchers starting trips of one truck at once safe.

    The race itself is proven against a live server (tests/test_concurrency.py
    at the root of the repository): here, the rule that the second trip breaks
    and the lock that makes the second dispatcher wait for the first.
    """

    def _late_and_early_trips(self):
        """A trip due back before noon that has not left yet, and the truck's
        next trip, planned for the afternoon."""
        late = self._create_trip(
            date_planned_departure=datetime(2026, 6, 1, 6, 0),
            date_planned_arrival=datetime(2026, 6, 1, 10, 0),
        )
        early = self._create_trip(
            driver_id=self.driver_2.id,
            trailer_ids=[],
            date_planned_departure=datetime(2026, 6, 1, 14, 0),
            date_planned_arrival=datetime(2026, 6, 1, 18, 0),
        )
        (late | early).action_plan()
        return late, early

    def test_a_truck_on_the_road_cannot_leave_early_on_its_next_trip(self):
        late, early = self._late_and_early_trips()
        with freeze_time("2026-06-01 12:00"):
            late.action_start()
            with self.assertRaisesRegex(
                UserError, f"TR-001.*already booked on trip {late.name}"
            ):
                early.action_start()
        self.assertEqual(early.state, "planned")

    def test_a_late_trip_cannot_leave_while_the_truck_is_on_its_next_trip(self):
        late, early = self._late_and_early_trips()
        with freeze_time("2026-06-01 12:00"):
            early.action_start()
            with self.assertRaisesRegex(
                UserError, f"TR-001.*already booked on trip {early.name}"
            ):
                late.action_start()
        self.assertEqual(late.state, "planned")

    def test_units_and_crew_are_locked_before_the_other_trips_are_read(self):
        trip = self._create_trip(co_driver_id=self.driver_2.id)
        queries = []
        execute = type(self.env.cr).execute

        def spy(cr, query, params=None, log_exceptions=True):
            queries.append(cr.mogrify(query, params).decode())
            return execute(cr, query, params, log_exceptions)

        with patch.object(type(self.env.cr), "execute", spy):
            trip.action_plan()

        def position(*fragments):
            return next(
                index
                for index, query in enumerate(queries)
                if all(fragment in query for fragment in fragments)
            )

        units = sorted((self.tractor | self.trailer).ids)
        crew = sorted((self.driver | self.driver_2).ids)
        lock_units = position(
            'UPDATE "fleet_vehicle" SET write_date = write_date WHERE id IN '
            f"({', '.join(map(str, units))})"
        )
        lock_crew = position(
            'UPDATE "res_partner" SET write_date = write_date WHERE id IN '
            f"({', '.join(map(str, crew))})"
        )
        overlap_search = position('FROM "transport_trip"', "'in_progress'")
        self.assertLess(max(lock_units, lock_crew), overlap_search)
        self.assertEqual(trip.state, "planned")
