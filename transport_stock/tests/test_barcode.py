from odoo.tests import Form

from .common import TransportStockCase


class TestBarcode(TransportStockCase):
    def _new_waybill_form(self):
        form = Form(self.env["stock.picking"])
        form.picking_type_id = self.warehouse.out_type_id
        return form

    def test_scan_adds_the_item_then_increments_its_line(self):
        form = self._new_waybill_form()
        form.barcode_scan = "4600000000003"
        form.barcode_scan = "4600000000002"
        form.barcode_scan = "4600000000003"
        picking = form.save()

        self.assertEqual(len(picking.move_ids), 2)
        pads = picking.move_ids.filtered(lambda m: m.product_id == self.brake_pads)
        self.assertEqual(pads.product_uom_qty, 2.0)
        self.assertEqual(
            picking.move_ids.filtered(
                lambda m: m.product_id == self.engine_oil
            ).product_uom_qty,
            1.0,
        )
        self.assertFalse(
            picking.barcode_scan, "the scan field is ready for the next scan"
        )

    def test_scan_on_a_ready_waybill_also_counts_the_picked_quantity(self):
        picking = self._new_waybill_form().save()
        picking.barcode_scan = False
        picking._add_scanned_barcode("4600000000003")
        picking.action_confirm()
        picking._add_scanned_barcode("4600000000003")
        self.assertEqual(picking.move_ids.product_uom_qty, 2.0)
        self.assertEqual(picking.move_ids.quantity, 2.0)

    def test_unknown_barcode_says_so_and_adds_nothing(self):
        picking = self._new_waybill_form().save()
        picking.barcode_scan = "0000000000000"
        result = picking._onchange_barcode_scan()

        self.assertEqual(
            result["warning"]["message"],
            "No item has the barcode 0000000000000. Check the label or add the "
            "barcode to the item first.",
        )
        self.assertFalse(picking.move_ids)

    def test_closed_waybill_refuses_scans(self):
        picking = self._issue("parts", [(self.brake_pads, 1.0)], service=self.service)
        message = picking._add_scanned_barcode("4600000000003")
        self.assertIn("This waybill is closed", message)
        self.assertEqual(picking.move_ids.product_uom_qty, 1.0)

    def test_waybill_lines_show_the_barcode(self):
        picking = self._issue("parts", [(self.brake_pads, 1.0)], service=self.service)
        self.assertEqual(picking.move_ids.transport_barcode, "4600000000003")
