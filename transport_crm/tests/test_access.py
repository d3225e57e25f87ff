from odoo.exceptions import AccessError
from odoo.tests import new_test_user

from .common import TransportCrmCase


class TestAccess(TransportCrmCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tariff = cls._create_tariff([("distance", 1.0)])
        cls.client.specific_property_product_pricelist = cls.tariff
        cls.sales = new_test_user(
            cls.env,
            login="transport_sales",
            groups="transport_crm.group_transport_sales,product.group_product_pricelist",
        )
        cls.dispatcher = new_test_user(
            cls.env,
            login="transport_dispatcher",
            groups="transport_fleet.group_transport_dispatcher",
        )
        cls.driver_user = new_test_user(
            cls.env,
            login="transport_user",
            groups="transport_fleet.group_transport_user",
        )

    def test_sales_manager_sells_and_dispatcher_plans(self):
        order = (
            self.env["sale.order"]
            .with_user(self.sales)
            .create(
                {"partner_id": self.client.id, "is_transport": True, "distance": 250.0}
            )
        )
        self.assertEqual(order.pricelist_id, self.tariff)
        self.assertAlmostEqual(order.amount_untaxed, 250.0)
        order.action_confirm()
        wizard = (
            self.env["transport.order.plan.wizard"]
            .with_user(self.dispatcher)
            .create({"order_ids": order.ids})
        )
        wizard.action_confirm()
        self.assertEqual(order.transport_state, "planned")
        self.assertEqual(order.trip_ids.transport_order_ids, order)

    def test_tariffs_are_read_only_outside_sales(self):
        rules = self.env["transport.tariff.rule"].with_user(self.driver_user)
        self.assertEqual(
            rules.search([("pricelist_id", "=", self.tariff.id)]).rate, 1.0
        )
        with self.assertRaises(AccessError):
            rules.create(
                {"pricelist_id": self.tariff.id, "rule_type": "pallet", "rate": 2.0}
            )
        with self.assertRaises(AccessError):
            self.env["transport.interaction"].with_user(self.driver_user).search([])

    def test_interactions_stay_in_their_company(self):
        other = self.env["res.company"].create({"name": "Other Haulier"})
        Interaction = self.env["transport.interaction"]
        mine = Interaction.create({"partner_id": self.client.id, "topic": "Ours"})
        theirs = Interaction.create(
            {"partner_id": self.client.id, "topic": "Theirs", "company_id": other.id}
        )
        visible = Interaction.with_user(self.sales).search(
            [("partner_id", "=", self.client.id)]
        )
        self.assertIn(mine, visible)
        self.assertNotIn(theirs, visible)

    def test_views_load_for_the_sales_manager(self):
        Order = self.env["sale.order"].with_user(self.sales)
        views = Order.get_views(
            [
                (self.env.ref("transport_crm.view_transport_order_list").id, "list"),
                (
                    self.env.ref("transport_crm.view_transport_order_kanban").id,
                    "kanban",
                ),
                (False, "form"),
                (
                    self.env.ref("transport_crm.view_transport_order_calendar").id,
                    "calendar",
                ),
                (self.env.ref("transport_crm.view_transport_order_pivot").id, "pivot"),
                (self.env.ref("transport_crm.view_transport_order_graph").id, "graph"),
                (
                    self.env.ref("transport_crm.view_transport_order_search").id,
                    "search",
                ),
            ]
        )
        self.assertIn("cargo_weight", views["models"]["sale.order"]["fields"])
        partner_views = (
            self.env["res.partner"].with_user(self.sales).get_views([(False, "form")])
        )
        self.assertIn(
            "transport_abc_revenue", partner_views["models"]["res.partner"]["fields"]
        )
