from odoo.tests import warmup

from .common import TransportCrmCase

LIST_FIELDS = [
    "name",
    "date_order",
    "partner_id",
    "origin_zone_id",
    "destination_zone_id",
    "pickup_date_from",
    "cargo_weight",
    "distance",
    "user_id",
    "currency_id",
    "amount_untaxed",
    "transport_profit",
    "state",
    "transport_state",
]


class TestPerformance(TransportCrmCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tariff = cls._create_tariff(
            [("distance", 1.0), ("pallet", 5.0), ("minimum", 150.0), ("loading", 30.0)]
        )

    def _vals(self, count):
        return [
            {
                "partner_id": (self.client if i % 2 else self.client_2).id,
                "pricelist_id": self.tariff.id,
                "is_transport": True,
                "pickup_date_from": self.pickup_date,
                "pickup_partner_id": self.paris_warehouse.id,
                "delivery_partner_id": self.lyon_shop.id,
                "cargo_pallets": i,
                "service_loading": bool(i % 3),
            }
            for i in range(count)
        ]

    def _count_queries(self, func):
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        func()
        self.env.flush_all()
        return self.env.cr.sql_log_count - before

    def test_pricing_queries_do_not_grow_with_searches_per_order(self):
        Order = self.env["sale.order"]
        self._count_queries(lambda: Order.create(self._vals(2)))  # warm caches
        small = self._count_queries(lambda: Order.create(self._vals(5)))
        large = self._count_queries(lambda: Order.create(self._vals(20)))
        # Pricing 15 more orders costs no search and no query per order beyond
        # the inserts and updates that sale.order itself does for them.
        self.assertLess(large - small, 15 * 10, (small, large))
        order = Order.search([("is_transport", "=", True)], limit=1, order="id desc")
        self.assertAlmostEqual(order.amount_untaxed, 465.0 + 19 * 5.0 + 30.0)

    def test_repricing_a_batch_queries(self):
        orders = self.env["sale.order"].create(self._vals(20))
        small = self._count_queries(lambda: orders[:5].write({"cargo_pallets": 30}))
        large = self._count_queries(lambda: orders.write({"cargo_pallets": 31}))
        # Same changes on 15 more orders: their lines are updated together.
        self.assertLess(large - small, 15, (small, large))

    @warmup
    def test_order_list_query_count(self):
        self.env["sale.order"].create(self._vals(20))
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(8):
            self.env["sale.order"].search_read(
                [("is_transport", "=", True)], LIST_FIELDS, limit=80
            )
