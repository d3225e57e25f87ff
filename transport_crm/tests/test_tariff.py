from datetime import date, datetime

from psycopg2 import IntegrityError

from odoo.exceptions import ValidationError
from odoo.tools import mute_logger

from .common import TransportCrmCase


class TestTariffRules(TransportCrmCase):
    def test_each_freight_rule_charges_its_measure(self):
        order_vals = {
            "distance": 200.0,
            "transport_hours": 5.0,
            "cargo_weight": 12.0,
            "cargo_volume": 30.0,
            "cargo_pallets": 10,
        }
        expected = {
            "distance": 200.0,
            "weight": 12.0,
            "weight_distance": 2400.0,
            "pallet": 10.0,
            "volume": 30.0,
            "hour": 5.0,
        }
        for rule_type, quantity in expected.items():
            with self.subTest(rule_type=rule_type):
                tariff = self._create_tariff([(rule_type, 2.5)])
                order = self._create_order(tariff=tariff, **order_vals)
                self.assertEqual(self._charges(order), {rule_type: (quantity, 2.5)})
                self.assertAlmostEqual(order.amount_untaxed, quantity * 2.5)

    def test_freight_rules_add_up(self):
        tariff = self._create_tariff([("distance", 1.2), ("pallet", 15.0)])
        order = self._create_order(tariff=tariff, distance=100.0, cargo_pallets=4)
        self.assertEqual(
            self._charges(order), {"distance": (100.0, 1.2), "pallet": (4.0, 15.0)}
        )
        self.assertAlmostEqual(order.amount_untaxed, 180.0)
        self.assertEqual(
            order.order_line.filtered(
                lambda line: line.transport_charge_type == "distance"
            ).product_id,
            self.product_km,
            "The charge is an order line of the tariff rule's service product.",
        )

    def test_lane_rate_replaces_the_variable_freight(self):
        tariff = self._create_tariff(
            [
                ("distance", 1.0),
                ("pallet", 10.0),
                {
                    "rule_type": "lane",
                    "rate": 900.0,
                    "origin_zone_id": self.zone_paris.id,
                    "destination_zone_id": self.zone_lyon.id,
                },
            ]
        )
        order = self._create_order(
            tariff=tariff,
            pickup_partner_id=self.paris_warehouse.id,
            delivery_partner_id=self.lyon_shop.id,
            cargo_pallets=5,
        )
        self.assertEqual(order.origin_zone_id, self.zone_paris)
        self.assertEqual(order.destination_zone_id, self.zone_lyon)
        self.assertEqual(self._charges(order), {"lane": (1.0, 900.0)})
        # The way back has no lane rate: km and pallets apply, the distance
        # coming from the (symmetric) lane table.
        back = self._create_order(
            tariff=tariff,
            pickup_partner_id=self.lyon_shop.id,
            delivery_partner_id=self.paris_warehouse.id,
            cargo_pallets=5,
        )
        self.assertEqual(back.distance, 465.0)
        self.assertEqual(
            self._charges(back), {"distance": (465.0, 1.0), "pallet": (5.0, 10.0)}
        )

    def test_minimum_charge_tops_up_the_freight(self):
        tariff = self._create_tariff([("distance", 1.0), ("minimum", 300.0)])
        short = self._create_order(tariff=tariff, distance=100.0)
        self.assertEqual(
            self._charges(short), {"distance": (100.0, 1.0), "minimum": (1.0, 200.0)}
        )
        self.assertAlmostEqual(short.amount_untaxed, 300.0)
        long = self._create_order(tariff=tariff, distance=400.0)
        self.assertEqual(self._charges(long), {"distance": (400.0, 1.0)})

    def test_minimum_charge_does_not_count_the_extras(self):
        tariff = self._create_tariff(
            [("distance", 1.0), ("minimum", 300.0), ("loading", 50.0)]
        )
        order = self._create_order(tariff=tariff, distance=100.0, service_loading=True)
        self.assertAlmostEqual(order.transport_amount_freight, 300.0)
        self.assertAlmostEqual(order.transport_amount_extras, 50.0)
        self.assertAlmostEqual(order.amount_untaxed, 350.0)

    def test_adr_surcharge_is_a_share_of_the_freight(self):
        tariff = self._create_tariff(
            [("distance", 1.0), ("adr", 10.0), ("minimum", 300.0)]
        )
        safe = self._create_order(tariff=tariff, distance=500.0)
        self.assertNotIn("adr", self._charges(safe))
        dangerous = self._create_order(tariff=tariff, distance=500.0, adr_class="3")
        self.assertEqual(self._charges(dangerous)["adr"], (1.0, 50.0))
        self.assertTrue(dangerous.adr_required)
        # On a short trip the surcharge applies to the minimum charge.
        short = self._create_order(tariff=tariff, distance=100.0, adr_class="3")
        self.assertEqual(self._charges(short)["adr"], (1.0, 30.0))
        self.assertAlmostEqual(short.amount_untaxed, 330.0)

    def test_extras(self):
        tariff = self._create_tariff(
            [
                ("distance", 1.0),
                ("loading", 50.0),
                ("unloading", 40.0),
                {"rule_type": "waiting", "rate": 30.0, "free_quantity": 2.0},
                ("extra_stop", 25.0),
            ]
        )
        order = self._create_order(
            tariff=tariff,
            distance=100.0,
            service_loading=True,
            service_unloading=True,
            waiting_hours=5.0,
            extra_stops=2,
        )
        self.assertEqual(
            self._charges(order),
            {
                "distance": (100.0, 1.0),
                "loading": (1.0, 50.0),
                "unloading": (1.0, 40.0),
                "waiting": (3.0, 30.0),
                "extra_stop": (2.0, 25.0),
            },
        )
        self.assertAlmostEqual(order.transport_amount_extras, 230.0)
        within_free_time = self._create_order(
            tariff=tariff, distance=100.0, waiting_hours=1.5
        )
        self.assertEqual(self._charges(within_free_time), {"distance": (100.0, 1.0)})

    def test_validity_dates_follow_the_pickup_date(self):
        tariff = self._create_tariff(
            [
                {"rule_type": "distance", "rate": 1.0, "date_end": date(2026, 6, 30)},
                {"rule_type": "distance", "rate": 1.5, "date_start": date(2026, 7, 1)},
                {
                    "rule_type": "loading",
                    "rate": 40.0,
                    "date_start": date(2026, 1, 1),
                    "date_end": date(2026, 3, 31),
                },
            ]
        )
        june = self._create_order(tariff=tariff, distance=100.0, service_loading=True)
        self.assertEqual(self._charges(june), {"distance": (100.0, 1.0)})
        july = self._create_order(
            tariff=tariff,
            distance=100.0,
            service_loading=True,
            pickup_date_from=datetime(2026, 7, 2, 9, 0),
        )
        self.assertEqual(self._charges(july), {"distance": (100.0, 1.5)})

    def test_tariff_currency_is_the_order_currency(self):
        other = self.env.ref("base.EUR")
        if other == self.currency:
            other = self.env.ref("base.USD")
        other.active = True
        tariff = self._create_tariff([("distance", 2.0)], currency=other)
        order = self._create_order(tariff=tariff, distance=100.0)
        self.assertEqual(order.currency_id, other)
        self.assertAlmostEqual(order.amount_untaxed, 200.0)

    def test_client_tariff_else_company_default(self):
        default = self._create_tariff([("distance", 1.0)], name="Default")
        own = self._create_tariff([("distance", 0.8)], name="Acme")
        self.company.transport_tariff_id = default
        self.client.specific_property_product_pricelist = own
        order = self._create_order(distance=100.0)
        self.assertEqual(order.pricelist_id, own)
        self.assertAlmostEqual(order.amount_untaxed, 80.0)
        other = self._create_order(partner=self.client_2, distance=100.0)
        self.assertEqual(other.pricelist_id, default)
        self.assertAlmostEqual(other.amount_untaxed, 100.0)
        self.assertEqual(self.client.transport_tariff_id, own)
        self.assertEqual(self.client_2.transport_tariff_id, default)
        # A contact of the client orders at the client's tariff.
        contact_order = self._create_order(partner=self.paris_warehouse, distance=100.0)
        self.assertEqual(contact_order.pricelist_id, own)

    def test_zone_matching_prefers_postcode_over_country(self):
        self.env["transport.zone"].create(
            {"name": "France", "country_id": self.france.id}
        )
        zones = self.env["transport.zone"]._match_partners(
            self.paris_warehouse | self.lyon_shop | self.berlin_site
        )
        self.assertEqual(zones[self.paris_warehouse], self.zone_paris)
        self.assertEqual(zones[self.lyon_shop], self.zone_lyon)
        self.assertEqual(zones[self.berlin_site], self.zone_germany)

    def test_bad_rules_are_refused(self):
        with self.assertRaisesRegex(
            ValidationError, "needs both a from zone and a to zone"
        ):
            self._create_tariff([("lane", 100.0)])
        with self.assertRaisesRegex(ValidationError, "ends before it starts"):
            self._create_tariff(
                [
                    {
                        "rule_type": "distance",
                        "rate": 1.0,
                        "date_start": date(2026, 5, 1),
                        "date_end": date(2026, 4, 1),
                    }
                ]
            )
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self._create_tariff([("distance", -1.0)])
            self.env.flush_all()

    def test_printable_tariff(self):
        tariff = self._create_tariff(
            [("distance", 1.25), ("adr", 15.0)], name="Acme 2026"
        )
        self.client.specific_property_product_pricelist = tariff
        action = self.client.with_context(discard_logo_check=True).action_print_tariff()
        self.assertEqual(action["report_name"], "transport_crm.report_transport_tariff")
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("transport_crm.report_transport_tariff", tariff.ids)[0]
            .decode()
        )
        self.assertIn("Acme 2026", html)
        self.assertIn("Per km", html)
        self.assertIn("15.0 %", html)
