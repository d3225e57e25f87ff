from odoo.tests import tagged

from odoo.addons.transport_fleet.tests.common import TransportTourCase

from .common import TransportStockCase


@tagged("post_install", "-at_install")
class TestStorekeeperTours(TransportTourCase, TransportStockCase):
    """The storekeeper issues fuel to a trip by barcode in a real browser, at
    desktop and at phone width."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tour_storekeeper = cls._create_tour_user(
            "tour_storekeeper",
            "Stan Storekeeper",
            "base.group_user,transport_stock.group_transport_storekeeper",
        )

    def _check_storekeeper_tour(self, phone):
        self.start_tour_at_width(
            "transport_stock_storekeeper_tour", self.tour_storekeeper.login, phone=phone
        )
        waybill = self.trip.waybill_ids
        self.assertEqual(waybill.state, "done")
        self.assertEqual(waybill.move_ids.product_id, self.diesel)
        self.assertEqual(waybill.move_ids.quantity, 120.0)
        fuel = self.trip.cost_line_ids.filtered(lambda c: c.cost_type == "fuel")
        self.assertEqual(fuel.quantity, 120.0)
        self.assertEqual(self._on_hand(self.diesel), 880.0)

    def test_storekeeper_tour_desktop(self):
        self._check_storekeeper_tour(phone=False)

    def test_storekeeper_tour_phone(self):
        self._check_storekeeper_tour(phone=True)
