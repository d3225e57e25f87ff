from odoo import api, fields, models
from odoo.tools import float_repr


class StockWarehouseOrderpoint(models.Model):
    _inherit = "stock.warehouse.orderpoint"

    transport_kind = fields.Selection(related="product_id.transport_kind", store=True)

    @api.model
    def _cron_check_transport_low_stock(self):
        """Give the storekeeper one activity per fleet item below its minimum.

        Items that already have an open low-stock activity get no second one;
        activities of items back above their minimum are closed.
        """
        activity_type = self.env.ref("transport_stock.mail_activity_type_low_stock")
        orderpoints = self.search([("transport_kind", "!=", False)])
        # Balances are computed, not stored: read them fresh, not from the cache.
        # The balance on hand decides, as the forecast may already count a
        # replenishment that has not arrived.
        orderpoints.invalidate_recordset(["qty_on_hand", "qty_forecast"])
        self.env["product.product"].invalidate_model(
            ["qty_available", "virtual_available"]
        )
        low = orderpoints.filtered(
            lambda op: op.product_uom.compare(op.qty_on_hand, op.product_min_qty) < 0
        )
        open_activities = self.env["mail.activity"].search(
            [
                ("res_model", "=", "product.product"),
                ("activity_type_id", "=", activity_type.id),
            ]
        )
        flagged_ids = set(open_activities.mapped("res_id"))
        low_products = low.product_id
        for orderpoint in low:
            product = orderpoint.product_id
            if product.id in flagged_ids:
                continue
            flagged_ids.add(product.id)
            product.activity_schedule(
                "transport_stock.mail_activity_type_low_stock",
                note=orderpoint._get_low_stock_note(),
                user_id=orderpoint._get_storekeeper().id,
            )
        open_activities.filtered(
            lambda activity: activity.res_id not in low_products.ids
        ).action_feedback(feedback=self.env._("Back above the minimum."))

    def _get_low_stock_note(self):
        self.ensure_one()
        digits = self.env["decimal.precision"].precision_get("Product Unit")
        return self.env._(
            "%(product)s is below its minimum in %(location)s: on hand "
            "%(on_hand)s %(uom)s, minimum %(minimum)s %(uom)s.",
            product=self.product_id.display_name,
            location=self.location_id.display_name,
            on_hand=float_repr(self.qty_on_hand, digits),
            minimum=float_repr(self.product_min_qty, digits),
            uom=self.product_uom.name,
        )

    def _get_storekeeper(self):
        """The item's responsible, else a storekeeper of the company."""
        self.ensure_one()
        responsible = self.product_id.with_company(self.company_id).responsible_id
        if responsible:
            return responsible
        return self.company_id._get_transport_storekeepers()[:1] or self.env.ref(
            "base.user_admin"
        )
