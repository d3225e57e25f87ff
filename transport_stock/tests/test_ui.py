from odoo.tests import HttpCase, tagged

from .common import TransportStockCase


@tagged("post_install", "-at_install")
class TestUi(TransportStockCase, HttpCase):
    """The main screens, driven in a real browser by the storekeeper."""

    def test_issue_fuel_from_the_trip_form(self):
        self.start_tour(
            f"/odoo/action-transport_fleet.transport_trip_action/{self.trip.id}",
            "transport_stock_issue_fuel_tour",
            login="admin",
            timeout=120,
        )
        # Fails when the browser did not run the tour.
        self.assertEqual(self.trip.cost_line_ids.quantity, 120.0)
        self.assertEqual(self.trip.waybill_ids.state, "done")

    def test_scan_barcodes_on_a_waybill(self):
        picking = self.env["stock.picking"].create(
            {
                "picking_type_id": self.warehouse.out_type_id.id,
                "transport_basis": "other",
            }
        )
        self.start_tour(
            f"/odoo/action-transport_stock.action_transport_waybill/{picking.id}",
            "transport_stock_scan_tour",
            login="admin",
            timeout=120,
        )
        self.assertEqual(picking.move_ids.product_id, self.brake_pads | self.engine_oil)
        pads = picking.move_ids.filtered(
            lambda move: move.product_id == self.brake_pads
        )
        self.assertEqual(pads.product_uom_qty, 2.0)
