from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain

# Ten years: longer delays overflow the date arithmetic of the plan.
MAX_PLAN_DAYS = 3650
MONITORING_KINDS = [
    ("dormant", "Dormant client"),
    ("offer", "Offer without answer"),
    ("promise", "Promised information due"),
    ("tariff", "Tariff expiring"),
    ("churn", "Client slipping away"),
]


class TransportMonitoringRule(models.Model):
    """A rule of the managers' daily plan: every morning it finds the clients,
    offers or promises that need a manager and plans an activity on each, for
    the client's or the order's salesperson."""

    _name = "transport.monitoring.rule"
    _description = "Daily plan rule"
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    kind = fields.Selection(MONITORING_KINDS, required=True, default="dormant")
    days = fields.Integer(
        default=30,
        help="Dormant client: days without an order. Offer: days since the offer "
        "was sent. Promise: days ahead of the promised date. Tariff: days ahead "
        "of the end of validity. Not used for clients slipping away.",
    )
    repeat_days = fields.Integer(
        string="Plan again after (days)",
        default=30,
        help="A record planned by this rule is not planned again by it within "
        "this many days, even once its activity is done.",
    )
    activity_type_id = fields.Many2one(
        "mail.activity.type",
        required=True,
        default=lambda self: self.env.ref(
            "transport_crm.mail_activity_type_client_call", raise_if_not_found=False
        ),
        domain=[("res_model", "=", False)],
    )
    summary = fields.Char(
        translate=True,
        help="Summary of the planned activities; the rule's name if empty.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        check_company=True,
        help="Gets the activities of records without a salesperson.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    activity_ids = fields.One2many("mail.activity", "transport_plan_rule_id")
    open_activity_count = fields.Integer(compute="_compute_open_activity_count")

    _days_positive = models.Constraint(
        "CHECK(days >= 0 AND repeat_days >= 0)",
        "The days of a daily plan rule cannot be negative.",
    )

    @api.constrains("days", "repeat_days")
    def _check_days(self):
        for rule in self:
            if not (
                0 <= rule.days <= MAX_PLAN_DAYS
                and 0 <= rule.repeat_days <= MAX_PLAN_DAYS
            ):
                raise ValidationError(
                    self.env._(
                        "Rule %(rule)s: the days must be between 0 and %(max)s.",
                        rule=rule.name,
                        max=MAX_PLAN_DAYS,
                    )
                )

    def _compute_open_activity_count(self):
        counts = dict(
            self.env["mail.activity"]._read_group(
                [("transport_plan_rule_id", "in", self.ids)],
                ["transport_plan_rule_id"],
                ["__count"],
            )
        )
        for rule in self:
            rule.open_activity_count = counts.get(rule, 0)

    # ------------------------------------------------------------ actions

    def action_draw_up(self):
        self.check_access("write")
        # The plan gives activities to every salesperson on their own clients
        # and offers, which the one pressing the button may not be allowed to
        # write on: plan as the morning cron does.
        activities = self.sudo()._draw_up_plan()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success" if activities else "info",
                "message": self.env._(
                    "Activities planned: %(count)s", count=len(activities)
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def action_view_activities(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "transport_crm.action_transport_my_day"
        )
        action["name"] = self.display_name
        action["domain"] = [("transport_plan_rule_id", "=", self.id)]
        action["context"] = {}
        return action

    # ------------------------------------------------------------ plan

    @api.model
    def _cron_draw_up_plans(self):
        """Daily cron: every active rule of every company plans its activities."""
        rules = self.search([("active", "=", True)])
        for company, company_rules in rules.grouped("company_id").items():
            company_rules.with_company(company)._draw_up_plan()
        return True

    def _draw_up_plan(self):
        """Plan an activity due today on each record the rules find, except on
        those the same rule planned within its repeat period and those with
        an open planned activity (rules run in sequence order). A handful of
        queries per rule, whatever the number of clients."""
        today = fields.Date.context_today(self)
        activities = self.env["mail.activity"]
        for rule in self.filtered("active"):
            records = rule.with_company(rule.company_id)._get_targets(today)
            if not records:
                continue
            repeat_after = today - timedelta(days=rule.repeat_days)
            planned = self.env["mail.activity"].with_context(active_test=False)
            planned = planned.search_fetch(
                Domain("res_model", "=", records._name)
                & Domain("res_id", "in", records.ids)
                & (
                    # open in anybody's plan: one call per client at a time
                    (
                        Domain("active", "=", True)
                        & Domain("transport_plan_rule_id", "!=", False)
                    )
                    | (
                        Domain("transport_plan_rule_id", "=", rule.id)
                        & Domain("date_deadline", ">", repeat_after)
                    )
                ),
                ["res_id"],
            )
            records -= records.browse(planned.mapped("res_id"))
            owners = rule._get_owners(records)
            vals_list = [
                rule._prepare_activity_vals(record, owners[record], today)
                for record in records
                if owners[record]
            ]
            # The plan is read in "My day": no notification per activity.
            activities |= (
                self.env["mail.activity"]
                .with_context(mail_activity_quick_update=True)
                .create(vals_list)
            )
        return activities

    def _get_targets(self, today):
        """The records this rule plans an activity on today."""
        self.ensure_one()
        company = Domain("company_id", "in", [self.company_id.id, False])
        Partner = self.env["res.partner"]
        if self.kind == "dormant":
            return Partner.search(
                company
                & Domain(
                    "transport_last_order_date", "<", today - timedelta(days=self.days)
                )
            )
        if self.kind == "churn":
            return Partner.search(company & Domain("transport_churn_risk", "=", True))
        if self.kind == "offer":
            sent_before = fields.Datetime.to_datetime(today - timedelta(days=self.days))
            return self.env["sale.order"].search(
                Domain("company_id", "=", self.company_id.id)
                & Domain("is_transport", "=", True)
                & Domain("state", "=", "sent")
                & Domain("transport_offer_date", "<", sent_before + timedelta(days=1))
            )
        if self.kind == "promise":
            return self.env["transport.interaction"].search(
                Domain("company_id", "=", self.company_id.id)
                & Domain("next_step_date", ">=", today)
                & Domain("next_step_date", "<=", today + timedelta(days=self.days))
            )
        if self.kind == "tariff":
            expiring = self.env["transport.tariff.rule"].search(
                Domain("date_end", ">=", today)
                & Domain("date_end", "<=", today + timedelta(days=self.days))
            )
            if not expiring:
                return Partner
            return Partner.search(
                company
                & Domain(
                    "specific_property_product_pricelist",
                    "in",
                    expiring.pricelist_id.ids,
                )
            )
        raise UserError(self.env._("Unknown kind of daily plan rule."))

    def _get_owners(self, records):
        """{record: user planned to act on it}: the salesperson of the client,
        offer or promise; for a client without one, the salesperson of its
        latest transport order; else the rule's responsible (maybe nobody)."""
        self.ensure_one()
        if records._name == "transport.interaction":
            owners = {rec: rec.user_id or rec.partner_id.user_id for rec in records}
        else:
            owners = {rec: rec.user_id for rec in records}
        orphans = records.filtered(lambda rec: not owners[rec])
        if records._name == "res.partner" and orphans:
            orders = self.env["sale.order"].search_fetch(
                [
                    ("is_transport", "=", True),
                    ("partner_id", "child_of", orphans.ids),
                    ("user_id", "!=", False),
                ],
                ["partner_id", "user_id"],
                order="date_order desc, id desc",
            )
            for order in orders:
                client = order.partner_id.commercial_partner_id
                if client in owners and not owners[client]:
                    owners[client] = order.user_id
        return {rec: owner or self.user_id for rec, owner in owners.items()}

    def _prepare_activity_vals(self, record, owner, today):
        """Values of the activity planned on ``record`` for ``owner``."""
        self.ensure_one()
        return {
            "res_model_id": self.env["ir.model"]._get_id(record._name),
            "res_id": record.id,
            "activity_type_id": self.activity_type_id.id,
            "summary": self._get_activity_summary(record),
            "user_id": owner.id,
            "date_deadline": today,
            "automated": True,
            "transport_plan_rule_id": self.id,
            "transport_plan_kind": self.kind,
        }

    def _get_activity_summary(self, record):
        self.ensure_one()
        summary = self.summary or self.name
        if self.kind == "promise" and record.next_step:
            return f"{summary}: {record.next_step}"
        return summary
