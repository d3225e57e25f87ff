from odoo import api, fields, models


class TransportStockIssueLine(models.TransientModel):
    _name = "transport.stock.issue.line"
    _description = "Item to Issue"

    wizard_id = fields.Many2one(
        "transport.stock.issue", required=True, ondelete="cascade"
    )
    issue_type = fields.Selection(related="wizard_id.issue_type")
    product_id = fields.Many2one(
        "product.product",
        string="Item",
        required=True,
        domain="[('is_storable', '=', True), ('transport_kind', '!=', False)]",
    )
    quantity = fields.Float(default=1.0, digits="Product Unit", required=True)
    uom_id = fields.Many2one(related="product_id.uom_id")
    qty_available = fields.Float(
        string="On Hand",
        compute="_compute_qty_available",
        digits="Product Unit",
        help="Quantity on hand in the location the goods are issued from.",
    )

    @api.depends("product_id", "wizard_id.location_id")
    def _compute_qty_available(self):
        for line in self:
            line.qty_available = line.product_id.with_context(
                location=line.wizard_id.location_id.id
            ).qty_available
