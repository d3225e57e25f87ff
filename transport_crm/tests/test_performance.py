from lxml import etree

from odoo import fields
from odoo.tests import new_test_user, warmup

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


class TestListViewQueries(TransportCrmCase):
    """The lists a sales manager opens cost the same number of queries
    whatever their length (pinned: any increase fails)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = new_test_user(
            cls.env,
            login="perf_sales_manager",
            groups="transport_crm.group_transport_sales,product.group_product_pricelist",
        )
        tariff = cls._create_tariff([("distance", 1.0), ("loading", 30.0)])
        cls.clients = clients = cls.env["res.partner"].create(
            [
                {
                    "name": f"Client {index:02d}",
                    "is_company": True,
                    "email": f"client{index}@example.com",
                    "city": "Lyon",
                    "country_id": cls.france.id,
                    "user_id": cls.manager.id,
                }
                for index in range(40)
            ]
        )
        cls.env["sale.order"].create(
            [
                {
                    "partner_id": client.id,
                    "pricelist_id": tariff.id,
                    "is_transport": True,
                    "user_id": cls.manager.id,
                    "pickup_date_from": cls.pickup_date,
                    "pickup_partner_id": cls.paris_warehouse.id,
                    "delivery_partner_id": cls.lyon_shop.id,
                    "cargo_pallets": index,
                    "service_loading": bool(index % 2),
                }
                for index, client in enumerate(clients)
            ]
        )

    def _load(self, model_name, view_xmlid, domain, limit):
        """Load a list view's first page as the web client does; return its
        row count."""
        model = self.env[model_name].with_user(self.manager)
        view_id = self.env.ref(view_xmlid).id if view_xmlid else False
        arch = model.get_views([(view_id, "list")])["views"]["list"]["arch"]
        specification = {}
        for node in etree.fromstring(arch).iterchildren("field"):
            field = model._fields[node.get("name")]
            specification[field.name] = (
                {"fields": {"display_name": {}}}
                if field.type in ("many2one", "many2many", "one2many")
                else {}
            )
        self.env.flush_all()
        self.env.invalidate_all()
        return lambda: len(
            model.web_search_read(domain, specification, limit=limit)["records"]
        )

    def _assert_pinned(self, model_name, view_xmlid, domain, queries):
        for limit in (8, 40):
            load = self._load(model_name, view_xmlid, domain, limit)
            with self.assertQueryCount(queries):
                self.assertEqual(load(), limit)

    @warmup
    def test_transport_order_list(self):
        self._assert_pinned(
            "sale.order",
            "transport_crm.view_transport_order_list",
            [("is_transport", "=", True)],
            9,
        )

    @warmup
    def test_client_list(self):
        # This test's clients only: the pin holds with or without demo data.
        self._assert_pinned("res.partner", None, [("id", "in", self.clients.ids)], 25)


class TestClientAnalysisWrites(TransportCrmCase):
    """The daily client analysis rewrites only the clients whose figures
    changed, and clears those left without orders."""

    def test_only_changed_clients_are_rewritten(self):
        tariff = self._create_tariff([("distance", 1.0)])
        first = self._create_order(tariff=tariff, distance=900.0)
        second = self._create_order(partner=self.client_2, tariff=tariff)
        (first | second).action_confirm()
        clients = self.client | self.client_2
        Partner = self.env["res.partner"]
        today = fields.Date.context_today(Partner)
        Partner._transport_update_client_analysis(today)
        # Nothing invoiced yet: no revenue, class C, but a last order day.
        self.assertEqual(clients.mapped("transport_abc_revenue"), ["c", "c"])
        self.assertEqual(
            self.client_2.transport_last_order_date, second.date_order.date()
        )
        # Nothing changed: another user's run rewrites no client.
        admin = self.env.ref("base.user_admin")
        Partner.with_user(admin)._transport_update_client_analysis(today)
        self.assertEqual(clients.mapped("write_uid"), self.env.user)
        # The first client's only order is cancelled: that client alone is
        # cleared.
        first._action_cancel()
        Partner.with_user(admin)._transport_update_client_analysis(today)
        self.assertFalse(self.client.transport_abc_revenue)
        self.assertFalse(self.client.transport_last_order_date)
        self.assertEqual(self.client.write_uid, admin)
        self.assertEqual(self.client_2.transport_abc_revenue, "c")
        self.assertEqual(self.client_2.write_uid, self.env.user)
