from datetime import date

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import warmup

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
        # Same bound for 2 or 200 changed members: one search per segment,
        # one read of the current sets, one insert/delete per segment.
        with self.assertQueryCount(12):
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
