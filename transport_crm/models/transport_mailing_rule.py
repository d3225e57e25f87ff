from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

INTERVAL_TYPES = [("days", "Days"), ("weeks", "Weeks"), ("months", "Months")]


class TransportMailingRule(models.Model):
    _name = "transport.mailing.rule"
    _description = "Recurring segmented mailing"
    _order = "next_date, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    segment_ids = fields.Many2many(
        "transport.segment", string="Segments", required=True, check_company=True
    )
    template_id = fields.Many2one(
        "transport.mailing.template", required=True, check_company=True
    )
    mailing_type = fields.Selection(related="template_id.mailing_type")
    interval_number = fields.Integer(string="Every", default=1, required=True)
    interval_type = fields.Selection(INTERVAL_TYPES, default="months", required=True)
    min_gap_days = fields.Integer(
        string="Minimum days between messages",
        default=7,
        help="A client who received any marketing message within this many days "
        "is skipped by this rule's mailings.",
    )
    next_date = fields.Date(
        string="Next mailing", required=True, default=fields.Date.context_today
    )
    mailing_ids = fields.One2many("mailing.mailing", "transport_rule_id")
    mailing_count = fields.Integer(compute="_compute_mailing_count")
    company_id = fields.Many2one(
        "res.company", default=lambda self: self.env.company, index=True
    )

    def _compute_mailing_count(self):
        counts = dict(
            self.env["mailing.mailing"]._read_group(
                [("transport_rule_id", "in", self.ids)],
                ["transport_rule_id"],
                ["__count"],
            )
        )
        for rule in self:
            rule.mailing_count = counts.get(rule, 0)

    @api.constrains("interval_number", "min_gap_days")
    def _check_schedule(self):
        if any(rule.interval_number <= 0 for rule in self):
            raise ValidationError(self.env._("The interval must be positive."))
        if any(rule.min_gap_days < 0 for rule in self):
            raise ValidationError(
                self.env._("The minimum days between messages cannot be negative.")
            )

    def action_view_mailings(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.name,
            "res_model": "mailing.mailing",
            "view_mode": "list,form",
            "domain": [("transport_rule_id", "=", self.id)],
        }

    def action_run_now(self):
        return self._run(fields.Date.context_today(self))

    def _prepare_mailing_vals(self):
        self.ensure_one()
        return {
            "mailing_type": self.template_id.mailing_type,
            "mailing_model_id": self.env["ir.model"]._get_id("res.partner"),
            "transport_template_id": self.template_id.id,
            "transport_segment_ids": self.segment_ids.ids,
            "transport_min_gap_days": self.min_gap_days,
            "transport_rule_id": self.id,
        }

    def _run(self, today):
        """Queue one mailing per rule and move the rule to its next date."""
        mailings = self.env["mailing.mailing"]
        for rule in self:
            mailing = mailings.create(rule._prepare_mailing_vals())
            mailing.action_put_in_queue()
            mailings |= mailing
            step = relativedelta(**{rule.interval_type: rule.interval_number})
            next_date = rule.next_date + step
            while next_date <= today:
                next_date += step
            rule.next_date = next_date
        return mailings

    @api.model
    def _cron_run(self):
        today = fields.Date.context_today(self)
        self.search([("next_date", "<=", today)])._run(today)
        return True
