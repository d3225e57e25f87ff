from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .transport_pay_rate_table import PAY_BASES


class TransportPayRate(models.Model):
    _name = "transport.pay.rate"
    _description = "Piece rate"
    _order = "table_id, sequence, id"

    table_id = fields.Many2one(
        "transport.pay.rate.table", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="table_id.company_id", store=True)
    currency_id = fields.Many2one(related="table_id.currency_id")
    sequence = fields.Integer(default=10)
    basis = fields.Selection(PAY_BASES, required=True)
    rate = fields.Float(
        digits=(16, 4),
        required=True,
        help="Amount per unit, or the percentage for a share of order profit.",
    )
    activity_type_ids = fields.Many2many(
        "mail.activity.type",
        string="Activity types",
        help="Completed activities of these types only; empty: every type.",
    )

    _rate_positive = models.Constraint(
        "CHECK(rate >= 0)", "A piece rate cannot be negative."
    )

    @api.constrains("basis", "rate", "activity_type_ids", "table_id")
    def _check_rate(self):
        for line in self:
            if line.rate < 0:
                raise ValidationError(self.env._("A piece rate cannot be negative."))
            if line.basis == "profit" and line.rate > 100:
                raise ValidationError(
                    self.env._("A share of order profit cannot exceed 100 %.")
                )
            if line.basis != "activity" and line.activity_type_ids:
                raise ValidationError(
                    self.env._("Only rates per completed activity take activity types.")
                )
            twins = line.table_id.rate_ids.filtered(
                lambda r, li=line: r != li
                and r.basis == li.basis
                and (
                    li.basis != "activity"
                    or r.activity_type_ids & li.activity_type_ids
                    or not (r.activity_type_ids or li.activity_type_ids)
                )
            )
            if twins:
                raise ValidationError(
                    self.env._(
                        "Rate table %(table)s has two rates for %(basis)s.",
                        table=line.table_id.name,
                        basis=dict(PAY_BASES)[line.basis],
                    )
                )
