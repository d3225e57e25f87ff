from .common import TransportStockCase


class TestReports(TransportStockCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.fuel_waybill = cls._issue("fuel", [(cls.diesel, 200.0)], trip=cls.trip)
        cls.parts_waybill = cls._issue(
            "parts",
            [(cls.brake_pads, 2.0), (cls.engine_oil, 10.0)],
            service=cls.service,
        )
        van_service = cls.env["fleet.vehicle.log.services"].create(
            {"vehicle_id": cls.van.id, "service_type_id": cls.service_type.id}
        )
        cls._issue("parts", [(cls.engine_oil, 4.0)], service=van_service)

    def test_consumption_per_vehicle_and_family(self):
        Report = self.env["transport.stock.consumption.report"]
        groups = Report._read_group(
            [("movement", "=", "issue")],
            ["vehicle_id", "transport_kind"],
            ["quantity:sum", "value:sum"],
        )
        result = {(vehicle, kind): (qty, value) for vehicle, kind, qty, value in groups}
        self.assertEqual(result[self.vehicle, "fuel"], (200.0, 300.0))
        self.assertEqual(result[self.vehicle, "part"], (2.0, 240.0))
        self.assertEqual(result[self.vehicle, "lubricant"], (10.0, 60.0))
        self.assertEqual(result[self.van, "lubricant"], (4.0, 24.0))

    def test_consumption_per_trip(self):
        Report = self.env["transport.stock.consumption.report"]
        rows = Report.search([("trip_id", "=", self.trip.id)])
        self.assertEqual(rows.picking_id, self.fuel_waybill)
        self.assertEqual(rows.categ_id, self.cat_fuel)

    def test_parts_per_vehicle_model(self):
        Report = self.env["transport.stock.consumption.report"]
        groups = Report._read_group(
            [
                ("transport_kind", "!=", "fuel"),
                ("vehicle_model_id", "in", (self.model_tractor | self.model_van).ids),
            ],
            ["vehicle_model_id"],
            ["value:sum"],
        )
        self.assertEqual(
            dict(groups), {self.model_tractor: 300.0, self.model_van: 24.0}
        )

    def test_burnt_fuel_is_reported_apart(self):
        self.trip.write({"fuel_start": 0.0, "fuel_end": 50.0, "odometer_end": 100400.0})
        self.trip.action_done()
        Report = self.env["transport.stock.consumption.report"]
        burnt = Report.search(
            [("movement", "=", "burnt"), ("trip_id", "=", self.trip.id)]
        )
        self.assertEqual(burnt.quantity, 150.0)

    def test_printed_waybill_carries_the_basis_people_and_lines(self):
        self.fuel_waybill.transport_issuer_id = self.issuer
        html, _format = self.env["ir.actions.report"]._render_qweb_html(
            "transport_stock.action_report_transport_waybill", self.fuel_waybill.ids
        )
        html = html.decode()
        for text in (
            self.fuel_waybill.name,
            self.trip.name,
            "Hamburg",
            "Diesel EN 590",
            "Ivy Storekeeper",
            "Sam Driver",
            "ST-440-A",
        ):
            self.assertIn(text, html)
