from odoo import api, fields, models
from odoo.exceptions import UserError


class TransportOrderDeliveryWizard(models.TransientModel):
    _name = "transport.order.delivery.wizard"
    _description = "Confirm the delivery of a transport order"

    order_id = fields.Many2one("sale.order", required=True)
    date_pickup_actual = fields.Datetime(
        string="Picked up",
        required=True,
        compute="_compute_date_pickup_actual",
        store=True,
        readonly=False,
    )
    date_delivery_actual = fields.Datetime(
        string="Delivered", required=True, default=fields.Datetime.now
    )
    signed_note = fields.Binary(string="Signed consignment note", required=True)
    signed_note_name = fields.Char()

    @api.depends("order_id")
    def _compute_date_pickup_actual(self):
        for wizard in self:
            wizard.date_pickup_actual = (
                wizard.order_id.date_pickup_actual
                or min(wizard.order_id.trip_ids.mapped("date_departure") or [False])
                or wizard.order_id.pickup_date_from
            )

    def action_confirm(self):
        self.ensure_one()
        order = self.order_id
        if not order.is_transport or order.state != "sale":
            raise UserError(
                self.env._("Only confirmed transport orders can be delivered.")
            )
        if order.date_delivery_actual:
            raise UserError(
                self.env._("Order %(order)s is already delivered.", order=order.name)
            )
        if self.date_delivery_actual < self.date_pickup_actual:
            raise UserError(self.env._("The delivery cannot be before the pick-up."))
        if not self.signed_note:
            raise UserError(self.env._("Attach the signed consignment note."))
        attachment = self.env["ir.attachment"].create(
            {
                "name": self.signed_note_name
                or self.env._(
                    "Signed consignment note %(order)s.pdf", order=order.name
                ),
                "datas": self.signed_note,
                "res_model": "sale.order",
                "res_id": order.id,
            }
        )
        order.write(
            {
                "date_pickup_actual": self.date_pickup_actual,
                "date_delivery_actual": self.date_delivery_actual,
                "signed_note_id": attachment.id,
            }
        )
        order.message_post(
            body=self.env._(
                "Delivered on %(date)s; signed consignment note attached.",
                date=fields.Datetime.to_string(self.date_delivery_actual),
            ),
            attachment_ids=attachment.ids,
        )
        return True
