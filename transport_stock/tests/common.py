from datetime import datetime

from odoo.tests import TransactionCase, new_test_user


class TransportStockCase(TransactionCase):
    """A warehouse holding diesel, engine oil and brake pads; a tractor with its
    model, a trip in progress and a service; a storekeeper, a dispatcher and
    the employees who hand over and take the goods."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        ref = cls.env.ref
        cls.company = cls.env.company
        cls.warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.company.id)], limit=1
        )
        cls.stock_location = cls.warehouse.lot_stock_id
        cls.cat_fuel = ref("transport_stock.product_category_fuel")
        cls.cat_engine_oils = ref("transport_stock.product_category_engine_oils")
        cls.cat_brakes = ref("transport_stock.product_category_brakes")

        brand = cls.env["fleet.vehicle.model.brand"].create({"name": "Stock Trucks"})
        Model = cls.env["fleet.vehicle.model"]
        cls.model_tractor = Model.create(
            {
                "name": "ST 440",
                "brand_id": brand.id,
                "transport_role": "tractor",
                "default_fuel_type": "diesel",
            }
        )
        cls.model_van = Model.create(
            {
                "name": "SV 35",
                "brand_id": brand.id,
                "transport_role": "van",
                "default_fuel_type": "diesel",
            }
        )
        cls.vehicle = cls.env["fleet.vehicle"].create(
            {"model_id": cls.model_tractor.id, "license_plate": "ST-440-A"}
        )
        cls.van = cls.env["fleet.vehicle"].create(
            {"model_id": cls.model_van.id, "license_plate": "SV-35-B"}
        )

        litre = ref("uom.product_uom_litre")
        Product = cls.env["product.product"]
        cls.diesel = Product.create(
            {
                "name": "Diesel EN 590",
                "is_storable": True,
                "categ_id": cls.cat_fuel.id,
                "uom_id": litre.id,
                "standard_price": 1.5,
                "vehicle_fuel_type": "diesel",
                "barcode": "4600000000001",
            }
        )
        cls.engine_oil = Product.create(
            {
                "name": "Engine oil 10W-40",
                "is_storable": True,
                "categ_id": cls.cat_engine_oils.id,
                "uom_id": litre.id,
                "standard_price": 6.0,
                "brand": "Testlube",
                "barcode": "4600000000002",
            }
        )
        cls.brake_pads = Product.create(
            {
                "name": "Test brake pad set, front",
                "is_storable": True,
                "categ_id": cls.cat_brakes.id,
                "standard_price": 120.0,
                "part_number": "TST-BP-29087",
                "oem_number": "TST-OE-81508206092",
                "brand": "Teststop",
                "barcode": "4600000000003",
                "compatible_model_ids": [(6, 0, cls.model_tractor.ids)],
            }
        )
        Quant = cls.env["stock.quant"]
        Quant._update_available_quantity(cls.diesel, cls.stock_location, 1000.0)
        Quant._update_available_quantity(cls.engine_oil, cls.stock_location, 50.0)
        Quant._update_available_quantity(cls.brake_pads, cls.stock_location, 4.0)

        cls.driver = cls.env["res.partner"].create(
            {"name": "Sam Driver", "is_driver": True}
        )
        cls.trip = cls.env["transport.trip"].create(
            {
                "vehicle_id": cls.vehicle.id,
                "driver_id": cls.driver.id,
                "state": "in_progress",
                "origin": "Hamburg",
                "destination": "Munich",
                "date_departure": datetime(2026, 3, 2, 6, 0),
                "odometer_start": 100000.0,
            }
        )
        cls.service_type = cls.env["fleet.service.type"].create(
            {"name": "Brake repair", "category": "service"}
        )
        cls.service = cls.env["fleet.vehicle.log.services"].create(
            {
                "vehicle_id": cls.vehicle.id,
                "service_type_id": cls.service_type.id,
                "description": "Front brakes",
                "amount": 80.0,
            }
        )

        cls.storekeeper = new_test_user(
            cls.env,
            login="ts_storekeeper",
            groups="transport_stock.group_transport_storekeeper",
        )
        cls.dispatcher = new_test_user(
            cls.env,
            login="ts_dispatcher",
            groups="transport_fleet.group_transport_dispatcher,fleet.fleet_group_user",
        )
        Employee = cls.env["hr.employee"]
        cls.issuer = Employee.create(
            {"name": "Ivy Storekeeper", "user_id": cls.storekeeper.id}
        )
        cls.receiver = Employee.create({"name": "Sam Driver"})

    @classmethod
    def _issue(cls, issue_type, lines, user=None, trip=None, service=None):
        """Run the issue wizard as `user` and return the waybill it compiled."""
        env = cls.env(user=user) if user else cls.env
        context = {"default_issue_type": issue_type}
        if trip:
            context["default_trip_id"] = trip.id
        if service:
            context["default_service_id"] = service.id
        wizard = (
            env["transport.stock.issue"]
            .with_context(**context)
            .create(
                {
                    "receiver_id": cls.receiver.id,
                    "line_ids": [
                        (0, 0, {"product_id": product.id, "quantity": qty})
                        for product, qty in lines
                    ],
                }
            )
        )
        action = wizard.action_issue()
        return env["stock.picking"].browse(action["res_id"])

    def _on_hand(self, product, location=None):
        return product.with_context(
            location=(location or self.stock_location).id
        ).qty_available
