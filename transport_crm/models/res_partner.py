from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain
from odoo.tools import SQL

ABC_LEVELS = [("a", "A"), ("b", "B"), ("c", "C")]
# Cumulative share of the total up to which a client is class A, then B.
ABC_LIMITS = (0.8, 0.95)


class ResPartner(models.Model):
    _inherit = "res.partner"

    transport_order_ids = fields.One2many(
        "sale.order", "partner_id", domain=[("is_transport", "=", True)]
    )
    interaction_ids = fields.One2many("transport.interaction", "partner_id")
    transport_order_count = fields.Integer(compute="_compute_transport_figures")
    transport_revenue = fields.Monetary(
        compute="_compute_transport_figures", currency_field="transport_currency_id"
    )
    transport_profit = fields.Monetary(
        compute="_compute_transport_figures", currency_field="transport_currency_id"
    )
    transport_receipts = fields.Monetary(
        compute="_compute_transport_figures",
        currency_field="transport_currency_id",
        help="Customer payments received.",
    )
    interaction_count = fields.Integer(compute="_compute_interaction_count")
    transport_tariff_id = fields.Many2one(
        "product.pricelist",
        compute="_compute_transport_tariff_id",
        help="The client's own tariff, else the company's default tariff.",
    )
    transport_tariff_rule_ids = fields.Many2many(
        "transport.tariff.rule",
        compute="_compute_transport_tariff_id",
        string="Tariff rules",
    )
    transport_currency_id = fields.Many2one(
        "res.currency", compute="_compute_transport_currency_id"
    )
    # Written by _transport_update_client_analysis (daily cron).
    transport_abc_revenue = fields.Selection(ABC_LEVELS, string="ABC by revenue")
    transport_abc_profit = fields.Selection(ABC_LEVELS, string="ABC by profit")
    transport_last_order_date = fields.Date(string="Last order")
    transport_order_rhythm = fields.Float(
        string="Usual gap (days)", help="Median number of days between two orders."
    )
    transport_churn_risk = fields.Boolean(
        string="Slipping away",
        help="The days since the last order exceed the usual gap times the "
        "company's churn factor.",
    )

    @api.depends_context("company")
    @api.depends("commercial_partner_id.specific_property_product_pricelist")
    def _compute_transport_tariff_id(self):
        default = self.env.company.transport_tariff_id
        for partner in self:
            own = partner.commercial_partner_id.specific_property_product_pricelist
            partner.transport_tariff_id = own if own.is_transport_tariff else default
            partner.transport_tariff_rule_ids = (
                partner.transport_tariff_id.transport_rule_ids
            )

    def _compute_transport_currency_id(self):
        self.transport_currency_id = self.env.company.currency_id

    def _compute_transport_figures(self):
        partners = self.filtered("id")
        commercial = partners.commercial_partner_id
        domain = Domain("is_transport", "=", True) & Domain(
            "partner_id", "child_of", commercial.ids
        )
        figures = {}
        for partner, count, revenue, profit in self.env["sale.order"]._read_group(
            domain & Domain("state", "=", "sale"),
            ["partner_id"],
            ["__count", "transport_revenue:sum", "transport_profit:sum"],
        ):
            sums = figures.setdefault(partner.commercial_partner_id, [0, 0.0, 0.0, 0.0])
            sums[0] += count
            sums[1] += revenue
            sums[2] += profit
        for partner, amount in self.env["account.payment"]._read_group(
            [
                ("partner_id", "child_of", commercial.ids),
                ("payment_type", "=", "inbound"),
                ("state", "in", ("in_process", "paid")),
            ],
            ["partner_id"],
            ["amount_company_currency_signed:sum"],
        ):
            sums = figures.setdefault(partner.commercial_partner_id, [0, 0.0, 0.0, 0.0])
            sums[3] += amount
        for partner in self:
            count, revenue, profit, paid = figures.get(
                partner.commercial_partner_id, (0, 0.0, 0.0, 0.0)
            )
            partner.transport_order_count = count
            partner.transport_revenue = revenue
            partner.transport_profit = profit
            partner.transport_receipts = paid

    def _compute_interaction_count(self):
        counts = dict(
            self.env["transport.interaction"]._read_group(
                [("partner_id", "in", self.ids)], ["partner_id"], ["__count"]
            )
        )
        for partner in self:
            partner.interaction_count = counts.get(partner, 0)

    # ------------------------------------------------------------ actions

    def action_view_transport_orders(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "transport_crm.action_transport_order"
        )
        action["domain"] = [
            ("is_transport", "=", True),
            ("partner_id", "child_of", self.commercial_partner_id.id),
        ]
        action["context"] = {
            "default_is_transport": True,
            "default_partner_id": self.id,
        }
        return action

    def action_view_trips(self):
        self.ensure_one()
        orders = self.env["sale.order"].search(
            [
                ("is_transport", "=", True),
                ("partner_id", "child_of", self.commercial_partner_id.id),
            ]
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Trips"),
            "res_model": "transport.trip",
            "view_mode": "list,form",
            "domain": [("id", "in", orders.trip_ids.ids)],
        }

    def action_view_timeline(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "transport_crm.action_transport_client_timeline"
        )
        action["domain"] = [("partner_id", "=", self.commercial_partner_id.id)]
        action["display_name"] = self.env._(
            "Timeline of %(client)s", client=self.commercial_partner_id.display_name
        )
        return action

    def action_log_interaction(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Log interaction"),
            "res_model": "transport.interaction",
            "view_mode": "form",
            "target": "new",
            "context": {"default_partner_id": self.commercial_partner_id.id},
        }

    def action_view_interactions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "transport_crm.action_transport_interaction"
        )
        action["domain"] = [("partner_id", "=", self.commercial_partner_id.id)]
        action["context"] = {"default_partner_id": self.commercial_partner_id.id}
        return action

    def action_view_documents(self):
        """Every file attached to the client or to its offers, orders, trips,
        invoices, payments, interactions and waybills (those the user may
        read)."""
        self.ensure_one()
        client = self.commercial_partner_id
        partners = self.with_context(active_test=False).search(
            [("id", "child_of", client.id)]
        )
        orders = self.env["sale.order"].search([("partner_id", "in", partners.ids)])
        moves = self.env["account.move"].search(
            [("partner_id", "in", partners.ids), ("move_type", "!=", "entry")]
        )
        sources = [
            ("res.partner", partners.ids),
            ("sale.order", orders.ids),
            ("transport.trip", orders.trip_ids.ids),
            ("account.move", moves.ids),
            ("transport.interaction", client.interaction_ids.ids),
        ]
        Timeline = self.env["transport.client.timeline"]
        if Timeline._has_waybills() and self.env["stock.picking"].has_access("read"):
            waybills = self.env["stock.picking"].search(
                [("transport_trip_id", "in", orders.trip_ids.ids)]
            )
            sources.append(("stock.picking", waybills.ids))
        domain = Domain.OR(
            Domain("res_model", "=", model) & Domain("res_id", "in", ids)
            for model, ids in sources
            if ids
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Documents of %(client)s", client=client.display_name),
            "res_model": "ir.attachment",
            "view_mode": "list,form",
            "domain": list(domain),
            "context": {"create": False},
        }

    def action_print_tariff(self):
        self.ensure_one()
        if not self.transport_tariff_id:
            raise UserError(
                self.env._(
                    "Neither this client nor the company has a transport tariff."
                )
            )
        return self.transport_tariff_id.action_print_tariff()

    # ------------------------------------------------------------ analysis

    @api.model
    def _transport_update_client_analysis(self, date=None):
        """Classify clients A/B/C by revenue and by profit over the last year
        and flag the ones slipping away. Daily cron.

        One statement computes every client's classes, last order day, usual
        gap and churn flag, and updates only the clients whose figures
        changed: a write per client through the ORM took a minute at 100k
        clients."""
        date = date or fields.Date.context_today(self)
        fnames = [
            "transport_abc_revenue",
            "transport_abc_profit",
            "transport_last_order_date",
            "transport_order_rhythm",
            "transport_churn_risk",
        ]
        self.env.flush_all()
        rows = self.env.execute_query(
            SQL(
                """
                WITH orders AS (
                    SELECT p.commercial_partner_id AS client, so.date_order,
                           %(day)s AS day,
                           so.transport_revenue AS revenue,
                           so.transport_profit AS profit
                      FROM sale_order so
                      JOIN res_partner p ON p.id = so.partner_id
                     WHERE so.is_transport AND so.state = 'sale'
                ), amounts AS (
                    SELECT client, sum(revenue) AS revenue, sum(profit) AS profit
                      FROM orders
                     WHERE date_order >= %(since)s
                     GROUP BY client
                ), classes AS (
                    SELECT a.client, %(abc_revenue)s AS abc_revenue,
                           %(abc_profit)s AS abc_profit
                      FROM amounts a
                      JOIN res_partner c ON c.id = a.client
                ), gaps AS (
                    SELECT client, day,
                           day - lag(day) OVER (PARTITION BY client ORDER BY day) AS gap
                      FROM (SELECT DISTINCT client, day FROM orders) days
                ), rhythms AS (
                    SELECT client, max(day) AS last_day,
                           coalesce(percentile_cont(0.5) WITHIN GROUP (ORDER BY gap),
                                    0) AS rhythm
                      FROM gaps
                     GROUP BY client
                ), figures AS (
                    SELECT r.client AS id,
                           coalesce(cl.abc_revenue, 'c') AS abc_revenue,
                           coalesce(cl.abc_profit, 'c') AS abc_profit,
                           r.last_day, r.rhythm,
                           r.rhythm > 0
                               AND %(date)s::date - r.last_day > r.rhythm * %(factor)s
                               AS churn
                      FROM rhythms r
                      LEFT JOIN classes cl ON cl.client = r.client
                    UNION ALL
                    -- classified clients without any order any more; probed
                    -- through the indexes, not the rhythms above: a nested
                    -- loop over those took minutes once every client was
                    -- classified
                    SELECT p.id, NULL, NULL, NULL, 0, FALSE
                      FROM res_partner p
                     WHERE p.transport_abc_revenue IS NOT NULL AND p.active
                       AND NOT EXISTS (
                            SELECT FROM res_partner op
                              JOIN sale_order so ON so.partner_id = op.id
                             WHERE op.commercial_partner_id = p.id
                               AND so.is_transport AND so.state = 'sale')
                )
                , changes AS (
                    SELECT f.*,
                           o.transport_abc_revenue IS DISTINCT FROM f.abc_revenue
                               AS abc_revenue_changed,
                           o.transport_abc_profit IS DISTINCT FROM f.abc_profit
                               AS abc_profit_changed,
                           o.transport_last_order_date IS DISTINCT FROM f.last_day
                               AS last_day_changed,
                           coalesce(o.transport_order_rhythm, 0) <> f.rhythm
                               AS rhythm_changed,
                           coalesce(o.transport_churn_risk, FALSE) <> f.churn
                               AS churn_changed
                      FROM figures f
                      JOIN res_partner o ON o.id = f.id
                )
                UPDATE res_partner p
                   SET transport_abc_revenue = c.abc_revenue,
                       transport_abc_profit = c.abc_profit,
                       transport_last_order_date = c.last_day,
                       transport_order_rhythm = c.rhythm,
                       transport_churn_risk = c.churn,
                       write_uid = %(uid)s,
                       write_date = %(now)s
                  FROM changes c
                 WHERE p.id = c.id
                   AND (c.abc_revenue_changed OR c.abc_profit_changed
                        OR c.last_day_changed OR c.rhythm_changed OR c.churn_changed)
             RETURNING p.id, c.abc_revenue_changed, c.abc_profit_changed,
                       c.last_day_changed, c.rhythm_changed, c.churn_changed
                """,
                day=self._transport_order_day_sql(SQL("so.date_order")),
                since=self._transport_day_start(date - timedelta(days=365)),
                abc_revenue=self._transport_abc_sql(SQL("a.revenue")),
                abc_profit=self._transport_abc_sql(SQL("a.profit")),
                date=date,
                factor=self.env.company.transport_churn_factor,
                uid=self.env.uid,
                now=self.env.cr.now(),
            )
        )
        # The ORM did not write these values: drop its cached copies and
        # recompute what depends on each field, for the clients where it changed.
        self.invalidate_model([*fnames, "write_uid", "write_date"])
        for index, fname in enumerate(fnames, start=1):
            self.browse([row[0] for row in rows if row[index]]).modified([fname])
        return True

    @api.model
    def _transport_order_day_sql(self, datetime_sql):
        """The day of a datetime in the context's timezone, as grouping an
        order by ``date_order:day`` gives it."""
        tz = self.env.context.get("tz")
        if tz in pytz.all_timezones_set:
            datetime_sql = SQL("timezone(%s, timezone('UTC', %s))", tz, datetime_sql)
        return SQL("(%s)::date", datetime_sql)

    @api.model
    def _transport_day_start(self, day):
        """The UTC datetime at which ``day`` starts for the user, as a domain
        comparing a datetime field with a date reads it."""
        start = self.env.tz.localize(datetime.combine(day, time.min))
        return start.astimezone(pytz.utc).replace(tzinfo=None)

    @api.model
    def _transport_abc_sql(self, amount):
        """SQL of the ABC class of ``amount`` (a column of one row per client
        ``c``): clients by amount, class A up to 80 % of the positive total,
        B up to 95 %, C the rest and losses; ties in the clients' display
        order."""
        share_before = SQL(
            "coalesce(sum(%(amount)s) FILTER (WHERE %(amount)s > 0) OVER ("
            " ORDER BY %(amount)s DESC, c.complete_name, c.id DESC"
            " ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)",
            amount=amount,
        )
        total = SQL(
            "sum(%(amount)s) FILTER (WHERE %(amount)s > 0) OVER ()", amount=amount
        )
        return SQL(
            "CASE WHEN %(amount)s <= 0 THEN 'c'"
            " WHEN %(before)s < %(a)s * %(total)s THEN 'a'"
            " WHEN %(before)s < %(b)s * %(total)s THEN 'b'"
            " ELSE 'c' END",
            amount=amount,
            before=share_before,
            total=total,
            a=ABC_LIMITS[0],
            b=ABC_LIMITS[1],
        )

    @api.model
    def _transport_abc(self, amounts):
        """{client: 'a'|'b'|'c'} for ``{client: amount}``, by the very SQL rule
        the daily cron applies (:meth:`_transport_abc_sql`)."""
        if not amounts:
            return {}
        self.flush_model(["complete_name"])
        values = SQL(", ").join(
            SQL("(%s, %s::numeric)", client.id, amount)
            for client, amount in amounts.items()
        )
        rows = self.env.execute_query(
            SQL(
                "SELECT c.id, %(abc)s FROM (VALUES %(values)s) AS a(id, amount)"
                " JOIN res_partner c ON c.id = a.id",
                abc=self._transport_abc_sql(SQL("a.amount")),
                values=values,
            )
        )
        return {self.browse(client_id): abc for client_id, abc in rows}
