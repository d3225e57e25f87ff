from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .transport_pay_rate_table import PAY_BASES


class TransportPayStatementLine(models.Model):
    _name = "transport.pay.statement.line"
    _description = "Pay statement line"
    _order = "statement_id, id"

    statement_id = fields.Many2one(
        "transport.pay.statement", required=True, ondelete="cascade", index=True
    )
    employee_id = fields.Many2one(
        related="statement_id.employee_id", store=True, index=True
    )
    company_id = fields.Many2one(related="statement_id.company_id", store=True)
    currency_id = fields.Many2one(related="statement_id.currency_id")
    basis = fields.Selection(PAY_BASES, required=True)
    reference = fields.Char(
        help="The trip or order number, or the activity type, as computed."
    )
    description = fields.Char(required=True)
    quantity = fields.Float(digits=(16, 2), required=True)
    rate = fields.Float(digits=(16, 4), required=True)
    amount = fields.Monetary(compute="_compute_amount", store=True)
    # The work the line pays: exactly one of them. Paid trips and orders
    # cannot be deleted; a deleted activity keeps its line and description.
    trip_id = fields.Many2one("transport.trip", ondelete="restrict", index=True)
    order_id = fields.Many2one("sale.order", ondelete="restrict", index=True)
    activity_id = fields.Many2one(
        "mail.activity", ondelete="set null", index="btree_not_null"
    )

    @api.depends("quantity", "rate", "basis", "currency_id")
    def _compute_amount(self):
        for line in self:
            amount = line.quantity * line.rate
            if line.basis == "profit":
                amount /= 100.0
            line.amount = line.currency_id.round(amount)

    @api.constrains("statement_id", "trip_id", "order_id", "activity_id")
    def _check_one_work(self):
        for line in self:
            if (
                len([w for w in (line.trip_id, line.order_id, line.activity_id) if w])
                != 1
            ):
                raise ValidationError(
                    self.env._(
                        "A pay statement line pays exactly one trip, order or "
                        "activity: %(line)s.",
                        line=line.description,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        self.env["transport.pay.statement"].browse(
            {vals["statement_id"] for vals in vals_list if vals.get("statement_id")}
        )._check_draft()
        return super().create(vals_list)

    def write(self, vals):
        self.statement_id._check_draft()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_locked(self):
        self.statement_id._check_draft()

    def _get_work_key(self):
        self.ensure_one()
        return (
            self.employee_id.id,
            self.basis,
            self.trip_id.id,
            self.order_id.id,
            self.activity_id.id,
        )
