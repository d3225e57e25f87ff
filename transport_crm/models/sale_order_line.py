from odoo import fields, models


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    transport_charge_type = fields.Selection(
        selection=lambda self: self.env["transport.tariff.rule"]
        ._fields["rule_type"]
        ._description_selection(self.env),
        string="Transport charge",
        readonly=True,
        copy=True,
        help="Set on lines priced by the transport tariff: repricing rewrites them.",
    )
    transport_rule_id = fields.Many2one(
        "transport.tariff.rule",
        readonly=True,
        ondelete="set null",
        index="btree_not_null",
    )

    def _compute_price_unit(self):
        # Tariff lines are priced by the tariff engine, not by the product's price.
        return super(
            SaleOrderLine, self.filtered(lambda line: not line.transport_charge_type)
        )._compute_price_unit()
