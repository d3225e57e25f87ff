from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain

PAY_ROLES = [("driver", "Driver"), ("sales", "Sales manager")]
PAY_BASES = [
    ("km", "Per km"),
    ("trip", "Per trip"),
    ("tonne", "Per tonne"),
    ("hour", "Per hour on route"),
    ("activity", "Per completed activity"),
    ("order", "Per confirmed order"),
    ("profit", "% of order profit"),
]


class TransportPayRateTable(models.Model):
    _name = "transport.pay.rate.table"
    _description = "Piece-rate table"
    _inherit = ["mail.thread"]
    _order = "date_from desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    active = fields.Boolean(default=True)
    employee_id = fields.Many2one(
        "hr.employee",
        check_company=True,
        index="btree_not_null",
        tracking=True,
        help="A personal table. It wins over the table of the employee's role.",
    )
    role = fields.Selection(
        PAY_ROLES,
        tracking=True,
        help="The table of every employee with this role who has no personal table.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    date_from = fields.Date(
        string="Valid from",
        required=True,
        default=fields.Date.context_today,
        tracking=True,
        help="Work done before this date is not paid by this table.",
    )
    date_to = fields.Date(string="Valid until", tracking=True)
    rate_ids = fields.One2many(
        "transport.pay.rate", "table_id", string="Rates", copy=True
    )

    _dates_ordered = models.Constraint(
        "CHECK(date_to IS NULL OR date_to >= date_from)",
        "A rate table cannot end before it starts.",
    )

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for table in self:
            if table.date_to and table.date_to < table.date_from:
                raise ValidationError(
                    self.env._(
                        "Rate table %(table)s cannot end before it starts.",
                        table=table.name,
                    )
                )

    @api.constrains("name", "employee_id", "role")
    def _check_employee_or_role(self):
        for table in self:
            if bool(table.employee_id) == bool(table.role):
                raise ValidationError(
                    self.env._(
                        "Rate table %(table)s must apply either to one employee or "
                        "to a role, not both and not neither.",
                        table=table.name,
                    )
                )

    @api.model
    def _get_applicable(self, employees, date_from, date_to):
        """{employee: table} for the period. The employee's own table wins
        over the table of his role; among tables of the same kind valid in the
        period, the one that started last. One query for all ``employees``."""
        roles = [role for role in set(employees.mapped("transport_pay_role")) if role]
        domain = (
            Domain("company_id", "in", employees.company_id.ids)
            & Domain("date_from", "<=", date_to)
            & (Domain("date_to", "=", False) | Domain("date_to", ">=", date_from))
            & (Domain("employee_id", "in", employees.ids) | Domain("role", "in", roles))
        )
        tables = self.search(domain, order="date_from desc, id desc")
        result = {}
        for employee in employees:
            own = tables.filtered(lambda t, e=employee: t.employee_id == e)
            by_role = tables.filtered(
                lambda t, e=employee: not t.employee_id
                and t.role == e.transport_pay_role
                and t.company_id == e.company_id
            )
            table = own[:1] or by_role[:1]
            if table:
                result[employee] = table
        return result

    def _covers(self, date):
        """Whether work done on ``date`` is paid by this table."""
        self.ensure_one()
        return self.date_from <= date and (not self.date_to or date <= self.date_to)

    def _get_rate(self, basis, activity_type=None):
        """The rate line of this table for ``basis`` (for activities, the
        line of the activity's type, else the line for every type)."""
        self.ensure_one()
        lines = self.rate_ids.filtered(lambda r: r.basis == basis)
        if basis != "activity":
            return lines[:1]
        specific = lines.filtered(lambda r: activity_type in r.activity_type_ids)
        return specific[:1] or lines.filtered(lambda r: not r.activity_type_ids)[:1]
