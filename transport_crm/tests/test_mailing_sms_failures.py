from collections import Counter
from datetime import timedelta
from unittest.mock import patch

from odoo import fields
from odoo.tests import tagged

from odoo.addons.sms.tests.common import MockSMS
from odoo.addons.sms.tools.sms_api import SmsApiBase

from .marketing_common import TransportMarketingCase


class ScriptedProvider(SmsApiBase):
    """An SMS provider answering what the test scripted per number (never a
    real one): a provider error state, ``"timeout"`` to raise as a provider
    not answering, or the delivery of the message."""

    PROVIDER_TO_SMS_FAILURE_TYPE = SmsApiBase.PROVIDER_TO_SMS_FAILURE_TYPE | {
        "insufficient_credit": "sms_credit",
    }
    answers = {}  # number -> list of answers, in order (then "delivered")
    received = Counter()

    def _send_sms_batch(self, messages, delivery_reports_url=False):
        results = []
        for message in messages:
            for number in message["numbers"]:
                answers = self.answers.get(number["number"])
                state = answers.pop(0) if answers else "delivered"
                if state == "timeout":
                    raise TimeoutError("The SMS provider did not answer.")
                if state == "delivered":
                    self.received[number["number"]] += 1
                results.append({"uuid": number["uuid"], "state": state})
        return results


@tagged("post_install", "-at_install")
class TestMailingSmsFailures(TransportMarketingCase, MockSMS):
    """SMS mailings with a failing provider: refusals end failed with their
    type, a provider failing for the time being is tried again later, opted
    out numbers are never sent, and the results add up."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.write(
            {"transport_mail_max_attempts": 3, "transport_mail_retry_minutes": 5}
        )
        cls.clients = cls.env["res.partner"].create(
            [
                {"name": f"SMS client {n}", "phone": f"+33 6 12 34 56 7{n}"}
                for n in range(4)
            ]
        )
        cls.numbers = [f"+3361234567{n}" for n in range(4)]

    def setUp(self):
        super().setUp()
        ScriptedProvider.answers = {}
        ScriptedProvider.received = Counter()

    def _use_provider(self):
        """Plug the scripted provider as a provider addon (sms_twilio) does."""
        SmsSms = type(self.env["sms.sms"])
        Company = type(self.env["res.company"])

        def split_by_api(sms):
            yield ScriptedProvider(sms.env), sms

        self.startPatcher(patch.object(SmsSms, "_split_by_api", split_by_api))
        self.startPatcher(
            patch.object(Company, "_get_sms_api_class", lambda _c: ScriptedProvider)
        )

    def _send_sms_mailing(self, clients):
        mailing = self._create_mailing(
            mailing_type="sms",
            sms_force_send=True,
            transport_partner_ids=[(6, 0, clients.ids)],
        )
        mailing.action_send_sms()
        return mailing

    def _process_queue(self, mailing):
        """What the SMS queue cron does, for this mailing's SMS only."""
        self.env["sms.sms"].search(
            [("mailing_id", "=", mailing.id), ("state", "=", "outgoing")]
        )._send(unlink_failed=False, unlink_sent=True)

    def _pass_time(self, mailing):
        self.env["sms.sms"].search(
            [("mailing_id", "=", mailing.id), ("state", "=", "outgoing")]
        ).transport_next_attempt = fields.Datetime.now() - timedelta(seconds=1)

    def _trace(self, mailing, client):
        return mailing.mailing_trace_ids.filtered(lambda t: t.res_id == client.id)

    def test_provider_errors_end_as_their_failure(self):
        self._use_provider()
        ok, bad_number, no_credit, server = self.clients
        ScriptedProvider.answers = {
            self.numbers[1]: ["wrong_number_format"],
            self.numbers[2]: ["insufficient_credit"],
            self.numbers[3]: ["server_error"],
        }
        mailing = self._send_sms_mailing(self.clients)

        self.assertEqual(self._trace(mailing, ok).trace_status, "sent")
        for client, failure_type in (
            (bad_number, "sms_number_format"),
            (no_credit, "sms_credit"),
        ):
            trace = self._trace(mailing, client)
            self.assertEqual(trace.trace_status, "error")
            self.assertEqual(trace.failure_type, failure_type)
            self.assertFalse(trace.transport_attempt_count, "not tried again")
        trace = self._trace(mailing, server)
        self.assertEqual(trace.trace_status, "outgoing", "tried again later")
        self.assertEqual(trace.transport_attempt_count, 1)
        self.assertIn("Attempt 1 failed", trace.failure_reason)
        self.assertEqual(
            self._mailing_results(mailing),
            {
                "recipients": 4,
                "delivered": 1,
                "failed": 2,
                "retrying": 1,
                "excluded": 0,
            },
        )

        # Not before its next attempt, then taken by the provider once.
        self._process_queue(mailing)
        self.assertEqual(ScriptedProvider.received[self.numbers[3]], 0)
        self._pass_time(mailing)
        self._process_queue(mailing)
        self.assertEqual(trace.trace_status, "sent")
        self.assertFalse(trace.failure_reason)
        self.assertEqual(
            ScriptedProvider.received,
            Counter({self.numbers[0]: 1, self.numbers[3]: 1}),
        )
        self.assertEqual(
            self._mailing_results(mailing),
            {
                "recipients": 4,
                "delivered": 2,
                "failed": 2,
                "retrying": 0,
                "excluded": 0,
            },
        )

    def test_provider_not_answering_is_retried_then_given_up(self):
        self._use_provider()
        clients = self.clients[:2]
        ScriptedProvider.answers = {
            number: ["timeout"] * 3 for number in self.numbers[:2]
        }
        mailing = self._send_sms_mailing(clients)
        traces = mailing.mailing_trace_ids
        self.assertEqual(set(traces.mapped("trace_status")), {"outgoing"})
        for attempt in (2, 3):
            self._pass_time(mailing)
            self._process_queue(mailing)
            self.assertEqual(set(traces.mapped("transport_attempt_count")), {attempt})
        self.assertEqual(set(traces.mapped("trace_status")), {"error"})
        self.assertEqual(set(traces.mapped("failure_type")), {"sms_server"})
        self.assertIn("Given up after 3 attempts", traces[0].failure_reason)
        self.assertFalse(ScriptedProvider.received)
        self.assertEqual(
            self._mailing_results(mailing),
            {
                "recipients": 2,
                "delivered": 0,
                "failed": 2,
                "retrying": 0,
                "excluded": 0,
            },
        )

    def test_opted_out_numbers_are_never_sent(self):
        self._use_provider()
        self.env["phone.blacklist"].sudo()._add([self.numbers[1]])
        mailing = self._send_sms_mailing(self.clients[:2])
        trace = self._trace(mailing, self.clients[1])
        self.assertEqual(trace.trace_status, "cancel")
        self.assertEqual(trace.failure_type, "sms_blacklist")
        self.assertEqual(ScriptedProvider.received, Counter({self.numbers[0]: 1}))
        self.assertEqual(
            self._mailing_results(mailing),
            {
                "recipients": 1,
                "delivered": 1,
                "failed": 0,
                "retrying": 0,
                "excluded": 1,
            },
        )

    def test_odoo_sms_gateway_errors(self):
        """Odoo's own SMS provider (its IAP calls mocked by Odoo's SMS test
        tooling): no credit fails for good, a server error is tried again."""
        with self.mockSMSGateway(
            nbr_t_error={
                self.numbers[0]: "credit",
                self.numbers[1]: "server_error",
            }
        ):
            mailing = self._send_sms_mailing(self.clients[:3])
        no_credit, server, ok = (self._trace(mailing, c) for c in self.clients[:3])
        self.assertEqual(no_credit.trace_status, "error")
        self.assertEqual(no_credit.failure_type, "sms_credit")
        self.assertEqual(server.trace_status, "outgoing")
        self.assertEqual(server.transport_attempt_count, 1)
        self.assertEqual(ok.trace_status, "pending", "handed to the provider")
        self.assertEqual(
            self._mailing_results(mailing),
            {
                "recipients": 3,
                "delivered": 0,
                "failed": 1,
                "retrying": 1,
                "excluded": 0,
            },
        )
        with self.mockSMSGateway():
            self._pass_time(mailing)
            self._process_queue(mailing)
        self.assertEqual(server.trace_status, "pending")
        self.assertEqual([sms["number"] for sms in self._sms], [self.numbers[1]])
