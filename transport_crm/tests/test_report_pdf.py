from datetime import datetime

from odoo.tests import tagged

from odoo.addons.transport_fleet.tests.common import TransportFleetCase
from odoo.addons.transport_fleet.tests.pdf_render_common import PdfRenderMixin

from .common import TransportCrmCase


@tagged("post_install", "-at_install")
class TestConsignmentNotePdf(PdfRenderMixin, TransportCrmCase, TransportFleetCase):
    """The consignment note (CMR) of a planned transport order is one A4
    page with the sender, the consignee, the places of taking over and
    delivery, the carrier's vehicles and driver, and the goods."""

    def test_consignment_note_is_one_readable_a4_page(self):
        order = self._create_order(
            pickup_partner_id=self.paris_warehouse.id,
            delivery_partner_id=self.lyon_shop.id,
            delivery_date_from=datetime(2026, 6, 15, 16, 0),
            delivery_date_to=datetime(2026, 6, 15, 18, 0),
            cargo_description="Chilled yoghurt on pallets",
            cargo_weight=12.5,
            cargo_volume=40.0,
            cargo_pallets=26,
            adr_class="2",
            adr_un_number="1950",
            distance=465.0,
        )
        order.trip_ids = self._create_trip()
        rendered = self.render_pdf(
            "transport_crm.action_report_consignment_note", order
        )
        self.assertPdfLooksRight(
            rendered,
            [
                f"Consignment note {order.name}",
                "Acme Foods",
                "Acme Paris warehouse",
                "Lyon shop",
                self.company.name,
                order.trip_ids.name,
                "TR-001",
                "+ ST-001",
                "Dana Driver",
                "Chilled yoghurt on pallets",
                "12.500",
                "UN 1950",
                "465.0 km",
                "Window: 06/15/2026 04:00:00 PM – 06/15/2026 06:00:00 PM",
            ],
        )
        # The pick-up window has no end: no dash that leads nowhere.
        self.assertIn("Window: 06/15/2026 08:00:00 AM", rendered.words)
        self.assertNotRegex(rendered.words, r"(AM|PM) –(?! \d)")
