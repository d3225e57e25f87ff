import ast
import logging

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain
from odoo.tools import SQL
from odoo.tools.safe_eval import datetime, safe_eval

from .res_partner_marketing import FACTS_DAYS

_logger = logging.getLogger(__name__)

# Rule segments refreshed per cron batch before committing.
REFRESH_BATCH = 20
# What a rule may hold besides literals (see _check_rule_expression).
RULE_NODES = (
    ast.Expression,
    ast.List,
    ast.Tuple,
    ast.Constant,
    ast.Name,
    ast.Load,
    ast.Call,
    ast.keyword,
    ast.Attribute,
    ast.BinOp,
    ast.UnaryOp,
    ast.UAdd,
    ast.USub,
    ast.Add,
    ast.Sub,
)
RULE_OPS = (ast.Add, ast.Sub)
# A hundred years: longer periods overflow the date arithmetic.
MAX_FACT_DAYS = 36500


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

    @api.constrains("fact_days")
    def _check_fact_days(self):
        if any(not 0 < segment.fact_days <= MAX_FACT_DAYS for segment in self):
            raise ValidationError(
                self.env._(
                    "The period of a segment's rule must be between 1 and %(max)s "
                    "days.",
                    max=MAX_FACT_DAYS,
                )
            )

    @api.constrains("kind", "rule_domain", "fact_days")
    def _check_rule_domain(self):
        for segment in self.filtered(lambda s: s.kind == "rule"):
            domain = segment._get_rule_domain()
            # Constraints run as superuser; the rule is tried with its author's
            # rights, and the daily cron (which reads everything) applies it
            # later: its author must be able to read what it filters on.
            segment = segment.sudo(False)
            Partner = segment.env["res.partner"]
            try:
                segment._check_rule_access(Partner, domain)
                Partner.with_context(
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

    @api.model
    def _check_rule_access(self, model, domain):
        """Raise AccessError unless the current user may read every model and
        field on the paths the domain filters on (search itself checks
        neither the fields' groups nor the models along a path)."""
        for condition in Domain(domain).iter_conditions():
            current = model
            for name in condition.field_expr.split("."):
                field = current._fields.get(name)
                if field is None:
                    break  # an unknown name: the search reports it
                current.check_access("read")
                current._check_field_access(field, "read")
                if not field.relational:
                    break
                current = self.env[field.comodel_name]
                if condition.operator in ("any", "not any", "any!", "not any!"):
                    self._check_rule_access(current, condition.value)

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
            "company_ids": self.env.companies.ids,
        }

    def _invalid_filter(self, error):
        return ValidationError(
            self.env._(
                "The rule of segment %(segment)s is not a valid filter: %(error)s",
                segment=self.name,
                error=error,
            )
        )

    def _check_rule_expression(self, text):
        """Refuse a rule that is more than a filter: only lists and tuples of
        literals, the names of the evaluation context, calls of their public
        methods (``context_today().strftime(...)``), ``+`` and ``-``. No
        lambda, comprehension, subscript or private attribute: a rule cannot
        run code nor build a huge value."""
        self.ensure_one()
        try:
            tree = ast.parse(text, mode="eval")
        except SyntaxError as error:
            raise self._invalid_filter(error) from error
        names = set(self._get_eval_context())
        for node in ast.walk(tree):
            allowed = isinstance(node, RULE_NODES) and not (
                (isinstance(node, ast.Name) and node.id not in names)
                or (isinstance(node, ast.Attribute) and node.attr.startswith("_"))
                or (isinstance(node, ast.BinOp) and not isinstance(node.op, RULE_OPS))
            )
            if not allowed:
                raise ValidationError(
                    self.env._(
                        "The rule of segment %(segment)s is not a valid filter: "
                        "%(part)s is not allowed. A rule holds conditions on "
                        "client fields, with values and dates relative to today.",
                        segment=self.name,
                        part=ast.get_source_segment(text, node) or type(node).__name__,
                    )
                )

    def _get_rule_domain(self):
        """The rule as a Domain, evaluated without ``eval``: a literal list, or
        the domain editor's expressions (dates relative to today) in
        ``safe_eval``'s sandbox."""
        self.ensure_one()
        text = (self.rule_domain or "[]").strip()
        try:
            value = ast.literal_eval(text)
        except (ValueError, SyntaxError):
            self._check_rule_expression(text)
            try:
                value = safe_eval(text, self._get_eval_context())
            except Exception as error:
                raise self._invalid_filter(error) from error
        if not isinstance(value, (list, tuple)):
            raise ValidationError(
                self.env._(
                    "The rule of segment %(segment)s must be a list of conditions.",
                    segment=self.name,
                )
            )
        try:
            return Domain(list(value))
        except (TypeError, ValueError) as error:
            raise self._invalid_filter(error) from error

    def _refresh_membership(self):
        """Recompute the members of rule segments: one write of the refresh
        dates, then per segment one statement that removes the members the
        rule no longer matches and adds those it now matches, in the database
        (the member sets never go through Python)."""
        segments = self.filtered(lambda s: s.kind == "rule")
        if not segments:
            return
        # the statements below write the members as the ORM write did; the
        # refresh dates are written first: the segments' rows stay locked
        # until the end of the transaction, so two refreshes of a segment
        # never insert the same member
        segments.check_access("write")
        segments.write({"last_refresh": fields.Datetime.now()})
        segments.flush_model(["partner_ids", "last_refresh"])
        Partner = self.env["res.partner"].with_context(active_test=True)
        for segment in segments:
            target = Partner.with_context(
                transport_fact_days=segment.fact_days
            )._search(segment._get_rule_domain())
            self.env.execute_query(
                SQL(
                    """
                    WITH target AS (%(target)s),
                    removed AS (
                        DELETE FROM transport_segment_partner_rel r
                         WHERE r.segment_id = %(segment)s
                           AND NOT EXISTS (
                                SELECT 1 FROM target t WHERE t.id = r.partner_id)
                    )
                    INSERT INTO transport_segment_partner_rel (segment_id, partner_id)
                    SELECT %(segment)s, t.id FROM target t
                     WHERE NOT EXISTS (
                        SELECT 1 FROM transport_segment_partner_rel r
                         WHERE r.segment_id = %(segment)s AND r.partner_id = t.id)
                    """,
                    target=target.select(),
                    segment=segment.id,
                )
            )
        segments.invalidate_recordset(["partner_ids"])
        Partner.invalidate_model(["transport_segment_ids"])

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
