from odoo.fields import Command
from odoo.tests import tagged

from .common import TransportCrmAccountCase


@tagged("post_install", "-at_install")
class TestProfit(TransportCrmAccountCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tariff = cls._create_tariff([("distance", 2.0)])
        cls.order_short = cls._confirmed(distance=100.0)  # 200
        cls.order_long = cls._confirmed(distance=300.0)  # 600
        cls.trip = cls.env["transport.trip"].create(
            {
                "transport_order_ids": [
                    Command.set((cls.order_short | cls.order_long).ids)
                ],
                "cost_line_ids": [
                    Command.create({"cost_type": "fuel", "amount": 300.0}),
                    Command.create({"cost_type": "toll", "amount": 100.0}),
                ],
            }
        )

    @classmethod
    def _confirmed(cls, **vals):
        order = cls._create_order(tariff=cls.tariff, **vals)
        order.action_confirm()
        return order

    def test_costs_shared_by_distance(self):
        self.assertEqual(self.trip.cost_total, 400.0)
        self.assertAlmostEqual(self.order_short.transport_cost, 100.0)
        self.assertAlmostEqual(self.order_long.transport_cost, 300.0)
        self.assertAlmostEqual(
            self.order_short.transport_profit, -100.0, "Nothing invoiced yet"
        )
        self._invoice(self.order_short | self.order_long)
        self.assertAlmostEqual(self.order_short.transport_revenue, 200.0)
        self.assertAlmostEqual(self.order_short.transport_profit, 100.0)
        self.assertAlmostEqual(self.order_long.transport_profit, 300.0)

    def test_costs_shared_by_revenue(self):
        self.company.transport_cost_allocation = "revenue"
        self.order_long.order_line.price_unit = 1.0  # 300 instead of 600
        # Nothing invoiced: the untaxed amounts share the cost (200 : 300).
        self.assertAlmostEqual(self.order_short.transport_cost, 160.0)
        self.assertAlmostEqual(self.order_long.transport_cost, 240.0)
        # Once invoiced, the invoiced revenue shares it: 200 : 0 → all on short.
        self._invoice(self.order_short)
        self.assertAlmostEqual(self.order_short.transport_cost, 400.0)
        self.assertAlmostEqual(self.order_long.transport_cost, 0.0)

    def test_new_costs_and_orders_reallocate(self):
        self.trip.cost_line_ids = [
            Command.create({"cost_type": "parking", "amount": 40.0})
        ]
        self.assertAlmostEqual(self.order_short.transport_cost, 110.0)
        third = self._confirmed(distance=400.0)
        self.trip.transport_order_ids = [Command.link(third.id)]
        self.assertAlmostEqual(self.order_short.transport_cost, 55.0)
        self.assertAlmostEqual(third.transport_cost, 220.0)

    def test_order_on_two_trips_adds_its_shares(self):
        second = self.env["transport.trip"].create(
            {
                "transport_order_ids": [Command.set(self.order_short.ids)],
                "cost_line_ids": [
                    Command.create({"cost_type": "per_diem", "amount": 70.0})
                ],
            }
        )
        self.assertEqual(self.order_short.trip_ids, self.trip | second)
        self.assertAlmostEqual(self.order_short.transport_cost, 170.0)

    def test_equal_shares_without_distance(self):
        self.order_short.distance = 0.0
        self.order_long.distance = 0.0
        self.assertAlmostEqual(self.order_short.transport_cost, 200.0)

    def test_client_receipts_revenue_and_profit(self):
        invoice = self._invoice(self.order_short | self.order_long)
        self._pay(invoice, amount=500.0)
        client = self.client
        self.assertEqual(client.transport_order_count, 2)
        self.assertAlmostEqual(client.transport_revenue, 800.0)
        self.assertAlmostEqual(client.transport_profit, 400.0)
        self.assertAlmostEqual(client.transport_receipts, 500.0)
        self.assertAlmostEqual(
            self.paris_warehouse.transport_revenue, 800.0, "Same for contacts"
        )
        self.env.flush_all()
        report = self.env["transport.client.profit.report"]._read_group(
            [("partner_id", "=", client.id)],
            [],
            [
                "revenue:sum",
                "cost:sum",
                "profit:sum",
                "receipts:sum",
                "order_count:sum",
            ],
        )[0]
        self.assertEqual(report, (800.0, 400.0, 400.0, 500.0, 2))
