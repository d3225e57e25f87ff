import base64
from datetime import date, datetime

from odoo.fields import Command
from odoo.tests import new_test_user, tagged, warmup
from odoo.tools import SQL

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
        with self.assertQueryCount(3):
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

    @warmup
    def test_timeline_page_and_length_in_one_query(self):
        """The web client's page comes with the client's event count from one
        evaluation of the view: the rows and the length a search and a
        search_count give, the length capped by count_limit as core's."""
        self.env.flush_all()
        Timeline = self.env["transport.client.timeline"]
        domain = [("partner_id", "=", self.client.id)]
        expected = Timeline.search(domain, limit=2)
        total = Timeline.search_count(domain)
        self.assertEqual(total, 6)
        self.env.invalidate_all()
        # one query over the view (the record rules' own lookup aside)
        with self.assertQueryCount(2):
            page = Timeline.web_search_read(
                domain, {"date": {}, "kind": {}, "name": {}}, limit=2
            )
        self.assertEqual([row["id"] for row in page["records"]], expected.ids)
        self.assertEqual(
            [row["kind"] for row in page["records"]], expected.mapped("kind")
        )
        self.assertEqual(page["length"], total)
        page = Timeline.web_search_read(domain, {"date": {}}, limit=2, count_limit=3)
        self.assertEqual(page["length"], 3)
        page = Timeline.web_search_read(domain, {"date": {}}, offset=4, limit=2)
        self.assertEqual(len(page["records"]), 2)
        self.assertEqual(page["length"], total)
        page = Timeline.web_search_read(domain, {"date": {}}, offset=6, limit=2)
        self.assertEqual(page, {"length": 0, "records": []})

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

    def _create_waybill(self, trip):
        """A waybill of ``trip`` as transport_stock compiles it (internal
        picking of the company's warehouse)."""
        company = self.env.company
        warehouse = self.env["stock.warehouse"].search(
            [("company_id", "=", company.id)], limit=1
        ) or self.env["stock.warehouse"].create(
            {"name": "Timeline depot", "code": "TLD", "company_id": company.id}
        )
        picking_type = warehouse.int_type_id
        return self.env["stock.picking"].create(
            {
                "picking_type_id": picking_type.id,
                "location_id": picking_type.default_location_src_id.id,
                "location_dest_id": picking_type.default_location_dest_id.id,
                "transport_trip_id": trip.id,
                "scheduled_date": datetime(2026, 1, 8, 5, 0),
            }
        )

    def test_waybills_join_the_timeline_with_transport_stock(self):
        """Waybills show as soon as transport_stock links them to trips,
        whatever the order the addons were installed in; without it the
        timeline has no waybill branch (and no error)."""
        Timeline = self.env["transport.client.timeline"]
        module = self.env["ir.module.module"]._get("transport_stock")
        # Not a skip: with transport_stock installed the branch must be there.
        self.assertEqual(Timeline._has_waybills(), module.state == "installed")
        self.assertEqual(
            "stock_picking" in Timeline._table_query.code, Timeline._has_waybills()
        )
        if not Timeline._has_waybills():
            self.env.flush_all()
            self.assertFalse(self._timeline([("kind", "=", "waybill")]))
            return
        waybill = self._create_waybill(self.trip)
        self._create_waybill(self.trip).action_cancel()
        other_trip = self.env["transport.trip"].create({})
        self._create_waybill(other_trip)
        self.env.flush_all()
        rows = self._timeline([("kind", "=", "waybill")])
        self.assertEqual(
            [(r.res_model, r.res_id, r.name, r.state) for r in rows],
            [("stock.picking", waybill.id, waybill.name, "draft")],
        )
        self.assertEqual(rows.date, datetime(2026, 1, 8, 5, 0))
        self.assertIn(" → ", rows.detail)
        # Newest first among the other events: issued before the departure,
        # after the order.
        kinds = self._timeline().mapped("kind")
        self.assertEqual(kinds.index("waybill"), kinds.index("trip") + 1)
        self.assertEqual(kinds.index("waybill"), kinds.index("order") - 1)
        action = self.client.action_view_documents()
        scan = self.env["ir.attachment"].create(
            {
                "name": "fuel-receipt.pdf",
                "datas": base64.b64encode(b"x"),
                "res_model": "stock.picking",
                "res_id": waybill.id,
            }
        )
        action = self.client.action_view_documents()
        self.assertIn(scan, self.env["ir.attachment"].search(action["domain"]))
        self.assertNotIn(
            scan,
            self.env["ir.attachment"].search(
                self.client_2.action_view_documents()["domain"]
            ),
        )

    def test_shared_trip_has_one_row_per_client(self):
        """A trip carrying the orders of two clients is in both timelines,
        as two rows with their own ids."""
        order_2 = self._create_order(
            partner=self.client_2, tariff=self.tariff, distance=50.0
        )
        order_2.action_confirm()
        self.trip.transport_order_ids = [Command.link(order_2.id)]
        shared = [("transport.trip", self.trip.id)]
        if self.env["transport.client.timeline"]._has_waybills():
            shared.append(("stock.picking", self._create_waybill(self.trip).id))
        self.env.flush_all()
        Timeline = self.env["transport.client.timeline"]
        for res_model, res_id in shared:
            rows = Timeline.search(
                [("res_model", "=", res_model), ("res_id", "=", res_id)]
            )
            self.assertEqual(len(rows), 2)
            self.assertEqual(len(set(rows.ids)), 2)
            self.assertEqual(rows.partner_id, self.client | self.client_2)
            # Each id reads back its own row (the web client reads by id).
            for row in rows:
                found = Timeline.search([("id", "=", row.id)])
                self.assertEqual(found.partner_id, row.partner_id)
        every_id = Timeline.search([]).ids
        self.assertEqual(len(every_id), len(set(every_id)))

    def test_timeline_plan_uses_indexes(self):
        """The client filter reaches every branch: with sequential scans
        priced out, the plan of a client's timeline scans no table whole."""
        self.env.flush_all()
        query = self.env["transport.client.timeline"]._search(
            [("partner_id", "=", self.client.id)]
        )
        self.env.cr.execute("SET LOCAL enable_seqscan = off")
        try:
            plan = self.env.execute_query(SQL("EXPLAIN %s", query.select()))
        finally:
            self.env.cr.execute("SET LOCAL enable_seqscan = on")
        plan = "\n".join(line for (line,) in plan)
        self.assertNotIn("Seq Scan", plan)
