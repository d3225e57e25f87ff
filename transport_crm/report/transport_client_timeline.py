from odoo import fields, models
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
]


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

    @property
    def _table_query(self):
        # One row per event; ids are unique per source (id * 8 + source number).
        # Each branch exposes the client column it is filtered on, so that a
        # client's timeline reads only that client's rows.
        return SQL(
            """
            SELECT i.id * 8 AS id, i.partner_id, i.date, 'interaction' AS kind,
                   i.topic AS name, i.result AS detail, i.kind AS state,
                   NULL::numeric AS amount, NULL::int AS currency_id,
                   i.user_id, i.company_id,
                   'transport.interaction' AS res_model, i.id AS res_id
              FROM transport_interaction i
            UNION ALL
            SELECT so.id * 8 + 1, p.commercial_partner_id, so.date_order,
                   CASE WHEN so.state = 'sale' THEN 'order' ELSE 'offer' END,
                   so.name, so.cargo_description, so.state,
                   so.amount_untaxed, so.currency_id, so.user_id, so.company_id,
                   'sale.order', so.id
              FROM sale_order so
              JOIN res_partner p ON p.id = so.partner_id
            UNION ALL
            SELECT t.id * 8 + 2, ts.partner_id,
                   COALESCE(t.date_departure, t.date_planned_departure),
                   'trip', t.name, concat_ws(' → ', t.origin, t.destination), t.state,
                   NULL, NULL, t.user_id, t.company_id, 'transport.trip', t.id
              FROM (SELECT DISTINCT rel.trip_id, p.commercial_partner_id AS partner_id
                      FROM transport_trip_sale_order_rel rel
                      JOIN sale_order so ON so.id = rel.order_id
                      JOIN res_partner p ON p.id = so.partner_id) ts
              JOIN transport_trip t ON t.id = ts.trip_id
            UNION ALL
            SELECT m.id * 8 + 3, m.commercial_partner_id, m.invoice_date::timestamp,
                   'invoice', m.name, m.move_type, m.payment_state,
                   m.amount_untaxed_signed, c.currency_id, m.invoice_user_id,
                   m.company_id, 'account.move', m.id
              FROM account_move m
              JOIN res_company c ON c.id = m.company_id
             WHERE m.move_type IN ('out_invoice', 'out_refund')
               AND m.state = 'posted'
            UNION ALL
            SELECT pay.id * 8 + 4, p.commercial_partner_id, pay.date::timestamp,
                   'payment', pay.name, pay.memo, pay.state,
                   pay.amount_company_currency_signed, c.currency_id, pay.create_uid,
                   pay.company_id, 'account.payment', pay.id
              FROM account_payment pay
              JOIN res_partner p ON p.id = pay.partner_id
              JOIN res_company c ON c.id = pay.company_id
             WHERE pay.payment_type = 'inbound'
               AND pay.state IN ('in_process', 'paid')
            UNION ALL
            SELECT tr.id * 8 + 5, p.commercial_partner_id, tr.sent_datetime,
                   'mailing', mm.subject, tr.trace_type, tr.trace_status,
                   NULL, NULL, mm.user_id, NULL, 'mailing.mailing', mm.id
              FROM mailing_trace tr
              JOIN mailing_mailing mm ON mm.id = tr.mass_mailing_id
              JOIN res_partner p ON p.id = tr.res_id
             WHERE tr.model = 'res.partner' AND tr.sent_datetime IS NOT NULL
            """
        )

    def action_open_record(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "view_mode": "form",
            "target": "current",
        }
