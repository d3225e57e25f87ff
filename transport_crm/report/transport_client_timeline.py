from odoo import api, fields, models
from odoo.tools import SQL
from odoo.tools.sql import create_index, make_index_name

TIMELINE_KINDS = [
    ("interaction", "Interaction"),
    ("offer", "Offer"),
    ("order", "Order"),
    ("trip", "Trip"),
    ("invoice", "Invoice"),
    ("payment", "Payment"),
    ("mailing", "Mailing"),
    ("waybill", "Waybill"),
]
# Source numbers: the last digits (base 8) of a row's id.
SOURCES = {kind: number for number, (kind, _label) in enumerate(TIMELINE_KINDS)}


class TransportClientTimeline(models.Model):
    _name = "transport.client.timeline"
    _description = "Client timeline"
    _auto = False
    _order = "date desc, id desc"
    _rec_name = "name"

    partner_id = fields.Many2one("res.partner", string="Client", readonly=True)
    date = fields.Datetime(readonly=True)
    kind = fields.Selection(TIMELINE_KINDS, readonly=True)
    name = fields.Char(string="Subject", readonly=True)
    detail = fields.Char(readonly=True)
    state = fields.Char(readonly=True)
    amount = fields.Monetary(currency_field="currency_id", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    user_id = fields.Many2one("res.users", string="By", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    res_model = fields.Char(readonly=True)
    res_id = fields.Integer(readonly=True)

    def init(self):
        # The client filter reaches every branch of the view (through the
        # client's contacts where a source points at them): index the columns
        # it goes through that core leaves unindexed.
        for table, column, where in (
            ("account_move", "commercial_partner_id", ""),
            ("account_payment", "partner_id", ""),
            ("mailing_trace", "res_id", "model = 'res.partner'"),
        ):
            create_index(
                self.env.cr,
                make_index_name(table, f"{column}_transport_timeline"),
                table,
                [column],
                where=where,
            )

    @api.model
    def _has_waybills(self):
        """Whether waybills (transport_stock's pickings) point at trips: the
        timeline and the documents list then include them. Neither addon
        depends on the other; this holds as soon as both are installed."""
        return (
            "stock.picking" in self.env
            and "transport_trip_id" in self.env["stock.picking"]._fields
        )

    @api.model
    def _row_id_sql(self, kind, record_id, client_id):
        """A row id unique per (source, record, client): a trip shared by two
        clients is one row in each client's timeline, with its own id.

        Szudzik's pairing of the record and the client ids (below 2**24 each
        it stays under 2**48), times 8, plus the source number: under 2**51,
        an exact number for the web client."""
        client_id = SQL("coalesce(%s, 0)::bigint", client_id)
        record_id = SQL("(%s)::bigint", record_id)
        return SQL(
            "(CASE WHEN %(r)s >= %(c)s THEN %(r)s * %(r)s + %(r)s + %(c)s"
            " ELSE %(c)s * %(c)s + %(r)s END) * 8 + %(source)s",
            r=record_id,
            c=client_id,
            source=SOURCES[kind],
        )

    @api.model
    def _trip_clients_sql(self):
        """(trip_id, partner_id): each client with an order on each trip."""
        return SQL(
            """
            SELECT DISTINCT rel.trip_id, p.commercial_partner_id AS partner_id
              FROM transport_trip_sale_order_rel rel
              JOIN sale_order so ON so.id = rel.order_id
              JOIN res_partner p ON p.id = so.partner_id
            """
        )

    @api.model
    def _waybill_sql(self):
        """Waybills of the client's trips (draft to done, not cancelled)."""
        return SQL(
            """
            SELECT %(id)s, ts.partner_id, COALESCE(sp.date_done, sp.scheduled_date),
                   'waybill', sp.name,
                   concat_ws(' → ', src.complete_name, dst.complete_name), sp.state,
                   NULL, NULL, sp.user_id, sp.company_id, 'stock.picking', sp.id
              FROM (%(trip_clients)s) ts
              JOIN stock_picking sp ON sp.transport_trip_id = ts.trip_id
              LEFT JOIN stock_location src ON src.id = sp.location_id
              LEFT JOIN stock_location dst ON dst.id = sp.location_dest_id
             WHERE sp.state != 'cancel'
            """,
            id=self._row_id_sql("waybill", SQL("sp.id"), SQL("ts.partner_id")),
            trip_clients=self._trip_clients_sql(),
        )

    @property
    def _table_query(self):
        # One row per event and client. Each branch exposes the client column
        # it is filtered on, so that a client's timeline reads only that
        # client's rows, through indexes (see test_timeline_plan_uses_indexes).
        # Tables joined only for labels are LEFT JOINed on their keys (every
        # row has one): PostgreSQL skips them when counting the events.
        row_id = self._row_id_sql
        branches = [
            SQL(
                """
            SELECT %s AS id, i.partner_id, i.date, 'interaction' AS kind,
                   i.topic AS name, i.result AS detail, i.kind AS state,
                   NULL::numeric AS amount, NULL::int AS currency_id,
                   i.user_id, i.company_id,
                   'transport.interaction' AS res_model, i.id AS res_id
              FROM transport_interaction i
                """,
                row_id("interaction", SQL("i.id"), SQL("i.partner_id")),
            ),
            SQL(
                """
            SELECT %s, p.commercial_partner_id, so.date_order,
                   CASE WHEN so.state = 'sale' THEN 'order' ELSE 'offer' END,
                   so.name, so.cargo_description, so.state,
                   so.amount_untaxed, so.currency_id, so.user_id, so.company_id,
                   'sale.order', so.id
              FROM sale_order so
              JOIN res_partner p ON p.id = so.partner_id
                """,
                # Offers and orders are one source: an order was an offer.
                row_id("order", SQL("so.id"), SQL("p.commercial_partner_id")),
            ),
            SQL(
                """
            SELECT %s, ts.partner_id,
                   COALESCE(t.date_departure, t.date_planned_departure),
                   'trip', t.name, concat_ws(' → ', t.origin, t.destination), t.state,
                   NULL, NULL, t.user_id, t.company_id, 'transport.trip', t.id
              FROM (%s) ts
              LEFT JOIN transport_trip t ON t.id = ts.trip_id
                """,
                row_id("trip", SQL("t.id"), SQL("ts.partner_id")),
                self._trip_clients_sql(),
            ),
            SQL(
                """
            SELECT %s, m.commercial_partner_id, m.invoice_date::timestamp,
                   'invoice', m.name, m.move_type, m.payment_state,
                   m.amount_untaxed_signed, c.currency_id, m.invoice_user_id,
                   m.company_id, 'account.move', m.id
              FROM account_move m
              LEFT JOIN res_company c ON c.id = m.company_id
             WHERE m.move_type IN ('out_invoice', 'out_refund')
               AND m.state = 'posted'
                """,
                row_id("invoice", SQL("m.id"), SQL("m.commercial_partner_id")),
            ),
            SQL(
                """
            SELECT %s, p.commercial_partner_id, pay.date::timestamp,
                   'payment', pay.name, pay.memo, pay.state,
                   pay.amount_company_currency_signed, c.currency_id, pay.create_uid,
                   pay.company_id, 'account.payment', pay.id
              FROM account_payment pay
              JOIN res_partner p ON p.id = pay.partner_id
              LEFT JOIN res_company c ON c.id = pay.company_id
             WHERE pay.payment_type = 'inbound'
               AND pay.state IN ('in_process', 'paid')
                """,
                row_id("payment", SQL("pay.id"), SQL("p.commercial_partner_id")),
            ),
            SQL(
                """
            SELECT %s, p.commercial_partner_id, tr.sent_datetime,
                   'mailing', mm.subject, tr.trace_type, tr.trace_status,
                   NULL, NULL, mm.user_id, NULL, 'mailing.mailing', mm.id
              FROM mailing_trace tr
              JOIN mailing_mailing mm ON mm.id = tr.mass_mailing_id
              JOIN res_partner p ON p.id = tr.res_id
             WHERE tr.model = 'res.partner' AND tr.sent_datetime IS NOT NULL
                """,
                row_id("mailing", SQL("tr.id"), SQL("p.commercial_partner_id")),
            ),
        ]
        if self._has_waybills():
            branches.append(self._waybill_sql())
        return SQL(" UNION ALL ").join(branches)

    @api.model
    @api.readonly
    def web_search_read(
        self, domain, specification, offset=0, limit=None, order=None, count_limit=None
    ):
        """A page of the timeline and the number of events from one evaluation
        of the view (a window count over the page's query), instead of a
        second evaluation to count them: the view unites every source."""
        query = self._search(
            domain, offset=offset, limit=limit, order=order or self._order
        )
        fields_to_fetch = [
            field
            for field in self._determine_fields_to_fetch(specification.keys())
            if field.column_type
        ]
        if not limit or query.is_empty():
            return super().web_search_read(
                domain, specification, offset, limit, order, count_limit
            )
        rows = self.env.execute_query(
            query.select(
                SQL.identifier(self._table, "id"),
                SQL("count(*) OVER ()"),
                *(
                    self._field_to_sql(self._table, field.name, query)
                    for field in fields_to_fetch
                ),
            )
        )
        if not rows:
            return {"length": 0, "records": []}
        ids, counts, *columns = zip(*rows, strict=True)
        records = self.browse(ids)
        for field, values in zip(fields_to_fetch, columns, strict=True):
            field._insert_cache(records, values)
        # the length core's search_count(limit=count_limit) would give
        length = counts[0]
        if count_limit:
            length = min(length, max(count_limit, len(ids) + offset))
        return {"length": length, "records": records.web_read(specification)}

    def action_open_record(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "view_mode": "form",
            "target": "current",
        }
