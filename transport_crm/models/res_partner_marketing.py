from datetime import timedelta
from operator import ge, gt, le, lt

from odoo import api, fields, models
from odoo.fields import Domain
from odoo.tools import SQL

CONSENT_STATES = [
    ("unknown", "Not asked"),
    ("opt_in", "Agreed"),
    ("opt_out", "Refused"),
]
CONSENT_SOURCES = [
    ("manual", "Client file"),
    ("unsubscribe", "Unsubscribe / blocklist"),
    ("form", "Web form"),
    ("import", "Import"),
]
LIFECYCLE_STATES = [
    ("prospect", "Prospect"),
    ("active", "Active"),
    ("dormant", "Dormant"),
    ("lost", "Lost"),
]
# Period of the marketing figures (orders, tonnage, revenue, profit).
FACTS_DAYS = 365
COMPARISONS = {"<": lt, "<=": le, ">": gt, ">=": ge}


# The marketing side of the client file lives apart from res_partner.py (the
# sales side) to keep each file readable.
class ResPartner(models.Model):
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    transport_segment_ids = fields.Many2many(
        "transport.segment",
        "transport_segment_partner_rel",
        "partner_id",
        "segment_id",
        string="Segments",
    )
    # ------------------------------------------------------------ consent
    # Not NOT NULL in the database (the forms require them): modules installed
    # after ours run their at-install tests with a registry that does not know
    # these fields, and their partners would fail to insert; an empty value
    # reads as "unknown" everywhere (queries only look for 'opt_out').
    marketing_email_consent = fields.Selection(
        CONSENT_STATES,
        string="Email marketing",
        default="unknown",
        tracking=True,
        help="Refused: no marketing email reaches this client; transactional "
        "emails (offers, confirmations, invoices) still do.",
    )
    marketing_email_consent_date = fields.Datetime(string="Email consent date")
    marketing_email_consent_source = fields.Selection(
        CONSENT_SOURCES, string="Email consent source"
    )
    marketing_sms_consent = fields.Selection(
        CONSENT_STATES,
        string="SMS marketing",
        default="unknown",
        tracking=True,
        help="Refused: no marketing SMS reaches this client.",
    )
    marketing_sms_consent_date = fields.Datetime(string="SMS consent date")
    marketing_sms_consent_source = fields.Selection(
        CONSENT_SOURCES, string="SMS consent source"
    )
    # ------------------------------------------------------------ facts
    # Written by _transport_update_marketing_facts (daily segment cron), so
    # that segment rules can filter on them.
    transport_lifecycle = fields.Selection(
        LIFECYCLE_STATES,
        string="Lifecycle",
        default="prospect",
        readonly=True,
        index=True,
        help="Prospect: never ordered; active: ordered within the company's "
        "dormancy delay; dormant: within the loss delay; lost: later. Follows "
        "the last order date, and time (daily segment cron).",
    )
    transport_order_count_year = fields.Integer(string="Orders (12 months)")
    transport_tonnage_year = fields.Float(string="Tonnage (12 months)", digits=(16, 3))
    transport_revenue_year = fields.Float(string="Revenue (12 months)")
    transport_profit_year = fields.Float(string="Profit (12 months)")
    # Facts over the last N days, N from the context key transport_fact_days
    # (a segment's period during its refresh, else 365 days). Not stored:
    # a search reads them from the orders in one subquery.
    transport_order_count_period = fields.Integer(
        string="Orders (period)",
        compute="_compute_transport_period_facts",
        search="_search_transport_order_count_period",
        help="Confirmed transport orders over the segment's period (days).",
    )
    transport_tonnage_period = fields.Float(
        string="Tonnage (period)",
        digits=(16, 3),
        compute="_compute_transport_period_facts",
        search="_search_transport_tonnage_period",
        help="Tonnes carried over the segment's period (days).",
    )
    transport_revenue_period = fields.Float(
        string="Revenue (period)",
        compute="_compute_transport_period_facts",
        search="_search_transport_revenue_period",
        help="Invoiced revenue of the orders of the segment's period (days).",
    )
    transport_profit_period = fields.Float(
        string="Profit (period)",
        compute="_compute_transport_period_facts",
        search="_search_transport_profit_period",
        help="Profit of the orders of the segment's period (days).",
    )
    transport_cargo_type_ids = fields.Many2many(
        "transport.cargo.type",
        string="Cargo types shipped",
        compute="_compute_transport_period_facts",
        search="_search_transport_cargo_type_ids",
        help="Cargo types of the client's orders over the segment's period (days).",
    )

    @api.model
    def _get_transport_lifecycle(self, last_order_date, today):
        company = self.env.company
        if not last_order_date:
            return "prospect"
        days = (today - fields.Date.to_date(last_order_date)).days
        if days <= company.transport_dormant_days:
            return "active"
        if days <= company.transport_lost_days:
            return "dormant"
        return "lost"

    @api.model
    def _transport_fact_orders_sql(self):
        """Confirmed transport orders of the fact period, with their client."""
        days = self.env.context.get("transport_fact_days") or FACTS_DAYS
        today = fields.Date.context_today(self)
        since = self._transport_day_start(today - timedelta(days=days))
        return SQL(
            """
            SELECT p.commercial_partner_id AS client, so.cargo_type_id,
                   so.cargo_weight, so.transport_revenue, so.transport_profit
              FROM sale_order so
              JOIN res_partner p ON p.id = so.partner_id
             WHERE so.is_transport AND so.state = 'sale'
               AND so.date_order >= %s
               -- never NULL: "NOT IN" the subquery would then match nobody
               AND p.commercial_partner_id IS NOT NULL
            """,
            since,
        )

    @api.depends_context("transport_fact_days", "tz")
    def _compute_transport_period_facts(self):
        days = self.env.context.get("transport_fact_days") or FACTS_DAYS
        since = self._transport_day_start(
            fields.Date.context_today(self) - timedelta(days=days)
        )
        clients = self.filtered("id").commercial_partner_id
        facts = {}
        for partner, cargo_type, count, weight, revenue, profit in self.env[
            "sale.order"
        ]._read_group(
            [
                ("is_transport", "=", True),
                ("state", "=", "sale"),
                ("date_order", ">=", since),
                ("partner_id", "child_of", clients.ids),
            ],
            ["partner_id", "cargo_type_id"],
            [
                "__count",
                "cargo_weight:sum",
                "transport_revenue:sum",
                "transport_profit:sum",
            ],
        ):
            client = partner.commercial_partner_id
            sums = facts.setdefault(client, [0, 0.0, 0.0, 0.0, cargo_type.browse()])
            for index, value in enumerate((count, weight, revenue, profit)):
                sums[index] += value
            sums[4] |= cargo_type
        for partner in self:
            # Like the yearly facts: the client's, not its contacts'.
            count, weight, revenue, profit, cargo_types = facts.get(
                partner if partner == partner.commercial_partner_id else None,
                (0, 0.0, 0.0, 0.0, self.env["transport.cargo.type"]),
            )
            partner.transport_order_count_period = count
            partner.transport_tonnage_period = weight
            partner.transport_revenue_period = revenue
            partner.transport_profit_period = profit
            partner.transport_cargo_type_ids = cargo_types

    def _search_transport_period_fact(self, aggregate, operator, value):
        """Clients whose ``aggregate`` over the period's orders compares with
        ``value``; a client without orders there counts as 0."""
        if operator in ("in", "not in"):
            values = tuple(v or 0 for v in value)
            condition = SQL("%s IN %s", aggregate, values) if values else SQL("FALSE")
            zero_matches = 0 in values
            if operator == "not in":
                condition, zero_matches = SQL("NOT (%s)", condition), not zero_matches
        elif operator in COMPARISONS:
            condition = SQL("%s %s %s", aggregate, SQL(operator), value)
            zero_matches = COMPARISONS[operator](0, value)
        else:
            return NotImplemented
        if zero_matches:
            # Everybody but the clients whose orders fail the condition.
            condition, found = SQL("NOT (%s)", condition), "not any!"
        else:
            found = "any!"
        return Domain(
            "id",
            found,
            SQL(
                "SELECT o.client FROM (%s) o GROUP BY o.client HAVING %s",
                self._transport_fact_orders_sql(),
                condition,
            ),
        )

    def _search_transport_order_count_period(self, operator, value):
        return self._search_transport_period_fact(SQL("count(*)"), operator, value)

    def _search_transport_tonnage_period(self, operator, value):
        return self._search_transport_period_fact(
            SQL("coalesce(sum(o.cargo_weight), 0)"), operator, value
        )

    def _search_transport_revenue_period(self, operator, value):
        return self._search_transport_period_fact(
            SQL("coalesce(sum(o.transport_revenue), 0)"), operator, value
        )

    def _search_transport_profit_period(self, operator, value):
        return self._search_transport_period_fact(
            SQL("coalesce(sum(o.transport_profit), 0)"), operator, value
        )

    def _search_transport_cargo_type_ids(self, operator, value):
        """Clients who shipped (or not) one of the cargo types over the
        period; ``value`` is ids or a domain on cargo types."""
        if operator in ("any", "not any"):
            types = self.env["transport.cargo.type"].with_context(active_test=False)
            type_ids = types._search(value).subselect()
        elif operator in ("in", "not in"):
            ids = tuple(v for v in value if v)
            if False in value:
                # Shipped no cargo type at all.
                positive = operator == "in"
                shipped = SQL(
                    "SELECT o.client FROM (%s) o WHERE o.cargo_type_id IS NOT NULL",
                    self._transport_fact_orders_sql(),
                )
                domain = Domain("id", "not any!" if positive else "any!", shipped)
                if ids:
                    others = self._search_transport_cargo_type_ids(operator, ids)
                    domain = (domain | others) if positive else (domain & others)
                return domain
            type_ids = SQL("%s", ids) if ids else SQL("(NULL)")
        else:
            return NotImplemented
        shipped = SQL(
            "SELECT o.client FROM (%s) o WHERE o.cargo_type_id IN %s",
            self._transport_fact_orders_sql(),
            type_ids,
        )
        positive = operator in ("any", "in")
        return Domain("id", "any!" if positive else "not any!", shipped)

    # ------------------------------------------------------------ CRUD

    @api.model_create_multi
    def create(self, vals_list):
        now = fields.Datetime.now()
        today = fields.Date.context_today(self)
        for vals in vals_list:
            if vals.get("transport_last_order_date"):
                vals.setdefault(
                    "transport_lifecycle",
                    self._get_transport_lifecycle(
                        vals["transport_last_order_date"], today
                    ),
                )
            for channel in ("email", "sms"):
                if vals.get(f"marketing_{channel}_consent", "unknown") != "unknown":
                    vals.setdefault(f"marketing_{channel}_consent_date", now)
                    vals.setdefault(f"marketing_{channel}_consent_source", "manual")
        return super().create(vals_list)

    def write(self, vals):
        # The lifecycle follows the last order date in the same write.
        if "transport_last_order_date" in vals and "transport_lifecycle" not in vals:
            vals["transport_lifecycle"] = self._get_transport_lifecycle(
                vals["transport_last_order_date"], fields.Date.context_today(self)
            )
        for channel in ("email", "sms"):
            if f"marketing_{channel}_consent" in vals:
                vals.setdefault(
                    f"marketing_{channel}_consent_date", fields.Datetime.now()
                )
                vals.setdefault(f"marketing_{channel}_consent_source", "manual")
        return super().write(vals)

    # ------------------------------------------------------------ mailing hooks

    @api.model
    def _mailing_get_opt_out_list(self, mailing):
        """Emails never to receive this marketing email: the addresses of
        clients who refused email marketing (whatever their case or the
        contact sharing them), plus those the repeat guard holds back."""
        self.flush_model(["marketing_email_consent", "email_normalized"])
        rows = self.env.execute_query(
            SQL(
                "SELECT DISTINCT email_normalized FROM res_partner "
                "WHERE marketing_email_consent = 'opt_out' "
                "AND email_normalized IS NOT NULL"
            )
        )
        opt_out = {row[0] for row in rows}
        opt_out.update(
            filter(
                None,
                mailing._transport_repeat_blocked_partners().mapped("email_normalized"),
            )
        )
        return opt_out

    @api.model
    def _mailing_get_opt_out_list_sms(self, mailing):
        """Partner ids never to receive this marketing SMS: the clients who
        refused SMS marketing, every partner sharing their number, and those
        the repeat guard holds back."""
        self.flush_model(["marketing_sms_consent", "phone_sanitized"])
        rows = self.env.execute_query(
            SQL(
                """
                SELECT p.id FROM res_partner p
                 WHERE p.marketing_sms_consent = 'opt_out'
                    OR p.phone_sanitized IN (
                        SELECT phone_sanitized FROM res_partner
                         WHERE marketing_sms_consent = 'opt_out'
                           AND phone_sanitized IS NOT NULL)
                """
            )
        )
        opt_out = {row[0] for row in rows}
        opt_out.update(mailing._transport_repeat_blocked_partners().ids)
        return list(opt_out)

    # ------------------------------------------------------------ consent sync

    @api.model
    def _transport_sync_consent(self, channel, keys, refused):
        """Follow a blocklist change: partners whose normalised email (or
        sanitised phone) is in ``keys`` refuse (or agree again)."""
        if not keys:
            return
        key_field = "email_normalized" if channel == "email" else "phone_sanitized"
        state = "opt_out" if refused else "opt_in"
        consent = f"marketing_{channel}_consent"
        domain = Domain(key_field, "in", list(keys)) & Domain(consent, "!=", state)
        if not refused:
            # Only a refusal can be lifted by leaving the blocklist.
            domain &= Domain(consent, "=", "opt_out")
        partners = self.with_context(active_test=False).search(domain)
        partners.write(
            {
                consent: state,
                f"marketing_{channel}_consent_date": fields.Datetime.now(),
                f"marketing_{channel}_consent_source": "unsubscribe",
            }
        )

    # ------------------------------------------------------------ actions

    def action_view_marketing_traces(self):
        """Every marketing email and SMS sent (or held back) to the client."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Mailings of %(client)s", client=self.display_name),
            "res_model": "mailing.trace",
            "view_mode": "list,form",
            "domain": [("transport_partner_id", "in", self.commercial_partner_id.ids)],
            "context": {"create": False},
        }

    # ------------------------------------------------------------ facts

    @api.model
    def _transport_update_marketing_facts(self, date=None):
        """Orders, tonnage, revenue and profit of the last 12 months and the
        lifecycle status of every client; writes only what changed."""
        date = date or fields.Date.context_today(self)
        since = date - timedelta(days=FACTS_DAYS)
        groups = self.env["sale.order"]._read_group(
            [
                ("is_transport", "=", True),
                ("state", "=", "sale"),
                ("date_order", ">=", since),
            ],
            ["partner_id"],
            [
                "__count",
                "cargo_weight:sum",
                "transport_revenue:sum",
                "transport_profit:sum",
            ],
        )
        facts = {}
        for partner, count, weight, revenue, profit in groups:
            sums = facts.setdefault(partner.commercial_partner_id, [0, 0.0, 0.0, 0.0])
            for index, value in enumerate((count, weight, revenue, profit)):
                sums[index] += value
        clients = self.browse({p.id for p in facts}) | self.search(
            [("transport_order_count_year", "!=", 0)]
        )
        names = (
            "transport_order_count_year",
            "transport_tonnage_year",
            "transport_revenue_year",
            "transport_profit_year",
        )
        for client in clients:
            vals = dict(zip(names, facts.get(client, (0, 0.0, 0.0, 0.0)), strict=True))
            changed = {k: v for k, v in vals.items() if client[k] != v}
            if changed:
                client.write(changed)
        # Lifecycle moves with time: one write per status that changed.
        moves = {}
        for client in self.search([("transport_last_order_date", "!=", False)]):
            status = self._get_transport_lifecycle(
                client.transport_last_order_date, date
            )
            if client.transport_lifecycle != status:
                moves.setdefault(status, self.browse())
                moves[status] |= client
        for status, partners in moves.items():
            partners.write({"transport_lifecycle": status})
        return True
