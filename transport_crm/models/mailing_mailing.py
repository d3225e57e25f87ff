from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.fields import Domain
from odoo.tools import SQL

from ..report.transport_mailing_result_report import recipient_window_sql
from .transport_mailing_template import OCCASIONS

RESULT_FIELDS = (
    "recipient_count",
    "delivered_count",
    "failed_count",
    "retrying_count",
    "response_count",
    "order_count",
    "order_revenue",
    "order_profit",
)


class MailingMailing(models.Model):
    _inherit = "mailing.mailing"

    transport_occasion = fields.Selection(OCCASIONS, string="Occasion")
    transport_template_id = fields.Many2one(
        "transport.mailing.template",
        string="Template",
        domain="[('mailing_type', '=', mailing_type),"
        " ('occasion', '=', transport_occasion)]"
        " if transport_occasion else [('mailing_type', '=', mailing_type)]",
        help="Picking a template copies its subject and text into the mailing.",
    )
    transport_segment_ids = fields.Many2many(
        "transport.segment",
        "mailing_mailing_transport_segment_rel",
        "mailing_id",
        "segment_id",
        string="Segments",
        help="Send to the members of these client segments.",
    )
    transport_partner_ids = fields.Many2many(
        "res.partner",
        "mailing_mailing_transport_partner_rel",
        "mailing_id",
        "partner_id",
        string="Selected clients",
        help="Send to these clients (in addition to the segments' members).",
    )
    # ------------------------------------------------------------ repeat guard
    transport_repeat_days = fields.Integer(
        string="Repeat guard (days)",
        default=lambda self: self.env.company.transport_repeat_days,
        help="Recipients who received this template within this many days are "
        "held back, unless the mailing is forced.",
    )
    transport_force_repeat = fields.Boolean(
        string="Send even to recent recipients",
        help="Ignore the repeat guard for this mailing.",
    )
    transport_min_gap_days = fields.Integer(
        string="Minimum days since last message",
        help="Recipients who received any marketing message within this many "
        "days are held back (0: no limit).",
    )
    transport_rule_id = fields.Many2one(
        "transport.mailing.rule", string="Recurring rule", readonly=True, index=True
    )
    transport_recent_trace_count = fields.Integer(
        string="Recently received", compute="_compute_transport_repeat"
    )
    transport_blocked_count = fields.Integer(
        string="Held back by the repeat guard", compute="_compute_transport_repeat"
    )
    # ------------------------------------------------------------ results
    transport_attribution_days = fields.Integer(
        string="Attribution window (days)",
        default=lambda self: self.env.company.transport_attribution_days,
        help="Responses and transport orders of recipients within this many days "
        "after the sending are credited to this mailing.",
    )
    transport_recipient_count = fields.Integer(
        string="Recipients reached", compute="_compute_transport_results"
    )
    transport_delivered_count = fields.Integer(
        string="Delivered to clients", compute="_compute_transport_results"
    )
    transport_failed_count = fields.Integer(
        string="Failed (permanent)",
        compute="_compute_transport_results",
        help="Refused for good, or given up after the last delivery attempt.",
    )
    transport_retrying_count = fields.Integer(
        string="Retrying",
        compute="_compute_transport_results",
        help="Refused for the time being: waiting for their next delivery attempt.",
    )
    transport_response_count = fields.Integer(
        string="Responses", compute="_compute_transport_results"
    )
    transport_order_count = fields.Integer(
        string="New orders", compute="_compute_transport_results"
    )
    transport_order_revenue = fields.Float(
        string="Orders revenue", compute="_compute_transport_results"
    )
    transport_order_profit = fields.Float(
        string="Orders profit", compute="_compute_transport_results"
    )

    @api.depends("transport_segment_ids", "transport_partner_ids")
    def _compute_mailing_domain(self):
        res = super()._compute_mailing_domain()
        for mailing in self:
            if mailing.mailing_model_name != "res.partner":
                continue
            if not (mailing.transport_segment_ids or mailing.transport_partner_ids):
                continue
            targets = []
            if mailing.transport_segment_ids:
                targets.append(
                    Domain(
                        "transport_segment_ids", "in", mailing.transport_segment_ids.ids
                    )
                )
            if mailing.transport_partner_ids:
                targets.append(Domain("id", "in", mailing.transport_partner_ids.ids))
            domain = list(Domain.OR(targets))
            mailing.mailing_domain = repr(domain)
        return res

    def _compute_transport_repeat(self):
        for mailing in self:
            recent = blocked = 0
            if mailing.id and mailing.mailing_model_real == "res.partner":
                recent = len(mailing._transport_recent_traces())
                recipients = set(mailing._get_recipients())
                blocked = len(
                    recipients & set(mailing._transport_repeat_blocked_partners().ids)
                )
            mailing.transport_recent_trace_count = recent
            mailing.transport_blocked_count = blocked

    def _compute_transport_results(self):
        # The figures come from an SQL view over traces, orders and leads.
        self.env.flush_all()
        results = {
            mailing: values
            for mailing, *values in self.env[
                "transport.mailing.result.report"
            ]._read_group(
                [("mailing_id", "in", self.ids)],
                ["mailing_id"],
                [f"{name}:sum" for name in RESULT_FIELDS],
            )
        }
        for mailing in self:
            values = results.get(mailing, (0,) * len(RESULT_FIELDS))
            for name, value in zip(RESULT_FIELDS, values, strict=True):
                mailing[f"transport_{name}"] = value

    # ------------------------------------------------------------ onchange, CRUD

    @api.onchange("transport_template_id")
    def _onchange_transport_template_id(self):
        if self.transport_template_id:
            self.update(self._prepare_template_vals(self.transport_template_id))

    @api.model
    def _prepare_template_vals(self, template):
        # The subject names the mailing and its UTM source, which must not be
        # empty: a template without one lends its own name.
        vals = {
            "transport_occasion": template.occasion,
            "subject": template.subject or template.name,
        }
        if template.mailing_type == "sms":
            vals["body_plaintext"] = template.body_plaintext
        else:
            vals.update(
                body_arch=template.body_html,
                body_html=template.body_html,
            )
        return vals

    @api.model_create_multi
    def create(self, vals_list):
        templates = self.env["transport.mailing.template"]
        for vals in vals_list:
            if vals.get("transport_template_id"):
                template = templates.browse(vals["transport_template_id"])
                for key, value in self._prepare_template_vals(template).items():
                    vals.setdefault(key, value)
        return super().create(vals_list)

    # ------------------------------------------------------------ actions

    def action_view_transport_recent_traces(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Received by the recipients recently"),
            "res_model": "mailing.trace",
            "view_mode": "list,form",
            "domain": [("id", "in", self._transport_recent_traces().ids)],
            "context": {"create": False},
        }

    def action_view_transport_orders(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Orders after %(mailing)s", mailing=self.subject),
            "res_model": "sale.order",
            "view_mode": "list,form",
            "domain": [("id", "in", self._transport_attributed_orders().ids)],
            "context": {"create": False},
        }

    # ------------------------------------------------------------ sending

    def _action_send_mail(self, res_ids=None):
        """Refresh the rule segments targeted, and say on the mailing how many
        recipients the repeat guard holds back before sending."""
        self.transport_segment_ids._refresh_membership()
        for mailing in self:
            if mailing.mailing_model_real != "res.partner":
                continue
            blocked = (
                mailing._transport_repeat_blocked_partners()
                & mailing._transport_recipients()
            )
            if blocked:
                mailing.message_post(
                    body=Markup("<p>%s</p>")
                    % self.env._(
                        "%(count)s recipients received this template or another "
                        "marketing message too recently and were skipped: "
                        "%(names)s",
                        count=len(blocked),
                        names=", ".join(blocked[:20].mapped("display_name")),
                    ),
                    subtype_xmlid="mail.mt_note",
                )
        return super()._action_send_mail(res_ids=res_ids)

    # ------------------------------------------------------------ business

    def _get_remaining_recipients(self):
        """Segment and client-selection mailings: the recipients not mailed
        yet by one statement (the traces excluded in SQL, not through a list
        of ids), their email or phone fetched with them for the opt-out checks
        of the sending. Exclusions still go through the opt-out hooks."""
        self.ensure_one()
        if (
            self.mailing_model_real != "res.partner"
            or self.ab_testing_enabled
            or not (self.transport_segment_ids or self.transport_partner_ids)
        ):
            return super()._get_remaining_recipients()
        self.env["mailing.trace"].flush_model(["model", "mass_mailing_id", "res_id"])
        mailed = SQL(
            "SELECT res_id FROM mailing_trace WHERE model = %s"
            " AND mass_mailing_id = %s AND res_id IS NOT NULL",
            self.mailing_model_real,
            self.id or 0,
        )
        key = "phone_sanitized" if self.mailing_type == "sms" else "email_normalized"
        partners = self.env["res.partner"].search_fetch(
            self._get_recipients_domain() & Domain("id", "not any!", mailed),
            [key],
            order="id",
        )
        return partners.ids

    def _transport_recipients(self):
        self.ensure_one()
        return self.env["res.partner"].browse(self._get_recipients())

    def _transport_recent_traces(self):
        """Traces of what this mailing's recipients received from other
        mailings during the repeat guard period."""
        self.ensure_one()
        since = fields.Datetime.now() - timedelta(days=self.transport_repeat_days)
        return self.env["mailing.trace"].search(
            [
                ("model", "=", "res.partner"),
                ("res_id", "in", self._get_recipients()),
                ("mass_mailing_id", "!=", self.id),
                ("create_date", ">=", since),
                ("trace_status", "not in", ("cancel", "error", "bounce")),
            ]
        )

    def _transport_repeat_blocked_partners(self):
        """Partners who got this mailing's template within the guard period,
        or any marketing message within the minimum gap: they are excluded at
        sending unless the mailing is forced."""
        self.ensure_one()
        Partner = self.env["res.partner"]
        if self.transport_force_repeat:
            return Partner
        now = fields.Datetime.now()
        conditions = []
        if self.transport_template_id and self.transport_repeat_days > 0:
            conditions.append(
                SQL(
                    "(mm.transport_template_id = %s AND %s >= %s)",
                    self.transport_template_id.id,
                    SQL("COALESCE(tr.sent_datetime, tr.create_date)"),
                    now - timedelta(days=self.transport_repeat_days),
                )
            )
        if self.transport_min_gap_days > 0:
            conditions.append(
                SQL(
                    "COALESCE(tr.sent_datetime, tr.create_date) >= %s",
                    now - timedelta(days=self.transport_min_gap_days),
                )
            )
        if not conditions:
            return Partner
        self.env["mailing.trace"].flush_model()
        self.flush_model(["transport_template_id"])
        rows = self.env.execute_query(
            SQL(
                """
                SELECT DISTINCT tr.res_id
                  FROM mailing_trace tr
                  JOIN mailing_mailing mm ON mm.id = tr.mass_mailing_id
                 WHERE tr.model = 'res.partner'
                   AND mm.id != %s
                   AND tr.trace_status NOT IN ('cancel', 'error', 'bounce')
                   AND (%s)
                """,
                self.id or 0,
                SQL(" OR ").join(conditions),
            )
        )
        return Partner.browse(row[0] for row in rows).exists()

    def _transport_attributed_orders(self):
        """Confirmed transport orders of the recipients' companies within the
        attribution window after their message."""
        self.ensure_one()
        self.env.flush_all()
        rows = self.env.execute_query(
            SQL(
                """
                WITH w AS (%s)
                SELECT DISTINCT so.id
                  FROM w
                  JOIN res_partner op ON op.commercial_partner_id = w.client_id
                  JOIN sale_order so ON so.partner_id = op.id
                 WHERE w.mailing_id = %s
                   AND so.is_transport AND so.state = 'sale'
                   AND so.date_order >= w.sent_at AND so.date_order < w.until_at
                """,
                recipient_window_sql(),
                self.id,
            )
        )
        return self.env["sale.order"].browse(row[0] for row in rows)
