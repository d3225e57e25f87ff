from datetime import timedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user

from odoo.addons.transport_fleet.tests.common import TransportFleetCase

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

    def _confirmed_order(self, **vals):
        order = (
            self.env["sale.order"]
            .with_user(self.sales)
            .create({"partner_id": self.client.id, "is_transport": True, **vals})
        )
        order.action_confirm()
        return order

    def _plan(self, user, orders, **vals):
        wizard = (
            self.env["transport.order.plan.wizard"]
            .with_user(user)
            .create({"order_ids": orders.ids, **vals})
        )
        return wizard.action_confirm()

    def test_sales_manager_plans_orders_onto_trips(self):
        """A sales manager without the dispatcher group plans an order onto
        a new trip, then another order onto that planned trip."""
        self.assertFalse(
            self.sales.has_group("transport_fleet.group_transport_dispatcher")
        )
        first = self._confirmed_order(distance=250.0, cargo_weight=8.0)
        action = self._plan(self.sales, first)
        trip = self.env["transport.trip"].browse(action["res_id"])
        self.assertEqual(trip.transport_order_ids, first)
        self.assertEqual(trip.create_uid, self.sales)
        self.assertEqual(first.transport_state, "planned")
        trip.state = "planned"
        second = self._confirmed_order(distance=100.0, cargo_weight=4.0)
        self._plan(self.sales, second, mode="existing", trip_id=trip.id)
        self.assertEqual(trip.transport_order_ids, first | second)
        self.assertAlmostEqual(trip.cargo_weight, 12.0)
        # The trip, read back as the sales manager, shows both orders.
        self.assertEqual(trip.with_user(self.sales).transport_order_ids, first | second)

    def test_sales_manager_runs_email_and_sms_marketing(self):
        """The Email and SMS Marketing apps open for a transport sales
        manager, who creates mailings of both kinds."""
        self.assertTrue(self.sales.has_group("mass_mailing.group_mass_mailing_user"))
        menus = self.env["ir.ui.menu"].with_user(self.sales)._visible_menu_ids()
        for xmlid in (
            "mass_mailing.mass_mailing_menu_root",
            "mass_mailing_sms.mass_mailing_sms_menu_root",
        ):
            self.assertIn(self.env.ref(xmlid).id, menus, xmlid)
        self.assertNotIn(
            self.env.ref("mass_mailing.mass_mailing_menu_root").id,
            self.env["ir.ui.menu"].with_user(self.dispatcher)._visible_menu_ids(),
        )
        Mailing = self.env["mailing.mailing"].with_user(self.sales)
        partner_model = self.env["ir.model"]._get_id("res.partner")
        mailings = Mailing.create(
            [
                {
                    "subject": "Spring rates",
                    "body_html": "<p>New lanes</p>",
                    "mailing_model_id": partner_model,
                },
                {
                    "subject": "Spring rates (SMS)",
                    "mailing_type": "sms",
                    "body_plaintext": "New lanes this spring",
                    "mailing_model_id": partner_model,
                },
            ]
        )
        self.assertEqual(mailings.mapped("mailing_type"), ["mail", "sms"])
        self.assertEqual(mailings.user_id, self.sales)

    def test_tariffs_are_read_only_outside_sales(self):
        # Dispatchers reprice the quotations they edit; drivers and
        # storekeepers do not see what clients pay.
        rules = self.env["transport.tariff.rule"].with_user(self.dispatcher)
        self.assertEqual(
            rules.search([("pricelist_id", "=", self.tariff.id)]).rate, 1.0
        )
        with self.assertRaises(AccessError):
            rules.create(
                {"pricelist_id": self.tariff.id, "rule_type": "pallet", "rate": 2.0}
            )
        with self.assertRaises(AccessError):
            self.env["transport.tariff.rule"].with_user(self.driver_user).search([])
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

    def test_core_salesperson_still_opens_and_saves_sale_orders(self):
        """Installing transport must not lock Odoo's own salespeople out of
        their quotations: the trip fields are only shown to transport users."""
        salesperson = new_test_user(
            self.env,
            login="core_salesperson",
            groups="sales_team.group_sale_salesman_all_leads",
        )
        order = self.env["sale.order"].create({"partner_id": self.client.id})
        with Form(order.with_user(salesperson)) as form:
            form.note = "Deliver to the back door"
        self.assertEqual(order.note.striptags(), "Deliver to the back door")


class TestTripRights(TransportCrmCase, TransportFleetCase):
    """Sales managers plan their orders onto trips; dispatchers run them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sales = new_test_user(
            cls.env, login="trip_sales", groups="transport_crm.group_transport_sales"
        )
        cls.dispatcher = new_test_user(
            cls.env,
            login="trip_dispatcher",
            groups="transport_fleet.group_transport_dispatcher",
        )
        tariff = cls._create_tariff([("distance", 1.0)])
        cls.order, cls.late_order = cls._create_order(
            tariff=tariff, distance=450.0, cargo_weight=10.0, user_id=cls.sales.id
        ) | cls._create_order(tariff=tariff, distance=80.0, user_id=cls.sales.id)
        (cls.order | cls.late_order).action_confirm()

    def test_trips_are_run_by_dispatchers(self):
        """Outside the planning wizard a sales manager only reads trips: no
        trip of their own, no start, no close, no order added to a trip that
        has left."""
        wizard = (
            self.env["transport.order.plan.wizard"]
            .with_user(self.sales)
            .create(
                {
                    "order_ids": self.order.ids,
                    "vehicle_id": self.tractor.id,
                    "trailer_ids": self.trailer.ids,
                    "driver_id": self.driver.id,
                }
            )
        )
        trip = self.env["transport.trip"].browse(wizard.action_confirm()["res_id"])
        self.assertEqual(trip.vehicle_id, self.tractor)
        trip.date_planned_arrival = trip.date_planned_departure + timedelta(hours=9)
        with self.assertRaises(AccessError):
            self.env["transport.trip"].with_user(self.sales).create({})
        with self.assertRaises(AccessError):
            trip.with_user(self.sales).action_plan()
        trip.with_user(self.dispatcher).action_plan()
        with self.assertRaises(AccessError):
            trip.with_user(self.sales).action_start()
        trip.with_user(self.dispatcher).action_start()
        self.assertEqual(trip.state, "in_progress")
        with self.assertRaisesRegex(UserError, "has left"):
            self.env["transport.order.plan.wizard"].with_user(self.sales).create(
                {
                    "order_ids": self.late_order.ids,
                    "mode": "existing",
                    "trip_id": trip.id,
                }
            ).action_confirm()
        self.assertFalse(self.late_order.trip_ids)
        trip.with_user(self.dispatcher).odometer_end = trip.odometer_start + 450
        with self.assertRaises(AccessError):
            trip.with_user(self.sales).action_done()
        trip.with_user(self.dispatcher).action_done()
        self.assertEqual(trip.state, "done")
