from datetime import datetime, time, timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Domain
from odoo.tools import SQL

# What a confirmed statement still accepts: the chatter's own bookkeeping.
UNLOCKED_FIELDS = {"message_main_attachment_id"}
TRIP_BASES = ("km", "trip", "tonne", "hour")


def _month_start(today):
    return today.replace(day=1)


class TransportPayStatement(models.Model):
    _name = "transport.pay.statement"
    _description = "Pay statement"
    _inherit = ["mail.thread"]
    _order = "date_from desc, id desc"
    _check_company_auto = True

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------
    name = fields.Char(
        string="Number",
        required=True,
        readonly=True,
        copy=False,
        default=lambda self: self.env._("New"),
    )
    employee_id = fields.Many2one(
        "hr.employee", required=True, check_company=True, index=True, tracking=True
    )
    date_from = fields.Date(
        string="From",
        required=True,
        tracking=True,
        default=lambda self: _month_start(fields.Date.context_today(self)),
    )
    date_to = fields.Date(
        string="To",
        required=True,
        tracking=True,
        default=lambda self: _month_start(fields.Date.context_today(self))
        + relativedelta(months=1, days=-1),
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    state = fields.Selection(
        [("draft", "Draft"), ("confirmed", "Confirmed")],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    rate_table_id = fields.Many2one(
        "transport.pay.rate.table",
        string="Rate table",
        readonly=True,
        copy=False,
        check_company=True,
        help="The table the lines were computed with.",
    )
    line_ids = fields.One2many(
        "transport.pay.statement.line", "statement_id", string="Lines", copy=False
    )
    line_count = fields.Integer(compute="_compute_amount_total", store=True)
    amount_total = fields.Monetary(
        string="Total", compute="_compute_amount_total", store=True, tracking=True
    )
    date_computed = fields.Datetime(string="Computed on", readonly=True, copy=False)
    date_confirmed = fields.Datetime(string="Confirmed on", readonly=True, copy=False)
    confirmed_by_id = fields.Many2one(
        "res.users", string="Confirmed by", readonly=True, copy=False
    )
    note = fields.Text()

    _dates_ordered = models.Constraint(
        "CHECK(date_to >= date_from)",
        "A pay statement cannot end before it starts.",
    )

    # ------------------------------------------------------------------
    # Computes and constraints
    # ------------------------------------------------------------------
    @api.depends("line_ids.amount")
    def _compute_amount_total(self):
        for statement in self:
            statement.amount_total = sum(statement.line_ids.mapped("amount"))
            statement.line_count = len(statement.line_ids)

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for statement in self:
            if statement.date_to < statement.date_from:
                raise ValidationError(
                    self.env._(
                        "Pay statement %(statement)s cannot end before it starts.",
                        statement=statement.name,
                    )
                )

    @api.constrains("employee_id", "date_from", "date_to")
    def _check_no_overlap(self):
        # Two managers making statements of one employee at the same moment
        # would each miss the other's and pay the period twice. Touching the
        # employee rows makes the second wait for the first; once the first
        # commits, PostgreSQL refuses the second with a serialization failure
        # (the no-op UPDATE, unlike a mere lock, makes it visible under
        # REPEATABLE READ) and Odoo replays the request, which then sees the
        # first statement and is refused below.
        if self.employee_id:
            self.env.cr.execute(
                SQL(
                    "UPDATE hr_employee SET write_date = write_date WHERE id IN %s",
                    tuple(sorted(self.employee_id.ids)),
                ),
                log_exceptions=False,
            )
        domain = Domain.OR(
            Domain("employee_id", "=", statement.employee_id.id)
            & Domain("date_from", "<=", statement.date_to)
            & Domain("date_to", ">=", statement.date_from)
            for statement in self
        ) & Domain("id", "not in", self.ids)
        others = self.search(domain)
        for statement in self:
            clash = others.filtered(
                lambda o, s=statement: o.employee_id == s.employee_id
                and o.date_from <= s.date_to
                and o.date_to >= s.date_from
            )[:1]
            if clash:
                raise ValidationError(
                    self.env._(
                        "%(employee)s already has pay statement %(other)s for "
                        "%(date_from)s – %(date_to)s: periods cannot overlap.",
                        employee=statement.employee_id.name,
                        other=clash.name,
                        date_from=clash.date_from,
                        date_to=clash.date_to,
                    )
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        default_name = self.env._("New")
        unnamed = [v for v in vals_list if v.get("name", default_name) == default_name]
        names = self.env["ir.sequence"]._next_by_code_batch(
            "transport.pay.statement", len(unnamed)
        )
        for vals, name in zip(unnamed, names, strict=True):
            if name:
                vals["name"] = name
        return super().create(vals_list)

    def write(self, vals):
        if set(vals) - UNLOCKED_FIELDS:
            self._check_draft()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_confirmed(self):
        self._check_draft()

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_compute(self):
        self._check_draft()
        self._compute_pay_lines()
        return True

    def action_confirm(self):
        if not self.env.user.has_group("transport_fleet.group_transport_manager"):
            raise AccessError(
                self.env._("Only a transport manager can confirm pay statements.")
            )
        self._check_draft()
        empty = self.filtered(lambda s: not s.line_ids)
        if empty:
            raise UserError(
                self.env._(
                    "Pay statement %(names)s has no lines: compute it first.",
                    names=", ".join(empty.mapped("name")),
                )
            )
        self._check_not_paid_elsewhere()
        self.write(
            {
                "state": "confirmed",
                "date_confirmed": fields.Datetime.now(),
                "confirmed_by_id": self.env.uid,
            }
        )
        return True

    def action_print(self):
        return self.env.ref(
            "transport_crm.action_report_transport_pay_statement"
        ).report_action(self)

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    def _check_draft(self):
        locked = self.filtered(lambda s: s.state == "confirmed")
        if locked:
            raise UserError(
                self.env._(
                    "Pay statement %(names)s is confirmed and locked: it can "
                    "no longer be changed or deleted.",
                    names=", ".join(locked.mapped("name")),
                )
            )

    def _compute_pay_lines(self):
        """Rebuild the lines of draft statements from the work recorded in
        the system: a few queries per period, whatever the batch size."""
        line_vals = []
        table_by_statement = {}
        for (date_from, date_to), statements in self.grouped(
            lambda s: (s.date_from, s.date_to)
        ).items():
            tables = self.env["transport.pay.rate.table"]._get_applicable(
                statements.employee_id, date_from, date_to
            )
            for statement in statements:
                table_by_statement[statement] = tables.get(statement.employee_id)
            line_vals += statements._prepare_period_lines(date_from, date_to, tables)
        self.line_ids.unlink()
        self.env["transport.pay.statement.line"].create(line_vals)
        now = fields.Datetime.now()
        for statement in self:
            table = table_by_statement[statement]
            statement.write(
                {"rate_table_id": table.id if table else False, "date_computed": now}
            )

    def _prepare_period_lines(self, date_from, date_to, tables):
        """Line values for statements sharing one period, except the work
        already paid on another confirmed statement of the same employee."""
        start = datetime.combine(date_from, time.min)
        end = datetime.combine(date_to + timedelta(days=1), time.min)
        by_contact = {s.employee_id.work_contact_id: s for s in self}
        by_user = {s.employee_id.user_id: s for s in self}
        by_contact.pop(self.env["res.partner"], None)
        by_user.pop(self.env["res.users"], None)
        # sudo: a statement pays all the work recorded for the employee, not
        # only the trips, orders and activities its reader is allowed to see;
        # the searches are bounded by the employees, the period and companies.
        trips = (
            self.env["transport.trip"]
            .sudo()
            .search(
                Domain("state", "=", "done")
                & Domain("date_arrival", ">=", start)
                & Domain("date_arrival", "<", end)
                & Domain("company_id", "in", self.company_id.ids)
                & (
                    Domain("driver_id", "in", [p.id for p in by_contact])
                    | Domain("co_driver_id", "in", [p.id for p in by_contact])
                ),
                order="date_arrival, id",
            )
        )
        activities = (
            self.env["mail.activity"]
            .sudo()
            .with_context(active_test=False)
            .search(
                [
                    ("active", "=", False),
                    ("date_done", ">=", date_from),
                    ("date_done", "<=", date_to),
                    ("user_id", "in", [u.id for u in by_user]),
                ],
                order="date_done, id",
            )
        )
        earliest = min(
            [start] + [datetime.combine(t.date_from, time.min) for t in tables.values()]
        )
        orders = (
            self.env["sale.order"]
            .sudo()
            .search(
                [
                    ("is_transport", "=", True),
                    ("state", "=", "sale"),
                    ("user_id", "in", [u.id for u in by_user]),
                    ("company_id", "in", self.company_id.ids),
                    ("date_order", ">=", earliest),
                    ("date_order", "<", end),
                ],
                order="date_order, id",
            )
        )
        paid = self._get_paid_keys(trips, orders, activities)
        vals_list = []
        for trip in trips:
            for partner in trip.driver_id | trip.co_driver_id:
                statement = by_contact.get(partner)
                if statement and statement.company_id == trip.company_id:
                    vals_list += statement._prepare_trip_lines(trip, tables, paid)
        for activity in activities:
            statement = by_user[activity.user_id]
            vals_list += statement._prepare_activity_lines(activity, tables, paid)
        for order in orders:
            statement = by_user[order.user_id]
            if statement.company_id == order.company_id:
                vals_list += statement._prepare_order_lines(order, tables, paid, start)
        return vals_list

    def _get_paid_keys(self, trips, orders, activities):
        """(employee id, basis, trip, order, activity ids) of the work paid
        on confirmed statements other than ``self``."""
        lines = self.env["transport.pay.statement.line"].search(
            Domain("statement_id.state", "=", "confirmed")
            & Domain("statement_id", "not in", self.ids)
            & Domain("employee_id", "in", self.employee_id.ids)
            & (
                Domain("trip_id", "in", trips.ids)
                | Domain("order_id", "in", orders.ids)
                | Domain("activity_id", "in", activities.ids)
            )
        )
        return {line._get_work_key(): line for line in lines}

    def _check_not_paid_elsewhere(self):
        lines = self.line_ids
        paid = self._get_paid_keys(lines.trip_id, lines.order_id, lines.activity_id)
        for line in lines:
            other = paid.get(line._get_work_key())
            if other:
                raise UserError(
                    self.env._(
                        "%(work)s is already paid on confirmed pay statement "
                        "%(other)s: compute %(statement)s again.",
                        work=line.reference,
                        other=other.statement_id.name,
                        statement=line.statement_id.name,
                    )
                )

    def _prepare_line(self, table, basis, quantity, reference, paid, **work):
        """Values of one line, or None when nothing is recorded, the table
        has no rate for it or it is already paid."""
        self.ensure_one()
        rate = table._get_rate(basis, work.pop("activity_type", None))
        if not rate or not quantity:
            return None
        vals = {
            "statement_id": self.id,
            "basis": basis,
            "quantity": quantity,
            "rate": rate.rate,
            "reference": reference,
            "description": work.pop("description"),
            "trip_id": work.get("trip_id", False),
            "order_id": work.get("order_id", False),
            "activity_id": work.get("activity_id", False),
        }
        key = (
            self.employee_id.id,
            basis,
            vals["trip_id"],
            vals["order_id"],
            vals["activity_id"],
        )
        return None if key in paid else vals

    def _prepare_trip_lines(self, trip, tables, paid):
        table = tables.get(self.employee_id)
        if not table or not table._covers(trip.date_arrival.date()):
            return []
        route = " → ".join(filter(None, [trip.origin, trip.destination]))
        quantities = {
            "km": trip.distance_actual,
            "trip": 1.0,
            "tonne": trip.cargo_weight,
            "hour": round(trip.duration_hours, 2),
        }
        vals_list = [
            self._prepare_line(
                table,
                basis,
                quantities[basis],
                trip.name,
                paid,
                description=route or trip.name,
                trip_id=trip.id,
            )
            for basis in TRIP_BASES
        ]
        return [vals for vals in vals_list if vals]

    def _prepare_activity_lines(self, activity, tables, paid):
        table = tables.get(self.employee_id)
        if not table or not table._covers(activity.date_done):
            return []
        kind = activity.activity_type_id.name or ""
        what = activity.summary or kind
        vals = self._prepare_line(
            table,
            "activity",
            1.0,
            kind,
            paid,
            description=" · ".join(filter(None, [what, activity.res_name])),
            activity_id=activity.id,
            activity_type=activity.activity_type_id,
        )
        return [vals] if vals else []

    def _prepare_order_lines(self, order, tables, paid, start):
        """Per confirmed order: the orders confirmed in the period. Share of
        profit: once an order is invoiced with a profit, on the first
        statement that computes it (orders since the table's start)."""
        table = tables.get(self.employee_id)
        if not table or not table._covers(order.date_order.date()):
            return []
        work = {
            "description": order.partner_id.name or order.name,
            "order_id": order.id,
        }
        vals_list = []
        if order.date_order >= start:
            vals_list.append(
                self._prepare_line(table, "order", 1.0, order.name, paid, **work)
            )
        if order.transport_revenue > 0 and order.transport_profit > 0:
            profit = order.transport_profit
            vals_list.append(
                self._prepare_line(table, "profit", profit, order.name, paid, **work)
            )
        return [vals for vals in vals_list if vals]
