import base64
from datetime import date, datetime

from odoo.fields import Command
from odoo.tests import new_test_user, tagged, warmup

from .common import TransportCrmAccountCase, TransportCrmCase


class TestInteractions(TransportCrmCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = new_test_user(
            cls.env,
            login="sales_manager",
            groups="transport_crm.group_transport_sales",
        )

    def test_log_interaction_from_the_client(self):
        action = self.client.action_log_interaction()
        self.assertEqual(action["res_model"], "transport.interaction")
        interaction = (
            self.env["transport.interaction"]
            .with_user(self.manager)
            .with_context(**action["context"])
            .create(
                {
                    "kind": "call_in",
                    "topic": "Rates for Q3",
                    "result": "Wants a per-pallet offer",
                    "next_step": "Send the offer",
                    "next_step_date": date(2026, 7, 1),
                }
            )
        )
        self.assertEqual(interaction.partner_id, self.client)
        self.assertEqual(interaction.user_id, self.manager)
        self.assertEqual(self.client.interaction_count, 1)
        activity = self.client.activity_ids
        self.assertEqual(activity.summary, "Send the offer")
        self.assertEqual(activity.date_deadline, date(2026, 7, 1))
        self.assertEqual(activity.user_id, self.manager)

    def test_contact_interaction_lands_on_the_client(self):
        interaction = self.env["transport.interaction"].create(
            {"partner_id": self.paris_warehouse.id, "topic": "Dock hours"}
        )
        self.assertEqual(interaction.partner_id, self.client)
        self.assertEqual(interaction.contact_id, self.paris_warehouse)

    def test_activity_done_logs_an_interaction(self):
        activity = self.client.activity_schedule(
            "transport_crm.mail_activity_type_client_call",
            summary="Follow up the tender",
            user_id=self.env.uid,
        )
        activity.action_feedback(feedback="Tender lost on price")
        interaction = self.client.interaction_ids
        self.assertEqual(interaction.kind, "call_out")
        self.assertEqual(interaction.topic, "Follow up the tender")
        self.assertEqual(interaction.result, "Tender lost on price")
        # An ordinary to-do does not.
        todo = self.client.activity_schedule(
            "mail.mail_activity_data_todo", user_id=self.env.uid
        )
        todo.action_feedback(feedback="done")
        self.assertEqual(len(self.client.interaction_ids), 1)


@tagged("post_install", "-at_install")
class TestTimeline(TransportCrmAccountCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tariff = cls._create_tariff([("distance", 1.0)])
        Interaction = cls.env["transport.interaction"]
        cls.call = Interaction.create(
            {
                "partner_id": cls.client.id,
                "kind": "call_out",
                "topic": "Intro call",
                "date": datetime(2026, 1, 5, 10, 0),
            }
        )
        cls.offer = cls._create_order(tariff=cls.tariff, distance=100.0)
        cls.offer.date_order = datetime(2026, 1, 6, 9, 0)
        cls.order = cls._create_order(tariff=cls.tariff, distance=200.0)
        cls.order.action_confirm()
        cls.order.date_order = datetime(2026, 1, 7, 9, 0)
        cls.trip = cls.env["transport.trip"].create(
            {
                "transport_order_ids": [Command.set(cls.order.ids)],
                "date_planned_departure": datetime(2026, 1, 8, 6, 0),
            }
        )
        cls.invoice = cls._invoice(cls.order, invoice_date=date(2026, 1, 9))
        cls.payment = cls._pay(cls.invoice, payment_date=date(2026, 1, 10))
        # Another client's events never show.
        Interaction.create({"partner_id": cls.client_2.id, "topic": "Not Acme"})

    def _timeline(self, domain=()):
        action = self.client.action_view_timeline()
        return self.env["transport.client.timeline"].search(
            action["domain"] + list(domain)
        )

    def test_timeline_newest_first_across_records(self):
        self.env.flush_all()
        rows = self._timeline()
        self.assertEqual(
            [(r.kind, r.res_model, r.res_id) for r in rows],
            [
                ("payment", "account.payment", self.payment.id),
                ("invoice", "account.move", self.invoice.id),
                ("trip", "transport.trip", self.trip.id),
                ("order", "sale.order", self.order.id),
                ("offer", "sale.order", self.offer.id),
                ("interaction", "transport.interaction", self.call.id),
            ],
        )
        self.assertAlmostEqual(rows[1].amount, 200.0)

    def test_timeline_filter_by_kind_and_open(self):
        self.env.flush_all()
        rows = self._timeline([("kind", "=", "interaction")])
        self.assertEqual(rows.mapped("name"), ["Intro call"])
        action = rows.action_open_record()
        self.assertEqual(
            (action["res_model"], action["res_id"]),
            ("transport.interaction", self.call.id),
        )

    @warmup
    def test_timeline_query_count(self):
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(4):
            self.env["transport.client.timeline"].search_read(
                [("partner_id", "=", self.client.id)],
                [
                    "date",
                    "kind",
                    "name",
                    "detail",
                    "state",
                    "amount",
                    "currency_id",
                    "user_id",
                ],
            )

    def test_documents_across_records(self):
        Attachment = self.env["ir.attachment"]
        files = Attachment.create(
            [
                {
                    "name": name,
                    "datas": base64.b64encode(b"x"),
                    "res_model": model,
                    "res_id": res_id,
                }
                for name, model, res_id in (
                    ("contract.pdf", "res.partner", self.client.id),
                    ("offer.pdf", "sale.order", self.offer.id),
                    ("toll.pdf", "transport.trip", self.trip.id),
                    ("invoice-scan.pdf", "account.move", self.invoice.id),
                    ("minutes.pdf", "transport.interaction", self.call.id),
                    ("other.pdf", "res.partner", self.client_2.id),
                )
            ]
        )
        action = self.client.action_view_documents()
        found = Attachment.search(action["domain"])
        self.assertEqual(found & files, files[:5])
