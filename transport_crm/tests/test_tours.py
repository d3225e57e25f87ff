from odoo.tests import tagged

from odoo.addons.transport_fleet.tests.common import (
    TransportFleetCase,
    TransportTourCase,
)

from .common import TransportCrmCase


@tagged("post_install", "-at_install")
class TestSalesTours(TransportTourCase, TransportCrmCase, TransportFleetCase):
    """A sales manager takes a client from its tariff to the invoice in a real
    browser, at desktop and at phone width, planning the order onto a trip
    without being a dispatcher."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sales_manager = cls._create_tour_user(
            "tour_sales",
            "Sally Sales",
            "base.group_user,transport_crm.group_transport_sales,"
            "account.group_account_invoice,product.group_product_pricelist",
        )
        cls.tariff = cls._create_tariff([("distance", 2.0)], name="Tour Tariff")

    def _check_sales_tour(self, phone):
        self.start_tour_at_width(
            "transport_crm_sales_tour", self.sales_manager.login, phone=phone
        )
        client = self.env["res.partner"].search([("name", "=", "Tour Freight Ltd")])
        self.assertEqual(client.specific_property_product_pricelist, self.tariff)
        order = self.env["sale.order"].search([("partner_id", "=", client.id)])
        self.assertEqual(order.amount_untaxed, 900.0)
        self.assertEqual(order.transport_state, "delivered")
        self.assertEqual(order.trip_ids.vehicle_id, self.tractor)
        self.assertEqual(order.invoice_ids.amount_untaxed, 900.0)

    def test_sales_tour_desktop(self):
        self._check_sales_tour(phone=False)

    def test_sales_tour_phone(self):
        self._check_sales_tour(phone=True)
