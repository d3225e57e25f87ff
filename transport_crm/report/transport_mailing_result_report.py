from odoo import fields, models
from odoo.tools import SQL

from ..models.transport_mailing_template import OCCASIONS

# Interactions that are a client's answer (not our own outgoing calls).
RESPONSE_KINDS = ("call_in", "meeting", "email", "message", "visit")


def recipient_window_sql():
    """One row per mailing and client company reached: when the first message
    went out and when its attribution window closes."""
    return SQL(
        """
        SELECT tr.mass_mailing_id AS mailing_id,
               p.commercial_partner_id AS client_id,
               MIN(COALESCE(tr.sent_datetime, tr.create_date)) AS sent_at,
               MIN(COALESCE(tr.sent_datetime, tr.create_date))
                 + make_interval(days => MAX(mm.transport_attribution_days))
                 AS until_at
          FROM mailing_trace tr
          JOIN mailing_mailing mm ON mm.id = tr.mass_mailing_id
          JOIN res_partner p ON p.id = tr.res_id
         WHERE tr.model = 'res.partner'
           AND tr.trace_status NOT IN ('cancel', 'error', 'bounce')
         GROUP BY tr.mass_mailing_id, p.commercial_partner_id
        """
    )


class TransportMailingResultReport(models.Model):
    _name = "transport.mailing.result.report"
    _description = "Mailing results"
    _auto = False
    _order = "date desc, id desc"
    _rec_name = "mailing_id"

    mailing_id = fields.Many2one("mailing.mailing", readonly=True)
    date = fields.Datetime(string="Sent on", readonly=True)
    mailing_type = fields.Selection(
        [("mail", "Email"), ("sms", "SMS")], string="Channel", readonly=True
    )
    occasion = fields.Selection(OCCASIONS, readonly=True)
    campaign_id = fields.Many2one("utm.campaign", readonly=True)
    user_id = fields.Many2one("res.users", string="Responsible", readonly=True)
    recipient_count = fields.Integer(string="Recipients", readonly=True)
    delivered_count = fields.Integer(string="Delivered", readonly=True)
    failed_count = fields.Integer(
        string="Failed (permanent)",
        readonly=True,
        help="Refused for good by the mail server or the SMS provider, or given "
        "up after the last delivery attempt.",
    )
    retrying_count = fields.Integer(
        string="Retrying",
        readonly=True,
        help="Refused for the time being: waiting for their next delivery attempt.",
    )
    waiting_count = fields.Integer(
        string="In progress",
        readonly=True,
        help="Queued or handed to the SMS provider, not delivered yet.",
    )
    opened_count = fields.Integer(string="Opened", readonly=True)
    clicked_count = fields.Integer(string="Clicked", readonly=True)
    replied_count = fields.Integer(string="Replied", readonly=True)
    refused_count = fields.Integer(
        string="Excluded", readonly=True, help="Refusals, blocklist, duplicates."
    )
    response_count = fields.Integer(
        string="Responses",
        readonly=True,
        help="Incoming calls, messages, meetings and new leads of the recipients "
        "within the attribution window.",
    )
    order_count = fields.Integer(string="Orders", readonly=True)
    order_revenue = fields.Float(string="Revenue", readonly=True)
    order_profit = fields.Float(string="Profit", readonly=True)

    @property
    def _table_query(self):
        return SQL(
            """
            WITH w AS (%(window)s),
            traces AS (
                SELECT mass_mailing_id AS mailing_id,
                       COUNT(*) FILTER (WHERE trace_status != 'cancel')
                         AS recipient_count,
                       COUNT(*) FILTER (WHERE trace_status IN ('sent', 'open', 'reply'))
                         AS delivered_count,
                       COUNT(*) FILTER (WHERE trace_status IN ('error', 'bounce'))
                         AS failed_count,
                       COUNT(*) FILTER (WHERE trace_status IN ('outgoing', 'process')
                                          AND transport_attempt_count > 0)
                         AS retrying_count,
                       COUNT(*) FILTER (WHERE trace_status IN ('outgoing', 'process',
                                                               'pending')
                                          AND COALESCE(transport_attempt_count, 0) = 0)
                         AS waiting_count,
                       COUNT(*) FILTER (WHERE trace_status IN ('open', 'reply')
                                           OR open_datetime IS NOT NULL)
                         AS opened_count,
                       COUNT(*) FILTER (WHERE links_click_datetime IS NOT NULL)
                         AS clicked_count,
                       COUNT(*) FILTER (WHERE trace_status = 'reply'
                                           OR reply_datetime IS NOT NULL)
                         AS replied_count,
                       COUNT(*) FILTER (WHERE trace_status = 'cancel')
                         AS refused_count
                  FROM mailing_trace
                 WHERE model = 'res.partner'
                 GROUP BY mass_mailing_id
            ),
            interactions AS (
                SELECT w.mailing_id, COUNT(DISTINCT i.id) AS n
                  FROM w
                  JOIN transport_interaction i ON i.partner_id = w.client_id
                 WHERE i.kind IN %(kinds)s
                   AND i.date >= w.sent_at AND i.date < w.until_at
                 GROUP BY w.mailing_id
            ),
            leads AS (
                SELECT w.mailing_id, COUNT(DISTINCT l.id) AS n
                  FROM w
                  JOIN res_partner lp ON lp.commercial_partner_id = w.client_id
                  JOIN crm_lead l ON l.partner_id = lp.id
                 WHERE l.create_date >= w.sent_at AND l.create_date < w.until_at
                 GROUP BY w.mailing_id
            ),
            orders AS (
                SELECT w.mailing_id, COUNT(DISTINCT so.id) AS n,
                       SUM(so.transport_revenue) AS revenue,
                       SUM(so.transport_profit) AS profit
                  FROM w
                  JOIN res_partner op ON op.commercial_partner_id = w.client_id
                  JOIN sale_order so ON so.partner_id = op.id
                 WHERE so.is_transport AND so.state = 'sale'
                   AND so.date_order >= w.sent_at AND so.date_order < w.until_at
                 GROUP BY w.mailing_id
            )
            SELECT mm.id AS id, mm.id AS mailing_id,
                   COALESCE(mm.sent_date, mm.create_date) AS date,
                   mm.mailing_type, mm.transport_occasion AS occasion,
                   mm.campaign_id, mm.user_id,
                   t.recipient_count, t.delivered_count, t.failed_count,
                   t.retrying_count, t.waiting_count, t.opened_count,
                   t.clicked_count, t.replied_count, t.refused_count,
                   COALESCE(i.n, 0) + COALESCE(l.n, 0) AS response_count,
                   COALESCE(o.n, 0) AS order_count,
                   COALESCE(o.revenue, 0) AS order_revenue,
                   COALESCE(o.profit, 0) AS order_profit
              FROM mailing_mailing mm
              JOIN traces t ON t.mailing_id = mm.id
              LEFT JOIN interactions i ON i.mailing_id = mm.id
              LEFT JOIN leads l ON l.mailing_id = mm.id
              LEFT JOIN orders o ON o.mailing_id = mm.id
            """,
            window=recipient_window_sql(),
            kinds=RESPONSE_KINDS,
        )
