from datetime import date, datetime, timedelta

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo.exceptions import ValidationError
from odoo.tests import warmup
from odoo.tools import mute_logger

from .common import TransportCrmCase
from .marketing_common import TransportMarketingCase


class TestSegments(TransportMarketingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.prospect = Partner.create(
            {"name": "Prospect FR", "is_company": True, "country_id": cls.france.id}
        )
        cls.active_fr = Partner.create(
            {
                "name": "Active FR food",
                "is_company": True,
                "country_id": cls.france.id,
                "category_id": [cls.tag_food.id],
                "transport_last_order_date": date(2026, 5, 20),
                "transport_abc_revenue": "a",
            }
        )
        cls.dormant_de = Partner.create(
            {
                "name": "Dormant DE",
                "is_company": True,
                "country_id": cls.germany.id,
                "transport_last_order_date": date(2026, 1, 10),
                "transport_abc_revenue": "b",
            }
        )
        cls.lost_fr = Partner.create(
            {
                "name": "Lost FR food",
                "is_company": True,
                "country_id": cls.france.id,
                "category_id": [cls.tag_food.id],
                "transport_last_order_date": date(2024, 12, 1),
                "transport_abc_revenue": "c",
            }
        )
        cls.clients = cls.prospect | cls.active_fr | cls.dormant_de | cls.lost_fr
        cls.env["res.partner"].search(
            [("id", "not in", cls.clients.ids), ("is_company", "=", True)]
        ).write({"transport_last_order_date": False})

    def _segment(self, domain, **vals):
        return self.env["transport.segment"].create(
            {"name": "Segment", "kind": "rule", "rule_domain": repr(domain), **vals}
        )

    def _members(self, segment):
        return segment.partner_ids & self.clients

    @freeze_time("2026-06-01")
    def test_lifecycle_status(self):
        self.env["res.partner"]._transport_update_marketing_facts()
        self.assertEqual(self.prospect.transport_lifecycle, "prospect")
        self.assertEqual(self.active_fr.transport_lifecycle, "active")
        self.assertEqual(self.dormant_de.transport_lifecycle, "dormant")
        self.assertEqual(self.lost_fr.transport_lifecycle, "lost")
        with freeze_time("2026-10-01"):
            self.env["res.partner"]._transport_update_marketing_facts()
        self.assertEqual(self.active_fr.transport_lifecycle, "dormant")

    @freeze_time("2026-06-01")
    def test_rule_membership_matches_hand_computed_sets(self):
        self.env["res.partner"]._transport_update_marketing_facts()
        cases = [
            (
                [("transport_lifecycle", "in", ["dormant", "lost"])],
                self.dormant_de | self.lost_fr,
            ),
            (
                [
                    ("country_id", "=", self.france.id),
                    ("category_id", "in", self.tag_food.ids),
                ],
                self.active_fr | self.lost_fr,
            ),
            (
                [("transport_abc_revenue", "in", ["a", "b"])],
                self.active_fr | self.dormant_de,
            ),
            (
                [
                    "|",
                    ("transport_lifecycle", "=", "prospect"),
                    ("country_id", "=", self.germany.id),
                ],
                self.prospect | self.dormant_de,
            ),
        ]
        for domain, expected in cases:
            with self.subTest(domain=domain):
                segment = self._segment(domain)
                segment.action_refresh()
                self.assertEqual(self._members(segment), expected)
                self.assertTrue(segment.last_refresh)
                hand = self.clients.filtered_domain(domain)
                self.assertEqual(self._members(segment), hand)

    @freeze_time("2026-06-01")
    def test_relative_dates_from_domain_editor(self):
        segment = self._segment([])
        segment.rule_domain = (
            "[('transport_last_order_date', '<', "
            "(context_today() - relativedelta(days=90)).strftime('%Y-%m-%d')),"
            f" ('id', 'in', {self.clients.ids})]"
        )
        segment.action_refresh()
        self.assertEqual(segment.partner_ids, self.dormant_de | self.lost_fr)

    def test_refresh_writes_only_the_difference(self):
        segment = self._segment([("country_id", "=", self.france.id)])
        segment.action_refresh()
        self.assertIn(self.active_fr, segment.partner_ids)
        self.active_fr.country_id = self.germany
        self.dormant_de.country_id = self.france
        segment.action_refresh()
        self.assertNotIn(self.active_fr, segment.partner_ids)
        self.assertIn(self.dormant_de, segment.partner_ids)
        self.assertEqual(segment.member_count, len(segment.partner_ids))
        self.assertIn(segment, self.dormant_de.transport_segment_ids)

    def test_manual_segment_is_left_alone(self):
        segment = self.env["transport.segment"].create(
            {
                "name": "Key accounts",
                "kind": "manual",
                "partner_ids": [self.prospect.id],
            }
        )
        segment.action_refresh()
        self.assertEqual(segment.partner_ids, self.prospect)
        self.assertFalse(segment.last_refresh)

    def test_bad_rules_are_refused(self):
        with self.assertRaisesRegex(ValidationError, "cannot be applied"):
            self._segment([("no_such_field", "=", 1)])
        with self.assertRaisesRegex(ValidationError, "not a valid filter"):
            self._segment([]).rule_domain = "[('name', '=', __import__('os'))]"
        with self.assertRaisesRegex(ValidationError, "must be a list"):
            self._segment([]).rule_domain = "42"

    @warmup
    def test_refresh_query_count_is_bounded(self):
        Partner = self.env["res.partner"]
        Partner.create(
            [
                {"name": f"Bulk {i}", "is_company": True, "country_id": self.france.id}
                for i in range(60)
            ]
        )
        segments = self._segment([("country_id", "=", self.france.id)]) | self._segment(
            [("country_id", "=", self.germany.id)]
        )
        segments.action_refresh()
        Partner.create(
            [
                {"name": f"New {i}", "is_company": True, "country_id": self.germany.id}
                for i in range(30)
            ]
        )
        self.env.flush_all()
        self.env.invalidate_all()
        # Same bound for 2 or 200 changed members: one write of the refresh
        # dates, then one statement per segment adding and removing members.
        with self.assertQueryCount(3):
            segments._refresh_membership()
            self.env.flush_all()
        self.assertEqual(
            segments[1].member_count,
            Partner.search_count([("country_id", "=", self.germany.id)]),
        )

    def test_mailing_targets_segments_and_selected_clients(self):
        segment = self.env["transport.segment"].create(
            {"name": "Hand", "kind": "manual", "partner_ids": [self.active_fr.id]}
        )
        mailing = self._create_mailing(
            transport_segment_ids=[segment.id], transport_partner_ids=[self.prospect.id]
        )
        recipients = self.env["res.partner"].browse(mailing._get_recipients())
        self.assertEqual(recipients, self.active_fr | self.prospect)
        mailing.transport_partner_ids = False
        self.assertEqual(mailing._get_recipients(), self.active_fr.ids)


class TestSegmentFacts(TransportCrmCase):
    """Rules on the orders of the last N days, N set per segment, and on the
    cargo types shipped."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        tariff = cls._create_tariff([("distance", 1.0)])
        CargoType = cls.env["transport.cargo.type"]
        cls.chilled = CargoType.create({"name": "Chilled test cargo"})
        cls.steel = CargoType.create({"name": "Steel test cargo"})
        Partner = cls.env["res.partner"]
        cls.recent, cls.steady, cls.old, cls.never = Partner.create(
            [
                {"name": "Recent Foods", "is_company": True},
                {"name": "Steady Steel", "is_company": True},
                {"name": "Old Glass", "is_company": True},
                {"name": "Never Ordered", "is_company": True},
            ]
        )
        cls.clients = cls.recent | cls.steady | cls.old | cls.never
        recent_contact = Partner.create(
            {"name": "Recent buyer", "parent_id": cls.recent.id}
        )
        # (client, days before 2026-06-01, tonnes, cargo type)
        for partner, days_ago, weight, cargo_type in (
            (recent_contact, 5, 5.0, cls.chilled),
            (cls.recent, 20, 7.0, cls.chilled),
            (cls.steady, 10, 2.0, cls.steel),
            (cls.steady, 100, 20.0, cls.steel),
            (cls.steady, 200, 20.0, cls.steel),
            (cls.old, 200, 3.0, cls.chilled),
            (cls.old, 400, 30.0, cls.steel),
        ):
            order = cls._create_order(
                partner=partner,
                tariff=tariff,
                distance=100.0,
                cargo_weight=weight,
                cargo_type_id=cargo_type.id,
            )
            order.action_confirm()
            order.date_order = datetime(2026, 6, 1, 9, 0) - timedelta(days=days_ago)
        # A quotation counts for nothing.
        cls._create_order(partner=cls.never, tariff=tariff, distance=10.0)

    def _segment(self, domain, **vals):
        return self.env["transport.segment"].create(
            {"name": "Facts", "kind": "rule", "rule_domain": repr(domain), **vals}
        )

    def _members(self, domain, days):
        segment = self._segment(domain, fact_days=days)
        segment.action_refresh()
        return segment.partner_ids & self.clients

    @freeze_time("2026-06-01 12:00:00")
    def test_order_facts_over_the_segment_period(self):
        """Hand-computed members for the same rule over 30 and 365 days."""
        cases = [
            # Orders in the last 30 days: recent 2, steady 1; in 365: steady 3,
            # old 1 (its 400-day-old order is out).
            ([("transport_order_count_period", ">=", 2)], 30, self.recent),
            (
                [("transport_order_count_period", ">=", 2)],
                365,
                self.recent | self.steady,
            ),
            # No order in the period: clients without orders match too.
            (
                [("transport_order_count_period", "=", 0)],
                30,
                self.old | self.never,
            ),
            ([("transport_order_count_period", "=", 0)], 365, self.never),
            (
                [("transport_order_count_period", "<", 2)],
                365,
                self.old | self.never,
            ),
            # Tonnage: recent 12 t (30 or 365 days), steady 2 t / 42 t, old 3 t.
            ([("transport_tonnage_period", ">", 10)], 30, self.recent),
            (
                [("transport_tonnage_period", ">", 10)],
                365,
                self.recent | self.steady,
            ),
            (
                [("transport_tonnage_period", "not in", [0])],
                30,
                self.recent | self.steady,
            ),
            # Nothing is invoiced: no revenue or profit anywhere.
            ([("transport_revenue_period", ">", 0)], 365, self.env["res.partner"]),
            ([("transport_profit_period", "<=", 0)], 365, self.clients),
        ]
        for domain, days, expected in cases:
            with self.subTest(domain=domain, days=days):
                self.assertEqual(self._members(domain, days), expected)
                # The facts shown on the client agree with the rule.
                hand = self.clients.with_context(
                    transport_fact_days=days
                ).filtered_domain(domain)
                self.assertEqual(hand, expected)

    @freeze_time("2026-06-01 12:00:00")
    def test_cargo_types_shipped(self):
        cases = [
            ([("transport_cargo_type_ids", "in", self.chilled.ids)], 30, self.recent),
            (
                [("transport_cargo_type_ids", "in", self.chilled.ids)],
                365,
                self.recent | self.old,
            ),
            (
                [("transport_cargo_type_ids.name", "ilike", "steel test")],
                365,
                self.steady,
            ),
            (
                [("transport_cargo_type_ids.name", "ilike", "steel test")],
                500,
                self.steady | self.old,
            ),
            (
                [("transport_cargo_type_ids", "not in", self.steel.ids)],
                365,
                self.recent | self.old | self.never,
            ),
            (
                [("transport_cargo_type_ids", "=", False)],
                30,
                self.old | self.never,
            ),
        ]
        for domain, days, expected in cases:
            with self.subTest(domain=domain, days=days):
                self.assertEqual(self._members(domain, days), expected)
        self.assertEqual(
            self.old.with_context(transport_fact_days=500).transport_cargo_type_ids,
            self.chilled | self.steel,
        )
        self.assertEqual(self.old.transport_cargo_type_ids, self.chilled)
        self.assertEqual(self.steady.transport_order_count_period, 3)

    def test_period_must_be_positive(self):
        with self.assertRaisesRegex(IntegrityError, "fact_days_positive"):
            with mute_logger("odoo.sql_db"):
                self._segment([], fact_days=0)
                self.env.flush_all()

    @freeze_time("2026-06-01 12:00:00")
    @warmup
    def test_refresh_query_count_with_a_period(self):
        """A 30-day rule on facts costs the same queries as any other rule."""
        segments = self._segment(
            [("transport_order_count_period", ">=", 1)]
        ) | self._segment([("transport_cargo_type_ids", "in", self.chilled.ids)])
        segments.action_refresh()
        self.assertEqual(
            segments[0].partner_ids & self.clients,
            self.recent | self.steady | self.old,
        )
        self.assertEqual(segments[1].partner_ids & self.clients, self.recent | self.old)
        segments.fact_days = 30
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(3):
            segments._refresh_membership()
            self.env.flush_all()
        self.assertEqual(
            segments[0].partner_ids & self.clients, self.recent | self.steady
        )
        self.assertEqual(segments[1].partner_ids & self.clients, self.recent)
