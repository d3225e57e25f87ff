from odoo.tests import tagged

from odoo.addons.transport_fleet.tests.pdf_render_common import PdfRenderMixin

from .common import TransportStockCase


@tagged("post_install", "-at_install")
class TestWaybillPdf(PdfRenderMixin, TransportStockCase):
    """The printed waybill of a fuel and parts issue is one A4 page naming
    its basis, the vehicle, every item with its quantity, the total value
    and both people who sign it."""

    def test_waybill_is_one_readable_a4_page(self):
        waybill = self._issue(
            "parts",
            [(self.brake_pads, 2.0), (self.engine_oil, 5.0)],
            self.storekeeper,
            trip=self.trip,
        )
        rendered = self.render_pdf(
            "transport_stock.action_report_transport_waybill", waybill
        )
        self.assertPdfLooksRight(
            rendered,
            [
                f"Waybill {waybill.name}",
                self.trip.name,
                "Hamburg",
                "ST-440-A",
                "Test brake pad set, front",
                "TST-BP-29087",
                "4600000000003",
                "Engine oil 10W-40",
                "270.00",  # 2 × 120.00 + 5 × 6.00
                "Ivy Storekeeper",
                "Sam Driver",
            ],
        )
