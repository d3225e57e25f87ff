import statistics
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain

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
        invoices, payments and interactions."""
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
        and flag the ones slipping away. Daily cron."""
        date = date or fields.Date.context_today(self)
        year_ago = date - timedelta(days=365)
        Order = self.env["sale.order"]
        base = Domain("is_transport", "=", True) & Domain("state", "=", "sale")
        totals = Order._read_group(
            base & Domain("date_order", ">=", year_ago),
            ["partner_id"],
            ["transport_revenue:sum", "transport_profit:sum"],
        )
        revenue, profit = {}, {}
        for partner, rev, prof in totals:
            client = partner.commercial_partner_id
            revenue[client] = revenue.get(client, 0.0) + rev
            profit[client] = profit.get(client, 0.0) + prof
        dates = {}
        for partner, day in Order._read_group(
            base, ["partner_id", "date_order:day"], order="date_order:day"
        ):
            dates.setdefault(partner.commercial_partner_id, set()).add(day.date())
        clients = self.browse(
            {p.id for p in revenue} | {p.id for p in dates}
        ) | self.search([("transport_abc_revenue", "!=", False)])
        abc_revenue = self._transport_abc(revenue)
        abc_profit = self._transport_abc(profit)
        factor = self.env.company.transport_churn_factor
        for client in clients:
            days = sorted(dates.get(client, ()))
            gaps = [(b - a).days for a, b in zip(days, days[1:], strict=False)]
            rhythm = statistics.median(gaps) if gaps else 0.0
            vals = {
                "transport_abc_revenue": abc_revenue.get(
                    client, "c" if days else False
                ),
                "transport_abc_profit": abc_profit.get(client, "c" if days else False),
                "transport_last_order_date": days[-1] if days else False,
                "transport_order_rhythm": rhythm,
                "transport_churn_risk": bool(
                    rhythm and (date - days[-1]).days > rhythm * factor
                ),
            }
            changed = {k: v for k, v in vals.items() if client[k] != v}
            if changed:
                client.write(changed)
        return True

    @api.model
    def _transport_abc(self, amounts):
        """{client: 'a'|'b'|'c'}: clients sorted by amount, class A up to 80 %
        of the positive total, B up to 95 %, C the rest (and losses)."""
        total = sum(v for v in amounts.values() if v > 0)
        result, running = {}, 0.0
        for client, amount in sorted(amounts.items(), key=lambda kv: -kv[1]):
            if amount <= 0 or not total:
                result[client] = "c"
                continue
            share_before = running / total
            running += amount
            if share_before < ABC_LIMITS[0]:
                result[client] = "a"
            elif share_before < ABC_LIMITS[1]:
                result[client] = "b"
            else:
                result[client] = "c"
        return result
