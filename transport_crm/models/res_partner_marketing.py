from datetime import timedelta

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
    marketing_email_consent = fields.Selection(
        CONSENT_STATES,
        string="Email marketing",
        default="unknown",
        required=True,
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
        required=True,
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
