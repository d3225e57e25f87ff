from odoo import fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"  # pylint: disable=consider-merging-classes-inherited

    transport_offer_date = fields.Datetime(
        string="Offer sent",
        copy=False,
        readonly=True,
        index=True,
        help="When the price offer was first sent to the client; an order "
        "confirmed without being sent counts as offered when confirmed.",
    )

    def action_quotation_sent(self):
        res = super().action_quotation_sent()
        self._transport_mark_offered()
        return res

    def message_post(self, **kwargs):
        # The "Send by email" composer posts with this key; core then marks
        # the quotation sent without tracking it, so the date is kept here.
        if self.env.context.get("mark_so_as_sent"):
            self._transport_mark_offered()
        return super().message_post(**kwargs)

    def action_confirm(self):
        res = super().action_confirm()
        self._transport_mark_offered()
        return res

    def _transport_mark_offered(self):
        self.filtered(
            lambda order: order.is_transport and not order.transport_offer_date
        ).transport_offer_date = fields.Datetime.now()
