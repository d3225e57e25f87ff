from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL


class StockMove(models.Model):
    _inherit = "stock.move"

    transport_kind = fields.Selection(related="product_id.transport_kind")
    transport_barcode = fields.Char(related="product_id.barcode", string="Barcode")
    transport_currency_id = fields.Many2one(related="company_id.currency_id")
    transport_cost = fields.Monetary(
        string="Issue Cost",
        currency_field="transport_currency_id",
        readonly=True,
        copy=False,
        help="Quantity times the item's cost at the moment the move was done.",
    )

    def _action_done(self, cancel_backorder=False):
        moves = super()._action_done(cancel_backorder=cancel_backorder)
        done_moves = moves.filtered(lambda move: move.state == "done")
        done_moves._check_transport_no_negative()
        for move in done_moves.filtered("product_id.transport_kind"):
            move.transport_cost = move.product_qty * move.product_id.standard_price
        return moves

    def _lock_transport_quants(self):
        """Lock the stock of the fleet supplies these moves take from.

        Core takes quants with SKIP LOCKED: while a storekeeper issues the last
        litres, a second issue of the same fuel skips the locked quant, books a
        new negative one and, not seeing the first issue yet, passes the check
        below: both issues would go through and the stock would end negative.
        Waiting for the lock instead puts the second issue behind the first;
        once the first commits, PostgreSQL refuses the second with a
        serialization failure and Odoo replays the request, which then sees
        what is left and is refused with the usual message. The error is not
        logged here: Odoo logs the replay.
        """
        moves = self.filtered(
            lambda move: move.product_id.transport_kind
            and move.product_id.is_storable
            and move.location_id.usage == "internal"
        )
        if not moves:
            return
        # sudo: a dispatcher closing a trip books its fuel without stock rights;
        # the quants are only read to lock them.
        quants = (
            self.env["stock.quant"]
            .sudo()
            .search(
                [
                    ("product_id", "in", moves.product_id.ids),
                    ("location_id", "child_of", moves.location_id.ids),
                ]
            )
        )
        if quants:
            self.env.cr.execute(
                SQL(
                    "SELECT id FROM stock_quant WHERE id IN %s ORDER BY id "
                    "FOR NO KEY UPDATE",
                    tuple(quants.ids),
                ),
                log_exceptions=False,
            )

    def _check_transport_no_negative(self):
        """Refuse a move that leaves a fleet supply below zero in an internal location.

        Only items of a fleet supply category (fuel, lubricants, tyres, parts,
        consumables) are watched, so that the rest of the warehouse keeps the
        standard behaviour.
        """
        move_lines = self.move_line_ids.filtered(
            lambda line: line.product_id.transport_kind
            and line.product_id.is_storable
            and line.location_id.usage == "internal"
        )
        if not move_lines:
            return
        issued = defaultdict(float)
        for line in move_lines:
            issued[line.product_id, line.location_id] += line.quantity_product_uom
        groups = self.env["stock.quant"]._read_group(
            [
                ("product_id", "in", move_lines.product_id.ids),
                ("location_id", "in", move_lines.location_id.ids),
            ],
            ["product_id", "location_id"],
            ["quantity:sum"],
        )
        for product, location, quantity in groups:
            key = (product, location)
            if key not in issued or product.uom_id.compare(quantity, 0.0) >= 0:
                continue
            raise UserError(
                self.env._(
                    "Not enough %(product)s in %(location)s: %(available)s %(uom)s "
                    "on hand, %(requested)s %(uom)s requested. Nothing was moved.",
                    product=product.display_name,
                    location=location.display_name,
                    available=product.uom_id.round(quantity + issued[key]),
                    requested=product.uom_id.round(issued[key]),
                    uom=product.uom_id.name,
                )
            )

    @api.model
    def _prepare_transport_issue_vals(self, picking, product, quantity):
        return {
            "picking_id": picking.id,
            "product_id": product.id,
            "product_uom": product.uom_id.id,
            "product_uom_qty": quantity,
            "company_id": picking.company_id.id,
        }
