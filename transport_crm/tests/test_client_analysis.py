from datetime import date, datetime, timedelta

from odoo.tests import tagged

from .common import TransportCrmAccountCase, TransportCrmCase


class TestAbcArithmetic(TransportCrmCase):
    def test_abc_classes_by_cumulative_share(self):
        Partner = self.env["res.partner"]
        big, mid, small, tiny, loss = Partner.create(
            [{"name": name} for name in ("Big", "Mid", "Small", "Tiny", "Loss")]
        )
        classes = Partner._transport_abc(
            {big: 700.0, mid: 200.0, small: 60.0, tiny: 40.0, loss: -50.0}
        )
        # Shares before each client: 0 %, 70 %, 90 %, 96 % of the positive total.
        self.assertEqual(
            classes, {big: "a", mid: "a", small: "b", tiny: "c", loss: "c"}
        )

    def test_abc_with_nothing_positive(self):
        Partner = self.env["res.partner"]
        self.assertEqual(Partner._transport_abc({self.client: 0.0}), {self.client: "c"})


@tagged("post_install", "-at_install")
class TestClientAnalysis(TransportCrmAccountCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tariff = cls._create_tariff([("distance", 1.0)])
        cls.client_3 = cls.env["res.partner"].create(
            {"name": "Gamma Glass", "is_company": True}
        )
        # A day long after every order already in the database (demo data has
        # its own, in every company: sudo), so that the year analysed holds
        # this test's orders only.
        latest = (
            cls.env["sale.order"].sudo().search([], order="date_order desc", limit=1)
        )
        cls.quiet_day = date(2026, 5, 1)
        if latest:
            cls.quiet_day = max(
                cls.quiet_day, latest.date_order.date() + timedelta(days=400)
            )

    def _order_on(self, partner, day, distance=100.0):
        order = self._create_order(
            partner=partner, tariff=self.tariff, distance=distance
        )
        order.action_confirm()
        order.date_order = datetime.combine(day, datetime.min.time())
        return order

    def test_abc_by_revenue_and_profit(self):
        day = self.quiet_day
        big = self._order_on(self.client, day, distance=900.0)
        mid = self._order_on(self.client_2, day + timedelta(days=1), distance=80.0)
        small = self._order_on(self.client_3, day + timedelta(days=2), distance=20.0)
        self._invoice(big | mid | small)
        # A costly trip makes the biggest client the least profitable.
        self.env["transport.trip"].create(
            {
                "transport_order_ids": [(6, 0, big.ids)],
                "cost_line_ids": [(0, 0, {"cost_type": "fuel", "amount": 1000.0})],
            }
        )
        self.env["res.partner"]._transport_update_client_analysis(
            day + timedelta(days=31)
        )
        self.assertEqual(self.client.transport_abc_revenue, "a")
        self.assertEqual(self.client_2.transport_abc_revenue, "b")
        self.assertEqual(self.client_3.transport_abc_revenue, "c")
        self.assertEqual(self.client.transport_abc_profit, "c", "It loses money")
        self.assertEqual(self.client_2.transport_abc_profit, "a")
        self.assertEqual(self.client_3.transport_abc_profit, "b")

    def test_churn_when_the_gap_exceeds_the_rhythm(self):
        for day in (
            date(2026, 3, 1),
            date(2026, 3, 11),
            date(2026, 3, 21),
            date(2026, 3, 31),
        ):
            self._order_on(self.client, day)
        Partner = self.env["res.partner"]
        Partner._transport_update_client_analysis(date(2026, 4, 12))
        self.assertEqual(self.client.transport_order_rhythm, 10.0)
        self.assertEqual(self.client.transport_last_order_date, date(2026, 3, 31))
        self.assertFalse(self.client.transport_churn_risk, "12 days ≤ 10 × 1.5")
        Partner._transport_update_client_analysis(date(2026, 4, 20))
        self.assertTrue(self.client.transport_churn_risk, "20 days > 15")
        self.company.transport_churn_factor = 2.5
        Partner._transport_update_client_analysis(date(2026, 4, 20))
        self.assertFalse(self.client.transport_churn_risk)
        # A single order gives no rhythm: no warning.
        self._order_on(self.client_2, date(2026, 1, 1))
        Partner._transport_update_client_analysis(date(2026, 6, 1))
        self.assertFalse(self.client_2.transport_churn_risk)
        self.assertEqual(self.client_2.transport_abc_revenue, "c")

    def test_client_without_orders_any_more_is_declassified(self):
        day = self.quiet_day
        order = self._order_on(self.client, day)
        Partner = self.env["res.partner"]
        Partner._transport_update_client_analysis(day + timedelta(days=1))
        self.assertTrue(self.client.transport_abc_revenue, "classified")
        self.assertEqual(self.client.transport_last_order_date, day)
        order._action_cancel()
        # the day after, every classified client is checked again: this one
        # has no order left and loses its classes and last order date
        Partner._transport_update_client_analysis(day + timedelta(days=2))
        self.assertFalse(self.client.transport_abc_revenue)
        self.assertFalse(self.client.transport_abc_profit)
        self.assertFalse(self.client.transport_last_order_date)
        self.assertFalse(self.client.transport_churn_risk)
