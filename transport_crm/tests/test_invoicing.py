from odoo import Command
from odoo.tests import tagged

from .common import TransportCrmAccountCase


@tagged("post_install", "-at_install")
class TestInvoicing(TransportCrmAccountCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tariff = cls._create_tariff([("distance", 1.5), ("extra_stop", 40.0)])

    def test_invoice_carries_the_tariff_lines(self):
        order = self._create_order(tariff=self.tariff, distance=200.0, extra_stops=2)
        order.action_confirm()
        self.assertEqual(order.invoice_status, "to invoice")
        invoice = self._invoice(order)
        self.assertEqual(invoice.move_type, "out_invoice")
        self.assertEqual(invoice.partner_id, self.client)
        self.assertAlmostEqual(invoice.amount_untaxed, 380.0)
        self.assertEqual(
            sorted(invoice.invoice_line_ids.mapped("quantity")), [2.0, 200.0]
        )
        self.assertEqual(order.invoice_status, "invoiced")
        self.assertAlmostEqual(order.transport_revenue, 380.0)

    def test_credit_note_reduces_the_revenue(self):
        order = self._create_order(tariff=self.tariff, distance=200.0)
        order.action_confirm()
        invoice = self._invoice(order)
        reversal = (
            self.env["account.move.reversal"]
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create({"journal_id": invoice.journal_id.id, "reason": "Damaged goods"})
        )
        reversal.refund_moves()
        refund = invoice.reversal_move_ids
        refund.invoice_line_ids.quantity = 50.0
        refund.action_post()
        self.assertAlmostEqual(order.transport_revenue, 300.0 - 75.0)

    def test_draft_invoice_is_not_revenue(self):
        order = self._create_order(tariff=self.tariff, distance=100.0)
        order.action_confirm()
        order._create_invoices()
        self.assertEqual(order.transport_revenue, 0.0)

    def test_quotation_is_sent_as_odoo_sends_quotations(self):
        self.client.email = "buyer@acme.example.com"
        order = self._create_order(tariff=self.tariff, distance=100.0)
        action = order.action_quotation_send()
        self.assertEqual(action["res_model"], "mail.compose.message")
        composer = (
            self.env["mail.compose.message"]
            .with_context(**action["context"])
            .create({"partner_ids": [Command.set(self.client.ids)]})
        )
        composer.action_send_mail()
        self.assertEqual(order.state, "sent")
