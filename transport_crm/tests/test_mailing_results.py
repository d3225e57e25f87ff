from datetime import datetime, timedelta

from odoo.tools import SQL

from .marketing_common import TransportMarketingCase

SENT = datetime(2026, 3, 2, 9, 0)


class TestMailingResults(TransportMarketingCase):
    """Responses, orders, revenue and profit of the recipients within the
    attribution window are credited to the mailing."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.client = Partner.create({"name": "Acme Foods", "is_company": True})
        cls.contact = Partner.create(
            {"name": "Ann Buyer", "parent_id": cls.client.id, "email": "ann@acme.test"}
        )
        cls.client_2 = Partner.create(
            {"name": "Beta Steel", "is_company": True, "email": "info@beta.test"}
        )
        cls.outsider = Partner.create({"name": "Not mailed", "is_company": True})
        cls.mailing = cls._create_mailing(
            subject="Spring offer", transport_attribution_days=14
        )
        cls.mailing.write({"state": "done", "sent_date": SENT})
        cls._create_trace(
            cls.mailing,
            cls.contact,
            SENT,
            status="open",
            open_datetime=SENT + timedelta(hours=2),
            links_click_datetime=SENT + timedelta(hours=3),
        )
        cls._create_trace(
            cls.mailing,
            cls.client_2,
            SENT,
            status="reply",
            reply_datetime=SENT + timedelta(days=1),
        )
        cls._create_trace(
            cls.mailing,
            cls.outsider,
            False,
            status="cancel",
            failure_type="mail_optout",
        )
        Interaction = cls.env["transport.interaction"]
        for partner, days, kind in [
            (cls.client, 2, "call_in"),  # counted
            (cls.client, 3, "call_out"),  # our own call: not a response
            (cls.client, -1, "call_in"),  # before the mailing
            (cls.client, 16, "call_in"),  # after the 14-day window
            (cls.client_2, 5, "email"),  # counted
            (cls.outsider, 2, "call_in"),  # not a recipient
        ]:
            Interaction.create(
                {
                    "partner_id": partner.id,
                    "kind": kind,
                    "topic": "Answer",
                    "date": SENT + timedelta(days=days),
                }
            )
        lead = cls.env["crm.lead"].create(
            {"name": "Request", "partner_id": cls.contact.id}
        )
        cls.env.flush_all()
        cls.env.execute_query(
            SQL(
                "UPDATE crm_lead SET create_date = %s WHERE id = %s",
                SENT + timedelta(days=4),
                lead.id,
            )
        )
        cls.orders = {}
        for key, partner, days, state, revenue, profit in [
            ("in", cls.contact, 7, "sale", 1000.0, 300.0),
            ("in_2", cls.client_2, 13, "sale", 500.0, -50.0),
            ("late", cls.client, 15, "sale", 800.0, 200.0),
            ("draft", cls.client, 5, "draft", 900.0, 100.0),
            ("outsider", cls.outsider, 3, "sale", 700.0, 70.0),
        ]:
            order = cls.env["sale.order"].create(
                {"partner_id": partner.id, "is_transport": True}
            )
            cls.env.flush_all()
            cls.env.execute_query(
                SQL(
                    "UPDATE sale_order SET state = %s, date_order = %s, "
                    "transport_revenue = %s, transport_profit = %s WHERE id = %s",
                    state,
                    SENT + timedelta(days=days),
                    revenue,
                    profit,
                    order.id,
                )
            )
            cls.orders[key] = order
        cls.env.invalidate_all()

    def _report(self):
        return self.env["transport.mailing.result.report"].search(
            [("mailing_id", "=", self.mailing.id)]
        )

    def test_attribution_within_the_window(self):
        row = self._report()
        self.assertEqual(row.recipient_count, 2)
        self.assertEqual(row.delivered_count, 2)
        self.assertEqual(row.opened_count, 2)
        self.assertEqual(row.clicked_count, 1)
        self.assertEqual(row.replied_count, 1)
        self.assertEqual(row.refused_count, 1)
        # call_in of Acme on day 2, email of Beta on day 5, lead of Ann on day 4
        self.assertEqual(row.response_count, 3)
        self.assertEqual(row.order_count, 2)
        self.assertAlmostEqual(row.order_revenue, 1500.0)
        self.assertAlmostEqual(row.order_profit, 250.0)
        self.assertEqual(self.mailing.transport_order_count, 2)
        self.assertAlmostEqual(self.mailing.transport_order_profit, 250.0)
        self.assertEqual(self.mailing.transport_response_count, 3)
        orders = self.env["sale.order"].search(
            self.mailing.action_view_transport_orders()["domain"]
        )
        self.assertEqual(orders, self.orders["in"] | self.orders["in_2"])

    def test_wider_window_credits_later_orders(self):
        self.mailing.transport_attribution_days = 20
        self.env.flush_all()
        row = self._report()
        self.assertEqual(row.order_count, 3)
        self.assertAlmostEqual(row.order_revenue, 2300.0)
        self.assertAlmostEqual(row.order_profit, 450.0)
        self.assertEqual(row.response_count, 4)

    def test_results_per_period(self):
        groups = self.env["transport.mailing.result.report"]._read_group(
            [("mailing_id", "=", self.mailing.id)],
            ["date:month"],
            ["order_profit:sum", "recipient_count:sum"],
        )
        self.assertEqual(groups[0][1:], (250.0, 2))

    def test_archive_is_searchable_by_client_segment_and_occasion(self):
        segment = self.env["transport.segment"].create(
            {"name": "Mailed", "kind": "manual", "partner_ids": [self.client_2.id]}
        )
        self.mailing.write(
            {"transport_occasion": "promotion", "transport_segment_ids": [segment.id]}
        )
        Trace = self.env["mailing.trace"]
        by_client = Trace.search(self.client.action_view_marketing_traces()["domain"])
        self.assertEqual(by_client.mapped("res_id"), self.contact.ids)
        self.assertEqual(
            len(Trace.search([("transport_partner_id", "ilike", "Beta Steel")])), 1
        )
        self.assertEqual(
            len(Trace.search([("transport_segment_ids", "in", segment.ids)])), 3
        )
        self.assertEqual(
            len(Trace.search([("transport_occasion", "=", "promotion")])), 3
        )
