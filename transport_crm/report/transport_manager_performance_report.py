from odoo import fields, models
from odoo.tools import SQL

SOURCES = [
    ("activity", "Activity"),
    ("interaction", "Interaction"),
    ("offer", "Offer"),
    ("order", "Won order"),
]


class TransportManagerPerformanceReport(models.Model):
    """One row per event of a manager: an activity (dated by its deadline),
    an interaction, an offer sent (dated when sent) or a won order (dated by
    its confirmation). Measures are 0/1 counters or amounts, so that any
    grouping sums them; the conversion is the ratio of the sums."""

    _name = "transport.manager.performance.report"
    _description = "Manager performance"
    _auto = False
    _order = "date desc, id desc"
    _depends = {
        "mail.activity": [
            "active",
            "activity_type_id",
            "date_deadline",
            "date_done",
            "res_id",
            "res_model",
            "user_id",
        ],
        "transport.interaction": [
            "company_id",
            "date",
            "order_id",
            "partner_id",
            "user_id",
        ],
        "sale.order": [
            "amount_untaxed",
            "company_id",
            "currency_rate",
            "date_order",
            "is_transport",
            "partner_id",
            "state",
            "transport_offer_date",
            "transport_profit",
            "transport_revenue",
            "user_id",
        ],
        "res.users": ["company_id", "sale_team_id"],
        "res.partner": ["commercial_partner_id"],
    }

    date = fields.Date(readonly=True)
    source = fields.Selection(SOURCES, readonly=True)
    user_id = fields.Many2one("res.users", string="Manager", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales team", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Client", readonly=True)
    order_id = fields.Many2one("sale.order", string="Order / offer", readonly=True)
    activity_type_id = fields.Many2one("mail.activity.type", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    activity_planned = fields.Integer(string="Planned", readonly=True)
    activity_on_time = fields.Integer(string="Done on time", readonly=True)
    activity_late = fields.Integer(string="Done late", readonly=True)
    activity_overdue = fields.Integer(string="Overdue", readonly=True)
    activity_pending = fields.Integer(
        string="Open, not due", readonly=True, help="Not done, deadline not passed."
    )
    interaction_count = fields.Integer(string="Interactions", readonly=True)
    offer_count = fields.Integer(string="Offers sent", readonly=True)
    offer_won_count = fields.Integer(
        string="Offers won", readonly=True, help="Offers sent that are confirmed."
    )
    order_count = fields.Integer(string="Orders won", readonly=True)
    amount_won = fields.Monetary(
        string="Ordered (untaxed)",
        readonly=True,
        help="Untaxed amount of the won orders, in company currency.",
    )
    revenue = fields.Monetary(
        string="Invoiced revenue",
        readonly=True,
        help="Posted untaxed invoices minus credit notes of the won orders.",
    )
    profit = fields.Monetary(
        readonly=True, help="Invoiced revenue minus the trip costs of the won orders."
    )
    conversion = fields.Float(
        string="Conversion (%)",
        readonly=True,
        aggregator="avg",
        help="Offers won / offers sent, over the offers sent in the period.",
    )

    @property
    def _table_query(self):
        # Datetimes become dates in the reader's time zone; "overdue" depends
        # on the reader's today, so both are parameters, not SQL constants.
        tz = self.env.context.get("tz") or self.env.user.tz or "UTC"
        today = fields.Date.context_today(self)
        return SQL(
            """
            SELECT a.id * 4 AS id, 'activity' AS source, a.date_deadline AS date,
                   a.user_id, u.sale_team_id AS team_id,
                   COALESCE(ap.commercial_partner_id, asp.commercial_partner_id)
                       AS partner_id,
                   aso.id AS order_id, a.activity_type_id,
                   u.company_id, c.currency_id,
                   1 AS activity_planned,
                   (NOT a.active AND a.date_done <= a.date_deadline)::int
                       AS activity_on_time,
                   (NOT a.active AND a.date_done > a.date_deadline)::int
                       AS activity_late,
                   (a.active AND a.date_deadline < %(today)s)::int
                       AS activity_overdue,
                   (a.active AND a.date_deadline >= %(today)s)::int
                       AS activity_pending,
                   0 AS interaction_count, 0 AS offer_count,
                   0 AS offer_won_count, 0 AS order_count, 0 AS amount_won,
                   0 AS revenue, 0 AS profit, NULL::float AS conversion
              FROM mail_activity a
              JOIN res_users u ON u.id = a.user_id
              JOIN res_company c ON c.id = u.company_id
              LEFT JOIN res_partner ap
                     ON a.res_model = 'res.partner' AND ap.id = a.res_id
              LEFT JOIN sale_order aso
                     ON a.res_model = 'sale.order' AND aso.id = a.res_id
              LEFT JOIN res_partner asp ON asp.id = aso.partner_id
             WHERE a.active OR a.date_done IS NOT NULL
            UNION ALL
            SELECT i.id * 4 + 1, 'interaction',
                   (i.date AT TIME ZONE 'UTC' AT TIME ZONE %(tz)s)::date,
                   i.user_id, u.sale_team_id, i.partner_id, i.order_id, NULL,
                   i.company_id, c.currency_id, 0, 0, 0, 0, 0,
                   1, 0, 0, 0, 0, 0, 0, NULL
              FROM transport_interaction i
              LEFT JOIN res_users u ON u.id = i.user_id
              JOIN res_company c ON c.id = i.company_id
            UNION ALL
            SELECT so.id * 4 + 2, 'offer',
                   (so.transport_offer_date AT TIME ZONE 'UTC'
                       AT TIME ZONE %(tz)s)::date,
                   so.user_id, u.sale_team_id, p.commercial_partner_id, so.id,
                   NULL, so.company_id, c.currency_id, 0, 0, 0, 0, 0,
                   0, 1, (so.state = 'sale')::int, 0, 0, 0, 0,
                   CASE WHEN so.state = 'sale' THEN 100.0 ELSE 0.0 END
              FROM sale_order so
              JOIN res_partner p ON p.id = so.partner_id
              LEFT JOIN res_users u ON u.id = so.user_id
              JOIN res_company c ON c.id = so.company_id
             WHERE so.is_transport AND so.transport_offer_date IS NOT NULL
            UNION ALL
            SELECT so.id * 4 + 3, 'order',
                   (so.date_order AT TIME ZONE 'UTC' AT TIME ZONE %(tz)s)::date,
                   so.user_id, u.sale_team_id, p.commercial_partner_id, so.id,
                   NULL, so.company_id, c.currency_id, 0, 0, 0, 0, 0,
                   0, 0, 0, 1,
                   so.amount_untaxed / COALESCE(NULLIF(so.currency_rate, 0), 1),
                   so.transport_revenue, so.transport_profit, NULL
              FROM sale_order so
              JOIN res_partner p ON p.id = so.partner_id
              LEFT JOIN res_users u ON u.id = so.user_id
              JOIN res_company c ON c.id = so.company_id
             WHERE so.is_transport AND so.state = 'sale'
            """,
            tz=tz,
            today=today,
        )

    def _read_group_select(self, aggregate_spec, query):
        # The conversion of a group is the ratio of its sums, not the average
        # of its rows' ratios (rows without offers would drag it down).
        if aggregate_spec not in ("conversion:avg", "conversion:sum"):
            return super()._read_group_select(aggregate_spec, query)
        return SQL(
            "SUM(%s) * 100.0 / NULLIF(SUM(%s), 0)",
            self._field_to_sql(self._table, "offer_won_count", query),
            self._field_to_sql(self._table, "offer_count", query),
        )
