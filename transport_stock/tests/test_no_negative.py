from odoo.exceptions import UserError

from .common import TransportStockCase


class TestNoNegativeStock(TransportStockCase):
    def test_issuing_more_than_on_hand_is_refused_and_nothing_moves(self):
        with (
            self.assertRaisesRegex(
                UserError,
                r"Not enough Test brake pad set, front in WH/Stock: 4.0 Units on hand, "
                r"5.0 Units requested. Nothing was moved.",
            ),
            self.env.cr.savepoint(),
        ):
            self._issue("parts", [(self.brake_pads, 5.0)], service=self.service)

        self.assertEqual(self._on_hand(self.brake_pads), 4.0)
        self.assertFalse(self.service.waybill_ids.filtered(lambda p: p.state == "done"))
        self.assertAlmostEqual(self.service.amount, 80.0)

    def test_refusal_on_a_manual_waybill(self):
        picking = self.env["stock.picking"].create(
            {
                "picking_type_id": self.warehouse.int_type_id.id,
                "location_id": self.stock_location.id,
                "location_dest_id": self.vehicle._get_tank_location().id,
                "move_ids": [
                    (
                        0,
                        0,
                        {
                            "product_id": self.diesel.id,
                            "product_uom_qty": 1200.0,
                            "product_uom": self.diesel.uom_id.id,
                        },
                    )
                ],
            }
        )
        picking.action_confirm()
        picking.move_ids.write({"quantity": 1200.0, "picked": True})
        with (
            self.assertRaisesRegex(UserError, "Not enough Diesel EN 590"),
            self.env.cr.savepoint(),
        ):
            picking.with_context(skip_backorder=True).button_validate()
        self.assertEqual(self._on_hand(self.diesel), 1000.0)
        self.assertNotEqual(picking.state, "done")

    def test_exact_balance_can_be_issued(self):
        self._issue("parts", [(self.brake_pads, 4.0)], service=self.service)
        self.assertEqual(self._on_hand(self.brake_pads), 0.0)

    def test_other_goods_keep_the_standard_behaviour(self):
        """Only fleet supplies are guarded: other storable goods may go negative."""
        widget = self.env["product.product"].create(
            {"name": "Widget", "is_storable": True}
        )
        picking = self.env["stock.picking"].create(
            {
                "picking_type_id": self.warehouse.out_type_id.id,
                "location_id": self.stock_location.id,
                "location_dest_id": self.env.ref("stock.stock_location_customers").id,
                "move_ids": [
                    (
                        0,
                        0,
                        {
                            "product_id": widget.id,
                            "product_uom_qty": 3.0,
                            "product_uom": widget.uom_id.id,
                        },
                    )
                ],
            }
        )
        picking.button_validate()
        self.assertEqual(picking.state, "done")
        self.assertEqual(self._on_hand(widget), -3.0)
