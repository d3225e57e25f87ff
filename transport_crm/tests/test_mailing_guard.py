from datetime import timedelta

from odoo import fields

from odoo.addons.mass_mailing.tests.common import MassMailCommon


class TestMailingRepeatGuard(MassMailCommon):
    """The same template does not reach the same client twice within the guard
    period unless the mailing is forced; the mailing shows beforehand what
    its recipients received recently."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.env.company.transport_repeat_days = 30
        Partner = cls.env["res.partner"]
        cls.client_a, cls.client_b, cls.client_c = Partner.create(
            [
                {"name": "Alpha Logistics", "email": "alpha@example.com"},
                {"name": "Bravo Foods", "email": "bravo@example.com"},
                {"name": "Charlie Steel", "email": "charlie@example.com"},
            ]
        )
        Template = cls.env["transport.mailing.template"]
        cls.template = Template.create(
            {
                "name": "Monthly reminder",
                "occasion": "reminder",
                "subject": "Your next load",
                "body_html": "<p>Book your next transport.</p>",
            }
        )
        cls.other_template = Template.create(
            {
                "name": "Price offer",
                "occasion": "price_offer",
                "subject": "New prices",
                "body_html": "<p>Our new prices.</p>",
            }
        )

    def _mailing(self, partners, template=None, **vals):
        return self.env["mailing.mailing"].create(
            {
                "mailing_type": "mail",
                "mailing_model_id": self.env["ir.model"]._get_id("res.partner"),
                "transport_template_id": (template or self.template).id,
                "transport_partner_ids": partners.ids,
                **vals,
            }
        )

    def _send(self, mailing):
        with self.mock_mail_gateway(mail_unlink_sent=False):
            mailing.action_send_mail()
        return {
            trace.res_id: trace
            for trace in self.env["mailing.trace"].search(
                [("mass_mailing_id", "=", mailing.id)]
            )
        }

    def test_template_fills_the_mailing(self):
        mailing = self._mailing(self.client_a)
        self.assertEqual(mailing.subject, "Your next load")
        self.assertIn("Book your next transport", mailing.body_html)
        self.assertEqual(mailing.transport_occasion, "reminder")
        self.assertEqual(mailing.transport_repeat_days, 30)

    def test_same_template_within_period_is_held_back(self):
        first = self._mailing(self.client_a | self.client_b)
        self._send(first)
        second = self._mailing(self.client_a | self.client_b | self.client_c)
        self.assertEqual(second.transport_blocked_count, 2)
        self.assertEqual(second.transport_recent_trace_count, 2)
        recent = self.env["mailing.trace"].search(
            second.action_view_transport_recent_traces()["domain"]
        )
        self.assertEqual(
            set(recent.mapped("res_id")), {self.client_a.id, self.client_b.id}
        )
        traces = self._send(second)
        self.assertEqual(traces[self.client_c.id].trace_status, "sent")
        for client in self.client_a | self.client_b:
            self.assertEqual(traces[client.id].trace_status, "cancel")
        sent_to = {a for mail in self._mails for a in mail["email_to"]}
        self.assertEqual(sent_to, {'"Charlie Steel" <charlie@example.com>'})
        notes = second.message_ids.mapped("body")
        self.assertTrue(
            any("were skipped" in note and "Alpha" in note for note in notes)
        )

    def test_forced_mailing_reaches_everyone(self):
        self._send(self._mailing(self.client_a))
        forced = self._mailing(
            self.client_a | self.client_b, transport_force_repeat=True
        )
        self.assertEqual(forced.transport_blocked_count, 0)
        traces = self._send(forced)
        self.assertEqual(traces[self.client_a.id].trace_status, "sent")

    def test_other_template_and_expired_period_are_not_blocked(self):
        first_traces = self._send(self._mailing(self.client_a))
        other = self._mailing(self.client_a, template=self.other_template)
        self.assertEqual(other.transport_blocked_count, 0)
        self.assertEqual(other.transport_recent_trace_count, 1)
        first_traces[self.client_a.id].sent_datetime = (
            fields.Datetime.now() - timedelta(days=31)
        )
        again = self._mailing(self.client_a)
        self.assertEqual(again.transport_blocked_count, 0)
        self.assertEqual(self._send(again)[self.client_a.id].trace_status, "sent")
