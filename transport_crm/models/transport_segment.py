import ast
import logging

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Command, Domain
from odoo.tools import SQL
from odoo.tools.safe_eval import datetime, safe_eval

from .res_partner_marketing import FACTS_DAYS

_logger = logging.getLogger(__name__)

# Rule segments refreshed per cron batch before committing.
REFRESH_BATCH = 20


class TransportSegment(models.Model):
    _name = "transport.segment"
    _description = "Client segment"
    _order = "sequence, name, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    description = fields.Text(translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    color = fields.Integer()
    kind = fields.Selection(
        [("manual", "Set by hand"), ("rule", "Kept by a rule")],
        required=True,
        default="rule",
    )
    rule_domain = fields.Char(
        string="Rule",
        default="[]",
        help="Clients matching this filter are the segment's members.",
    )
    fact_days = fields.Integer(
        string="Period (days)",
        default=FACTS_DAYS,
        required=True,
        help="The rule's order count, tonnage, revenue, profit and cargo types "
        "shipped are those of the last this many days.",
    )
    partner_ids = fields.Many2many(
        "res.partner",
        "transport_segment_partner_rel",
        "segment_id",
        "partner_id",
        string="Members",
    )
    member_count = fields.Integer(compute="_compute_member_count")
    last_refresh = fields.Datetime(string="Last refresh", readonly=True)
    company_id = fields.Many2one(
        "res.company", default=lambda self: self.env.company, index=True
    )

    _fact_days_positive = models.Constraint(
        "CHECK(fact_days > 0)",
        "The period of a segment's rule must be at least one day.",
    )

    def _compute_member_count(self):
        counts = dict(
            self.env["res.partner"]._read_group(
                [("transport_segment_ids", "in", self.ids)],
                ["transport_segment_ids"],
                ["__count"],
            )
        )
        for segment in self:
            segment.member_count = counts.get(segment, 0)

    @api.constrains("kind", "rule_domain", "fact_days")
    def _check_rule_domain(self):
        for segment in self.filtered(lambda s: s.kind == "rule"):
            domain = segment._get_rule_domain()
            try:
                self.env["res.partner"].with_context(
                    transport_fact_days=segment.fact_days
                ).search_count(domain, limit=1)
            except Exception as error:
                raise ValidationError(
                    self.env._(
                        "The rule of segment %(segment)s cannot be applied: %(error)s",
                        segment=segment.name,
                        error=error,
                    )
                ) from error

    # ------------------------------------------------------------ actions

    def action_refresh(self):
        self._refresh_membership()
        return True

    def action_view_members(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Members of %(segment)s", segment=self.display_name),
            "res_model": "res.partner",
            "view_mode": "list,kanban,form",
            "domain": [("transport_segment_ids", "in", self.ids)],
            "context": {"transport_fact_days": self.fact_days},
        }

    def action_new_mailing(self):
        """A draft email mailing to this segment."""
        return {
            "type": "ir.actions.act_window",
            "res_model": "mailing.mailing",
            "view_mode": "form",
            "context": {
                "default_mailing_type": self.env.context.get("mailing_type", "mail"),
                "default_mailing_model_id": self.env["ir.model"]._get_id("res.partner"),
                "default_transport_segment_ids": self.ids,
            },
        }

    # ------------------------------------------------------------ business

    def _get_eval_context(self):
        today = fields.Date.context_today(self)
        return {
            "datetime": datetime,
            "relativedelta": relativedelta,
            "context_today": lambda: today,
            "uid": self.env.uid,
            "user": self.env.user,
            "company_ids": self.env.companies.ids,
        }

    def _get_rule_domain(self):
        """The rule as a Domain, evaluated without ``eval``: a literal list, or
        the domain editor's expressions (dates relative to today) in
        ``safe_eval``'s sandbox."""
        self.ensure_one()
        text = (self.rule_domain or "[]").strip()
        try:
            value = ast.literal_eval(text)
        except (ValueError, SyntaxError):
            try:
                value = safe_eval(text, self._get_eval_context())
            except Exception as error:
                raise ValidationError(
                    self.env._(
                        "The rule of segment %(segment)s is not a valid filter: "
                        "%(error)s",
                        segment=self.name,
                        error=error,
                    )
                ) from error
        if not isinstance(value, (list, tuple)):
            raise ValidationError(
                self.env._(
                    "The rule of segment %(segment)s must be a list of conditions.",
                    segment=self.name,
                )
            )
        return Domain(list(value))

    def _refresh_membership(self):
        """Recompute the members of rule segments: one search per segment for
        the target set, one query for the current sets, and a write of the
        difference only."""
        segments = self.filtered(lambda s: s.kind == "rule")
        if not segments:
            return
        current = {segment.id: set() for segment in segments}
        segments.flush_model(["partner_ids"])
        rows = self.env.execute_query(
            SQL(
                "SELECT segment_id, partner_id FROM transport_segment_partner_rel "
                "WHERE segment_id IN %s",
                tuple(segments.ids),
            )
        )
        for segment_id, partner_id in rows:
            current[segment_id].add(partner_id)
        Partner = self.env["res.partner"].with_context(active_test=True)
        now = fields.Datetime.now()
        for segment in segments:
            target = set(
                Partner.with_context(transport_fact_days=segment.fact_days)
                .search(segment._get_rule_domain())
                .ids
            )
            members = current[segment.id]
            commands = [Command.link(pid) for pid in sorted(target - members)]
            commands += [Command.unlink(pid) for pid in sorted(members - target)]
            vals = {"last_refresh": now}
            if commands:
                vals["partner_ids"] = commands
            segment.write(vals)

    @api.model
    def _cron_refresh(self):
        """Daily: update the clients' marketing facts, then refresh every rule
        segment, committing after each batch."""
        self.env["res.partner"]._transport_update_marketing_facts()
        segments = self.search([("kind", "=", "rule")])
        cron = self.env["ir.cron"]
        cron._commit_progress(remaining=len(segments))
        for start in range(0, len(segments), REFRESH_BATCH):
            batch = segments[start : start + REFRESH_BATCH]
            batch._refresh_membership()
            if not cron._commit_progress(len(batch)):
                break
        return True
