from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain


def _last_month_start(today):
    return today.replace(day=1) - relativedelta(months=1)


class TransportPayStatementGenerate(models.TransientModel):
    _name = "transport.pay.statement.generate"
    _description = "Generate pay statements"

    date_from = fields.Date(
        string="From",
        required=True,
        default=lambda self: _last_month_start(fields.Date.context_today(self)),
    )
    date_to = fields.Date(
        string="To",
        required=True,
        default=lambda self: _last_month_start(fields.Date.context_today(self))
        + relativedelta(months=1, days=-1),
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for wizard in self:
            if wizard.date_to < wizard.date_from:
                raise ValidationError(
                    self.env._("The period cannot end before it starts.")
                )

    def action_generate(self):
        """A draft statement, computed, for every employee of the company
        with a rate table in the period. Drafts of the same period are
        computed again; employees with another statement overlapping the
        period are left alone."""
        self.ensure_one()
        employees = self._get_employees()
        Statement = self.env["transport.pay.statement"]
        existing = Statement.search(
            [
                ("employee_id", "in", employees.ids),
                ("date_from", "<=", self.date_to),
                ("date_to", ">=", self.date_from),
            ]
        )
        same_drafts = existing.filtered(
            lambda s: s.state == "draft"
            and (s.date_from, s.date_to) == (self.date_from, self.date_to)
        )
        new = Statement.create(
            [
                {
                    "employee_id": employee.id,
                    "date_from": self.date_from,
                    "date_to": self.date_to,
                    "company_id": self.company_id.id,
                }
                for employee in employees - existing.employee_id
            ]
        )
        statements = new | same_drafts
        if not statements:
            raise UserError(
                self.env._(
                    "No employee with a rate table is left to pay for this "
                    "period: their statements exist already."
                )
            )
        statements._compute_pay_lines()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "transport_crm.action_transport_pay_statement"
        )
        action["domain"] = [("id", "in", statements.ids)]
        return action

    def _get_employees(self):
        tables = self.env["transport.pay.rate.table"].search(
            Domain("company_id", "=", self.company_id.id)
            & Domain("date_from", "<=", self.date_to)
            & (Domain("date_to", "=", False) | Domain("date_to", ">=", self.date_from))
        )
        roles = [role for role in set(tables.mapped("role")) if role]
        employees = tables.employee_id | self.env["hr.employee"].search(
            [
                ("company_id", "=", self.company_id.id),
                ("transport_pay_role", "in", roles),
            ]
        )
        if not employees:
            raise UserError(
                self.env._(
                    "No rate table applies to anyone in this period: create the "
                    "rate tables of the roles or of the employees first."
                )
            )
        return employees
