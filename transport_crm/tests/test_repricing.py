from odoo.fields import Command

from .common import TransportCrmCase


class TestRepricing(TransportCrmCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tariff = cls._create_tariff(
            [("distance", 1.0), ("weight", 10.0), ("minimum", 150.0), ("loading", 50.0)]
        )

    def test_quotation_follows_cargo_and_distance(self):
        order = self._create_order(tariff=self.tariff, distance=100.0, cargo_weight=2.0)
        self.assertAlmostEqual(order.amount_untaxed, 150.0, msg="120 topped up to 150")
        order.write({"cargo_weight": 10.0})
        self.assertEqual(
            self._charges(order), {"distance": (100.0, 1.0), "weight": (10.0, 10.0)}
        )
        self.assertAlmostEqual(order.amount_untaxed, 200.0)
        order.write({"distance": 300.0, "service_loading": True})
        self.assertAlmostEqual(order.amount_untaxed, 450.0)
        order.write({"service_loading": False})
        self.assertNotIn(
            "loading", self._charges(order), "An unused charge line goes away"
        )
        self.assertFalse(order.transport_price_outdated)

    def test_route_change_takes_the_lane_distance(self):
        order = self._create_order(tariff=self.tariff, distance=100.0)
        order.write(
            {
                "pickup_partner_id": self.paris_warehouse.id,
                "delivery_partner_id": self.lyon_shop.id,
            }
        )
        self.assertEqual(order.distance, 465.0)
        self.assertEqual(order.transport_hours, 6.0)
        self.assertEqual(self._charges(order)["distance"], (465.0, 1.0))

    def test_tariff_change_reprices_drafts_and_flags_agreed_prices(self):
        draft = self._create_order(tariff=self.tariff, distance=200.0)
        sent = self._create_order(tariff=self.tariff, distance=200.0)
        sent.action_quotation_sent()
        confirmed = self._create_order(tariff=self.tariff, distance=200.0)
        confirmed.action_confirm()
        self.tariff.transport_rule_ids.filtered(
            lambda r: r.rule_type == "distance"
        ).rate = 2.0
        self.assertAlmostEqual(draft.amount_untaxed, 400.0)
        self.assertFalse(draft.transport_price_outdated)
        for order in sent | confirmed:
            self.assertAlmostEqual(
                order.amount_untaxed, 200.0, "The agreed price stays"
            )
            self.assertTrue(order.transport_price_outdated, "…but is flagged")
        sent.action_transport_reprice()
        self.assertAlmostEqual(sent.amount_untaxed, 400.0)
        self.assertFalse(sent.transport_price_outdated)

    def test_confirmed_order_is_flagged_then_repriced_on_demand(self):
        order = self._create_order(
            tariff=self.tariff, distance=200.0, cargo_weight=5.0, service_loading=True
        )
        order.action_confirm()
        self.assertFalse(order.transport_price_outdated, "Confirming changes no price")
        order.write({"cargo_weight": 8.0, "service_loading": False})
        self.assertTrue(order.transport_price_outdated)
        self.assertAlmostEqual(order.amount_untaxed, 300.0, "200 + 50 + 50, unchanged")
        order.action_transport_reprice()
        self.assertFalse(order.transport_price_outdated)
        self.assertAlmostEqual(order.amount_untaxed, 280.0)
        loading = order.order_line.filtered(
            lambda line: line.transport_charge_type == "loading"
        )
        self.assertEqual(
            loading.product_uom_qty, 0.0, "A confirmed line is zeroed, not deleted"
        )
        order.write({"cargo_weight": 9.0})
        order.action_transport_keep_price()
        self.assertFalse(order.transport_price_outdated)
        self.assertAlmostEqual(order.amount_untaxed, 280.0)

    def test_update_prices_keeps_the_tariff(self):
        order = self._create_order(tariff=self.tariff, distance=300.0)
        order.action_update_prices()
        self.assertAlmostEqual(order.amount_untaxed, 300.0)

    def test_manual_quantity_keeps_the_tariff_rate(self):
        order = self._create_order(tariff=self.tariff, distance=300.0)
        line = order.order_line.filtered(
            lambda line: line.transport_charge_type == "distance"
        )
        line.product_uom_qty = 320.0
        self.assertEqual(line.price_unit, 1.0)

    def test_other_lines_are_kept(self):
        service = self.env["product.product"].create(
            {"name": "Customs paperwork", "type": "service", "list_price": 35.0}
        )
        order = self._create_order(tariff=self.tariff, distance=200.0)
        order.order_line = [Command.create({"product_id": service.id})]
        order.write({"distance": 250.0})
        self.assertIn(service, order.order_line.product_id)
        self.assertAlmostEqual(order.amount_untaxed, 285.0)

    def test_copy_reprices_from_the_current_tariff(self):
        order = self._create_order(tariff=self.tariff, distance=200.0)
        copy = order.copy()
        self.assertTrue(copy.is_transport)
        self.assertEqual(self._charges(copy), self._charges(order))
