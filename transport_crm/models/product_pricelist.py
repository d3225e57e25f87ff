from odoo import api, fields, models


class ProductPricelist(models.Model):
    _inherit = "product.pricelist"

    transport_rule_ids = fields.One2many(
        "transport.tariff.rule", "pricelist_id", string="Transport rules", copy=True
    )
    is_transport_tariff = fields.Boolean(
        string="Transport tariff",
        compute="_compute_is_transport_tariff",
        store=True,
        help="Set when the pricelist carries transport rules.",
    )

    @api.depends("transport_rule_ids")
    def _compute_is_transport_tariff(self):
        for pricelist in self:
            pricelist.is_transport_tariff = bool(pricelist.transport_rule_ids)

    def _transport_tariff_changed(self):
        """Reprice the draft transport quotations on these tariffs; flag the
        offers already sent and the confirmed orders not fully invoiced, whose
        agreed price stays until someone reprices them."""
        if not self:
            return
        orders = self.env["sale.order"].search(
            [
                ("is_transport", "=", True),
                ("pricelist_id", "in", self.ids),
                ("state", "in", ("draft", "sent", "sale")),
                ("locked", "=", False),
                ("invoice_status", "!=", "invoiced"),
            ]
        )
        drafts = orders.filtered(lambda o: o.state == "draft")
        drafts._transport_reprice()
        (orders - drafts).filtered(
            lambda o: not o.transport_price_outdated
        ).transport_price_outdated = True

    def action_print_tariff(self):
        return self.env.ref(
            "transport_crm.action_report_transport_tariff"
        ).report_action(self)
