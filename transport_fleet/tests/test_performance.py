from datetime import date, datetime, timedelta

from lxml import etree

from odoo.tests import new_test_user, users, warmup

from .common import TransportFleetCase

# Lists are loaded with the same number of queries at 8 and at 40 rows.
LIST_SIZES = (8, 40)


class TestPerformance(TransportFleetCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        new_test_user(
            cls.env,
            login="perf_dispatcher",
            groups="transport_fleet.group_transport_dispatcher",
        )
        new_test_user(
            cls.env,
            login="perf_manager",
            groups="transport_fleet.group_transport_manager",
        )
        start = datetime(2026, 6, 1, 6, 0)
        units = [
            (cls.tractor, cls.driver, cls.driver_2),
            (cls.tractor_2, cls.driver_2, cls.driver),
        ]
        cls.env["transport.trip"].create(
            [
                {
                    "vehicle_id": units[index % 2][0].id,
                    "trailer_ids": [(6, 0, cls.trailer.ids)],
                    "driver_id": units[index % 2][1].id,
                    "co_driver_id": units[index % 2][2].id,
                    "origin": "Lyon",
                    "destination": f"Client {index}",
                    "distance_planned": 100.0 + index,
                    "date_planned_departure": start + timedelta(days=index),
                    "date_planned_arrival": start + timedelta(days=index, hours=9),
                }
                for index in range(max(LIST_SIZES))
            ]
        )
        cls.env["transport.document"].create(
            [
                {
                    "name": f"TI-{index}",
                    "type_id": cls.type_inspection.id,
                    "vehicle_id": (cls.tractor, cls.tractor_2)[index % 2].id,
                    "expiry_date": date(2026, 1, 1) + timedelta(days=10 * index),
                }
                for index in range(max(LIST_SIZES))
            ]
        )

    # ------------------------------------------------------------------
    # Batch create
    # ------------------------------------------------------------------
    def _trip_vals(self, count):
        start = datetime(2026, 6, 1, 6, 0)
        return [
            {
                "vehicle_id": self.tractor.id,
                "origin": "Depot",
                "destination": f"Client {index}",
                "date_planned_departure": start + timedelta(hours=index),
                "date_planned_arrival": start + timedelta(hours=index + 8),
            }
            for index in range(count)
        ]

    def _numbers(self, trips):
        return [int(name.rsplit("/", 1)[1]) for name in trips.mapped("name")]

    @users("perf_dispatcher")
    @warmup
    def test_batch_create_costs_the_same_queries_for_10_and_50_trips(self):
        """The sequence, the insert, the access checks and the dispatcher
        following the trips: no query per trip."""
        Trip = self.env["transport.trip"].with_context(tracking_disable=False)
        for count in (10, 50):
            self.env.invalidate_all()
            with self.assertQueryCount(perf_dispatcher=11):
                trips = Trip.create(self._trip_vals(count))
            numbers = self._numbers(trips)
            self.assertEqual(
                numbers,
                list(range(numbers[0], numbers[0] + count)),
                "consecutive numbers of the trip sequence, in creation order",
            )

    def test_batch_create_logs_no_message_but_the_form_does(self):
        Trip = self.env["transport.trip"].with_context(tracking_disable=False)
        batch = Trip.create(self._trip_vals(3))
        self.assertFalse(batch.message_ids)
        single = Trip.create(self._trip_vals(1))
        self.assertEqual(len(single.message_ids), 1, "the 'Trip created' message")

    def test_batch_create_draws_a_no_gap_sequence_number_by_number(self):
        sequence = self.env.ref("transport_fleet.seq_transport_trip")
        sequence.write({"implementation": "no_gap", "number_next": 500})
        trips = self.env["transport.trip"].create(self._trip_vals(3))
        self.assertEqual(self._numbers(trips), [500, 501, 502])
        self.assertEqual(sequence.number_next, 503)

    def test_batch_create_uses_the_date_range_sub_sequence(self):
        sequence = self.env.ref("transport_fleet.seq_transport_trip")
        sequence.write({"use_date_range": True, "prefix": "TRIP/%(range_year)s/"})
        trips = self.env["transport.trip"].create(self._trip_vals(2))
        year = str(date.today().year)
        self.assertEqual(
            trips.mapped("name"), [f"TRIP/{year}/00001", f"TRIP/{year}/00002"]
        )

    # ------------------------------------------------------------------
    # List views
    # ------------------------------------------------------------------
    def _list_specification(self, model):
        """The web_search_read specification the web client sends for the
        model's default list view."""
        arch = model.get_views([(False, "list")])["views"]["list"]["arch"]
        specification = {}
        for node in etree.fromstring(arch).iterchildren("field"):
            field = model._fields[node.get("name")]
            relational = field.type in ("many2one", "many2many", "one2many")
            specification[field.name] = (
                {"fields": {"display_name": {}}} if relational else {}
            )
        return specification

    def _assert_list_queries(self, model_name, **counts):
        model = self.env[model_name]
        specification = self._list_specification(model)
        for limit in LIST_SIZES:
            self.env.invalidate_all()
            with self.assertQueryCount(**counts):
                result = model.web_search_read([], specification, limit=limit)
            self.assertEqual(len(result["records"]), limit)

    @users("perf_dispatcher", "perf_manager")
    @warmup
    def test_trip_list_queries_do_not_grow_with_rows(self):
        self._assert_list_queries("transport.trip", perf_dispatcher=8, perf_manager=8)

    @users("perf_dispatcher", "perf_manager")
    @warmup
    def test_document_list_queries_do_not_grow_with_rows(self):
        self._assert_list_queries(
            "transport.document", perf_dispatcher=5, perf_manager=5
        )
