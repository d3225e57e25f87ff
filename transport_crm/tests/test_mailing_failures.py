import logging
import socket
import unittest
from collections import Counter
from datetime import timedelta
from unittest.mock import patch

from psycopg2 import IntegrityError

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.base.models.ir_mail_server import IrMail_Server

from .marketing_common import TransportMarketingCase

try:
    from aiosmtpd.controller import Controller
except ImportError:  # pragma: no cover - a test dependency (requirements-dev)
    Controller = None


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class SinkHandler:
    """An SMTP server on loopback that counts the messages each recipient
    gets, answers scripted refusals and can drop the connection."""

    def __init__(self):
        self.received = Counter()
        self.accepted = 0
        # recipient -> replies given to its next RCPT commands, in order
        self.refusals = {}
        # drop the connection at the next message once this many are accepted
        self.drop_after = None

    async def handle_MAIL(self, server, session, envelope, address, options):
        if self.drop_after is not None and self.accepted >= self.drop_after:
            self.drop_after = None
            server.transport.close()
            return "421 4.3.0 Closing"
        envelope.mail_from = address
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, options):
        replies = self.refusals.get(address)
        if replies:
            return replies.pop(0)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        for recipient in envelope.rcpt_tos:
            self.received[recipient] += 1
        self.accepted += 1
        return "250 2.0.0 Queued"


@unittest.skipUnless(Controller, "aiosmtpd is not installed (setup/requirements-dev)")
@tagged("post_install", "-at_install")
class TestMailingFailures(TransportMarketingCase):
    """Mailings sent through a real SMTP server on loopback that refuses,
    drops or is not there: temporary failures are tried again with a growing
    delay, permanent ones are marked failed with their reason, nobody gets
    the mailing twice and the results add up."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # aiosmtpd tells every SMTP command at INFO level.
        smtpd_logger = logging.getLogger("mail.log")
        cls.addClassCleanup(smtpd_logger.setLevel, smtpd_logger.level)
        smtpd_logger.setLevel(logging.WARNING)
        cls.port = free_port()
        cls.mail_server = cls.env["ir.mail_server"].create(
            {
                "name": "Loopback sink",
                "smtp_host": "127.0.0.1",
                "smtp_port": cls.port,
                "smtp_encryption": "none",
            }
        )
        cls.env.company.write(
            {"transport_mail_max_attempts": 4, "transport_mail_retry_minutes": 5}
        )
        cls.clients = cls.env["res.partner"].create(
            [
                {"name": f"Client {name}", "email": f"{name}@client.example.com"}
                for name in ("alpha", "bravo", "charlie", "delta", "echo")
            ]
        )

    def setUp(self):
        super().setUp()
        # Tests never open SMTP connections unless told to: this one does,
        # to its own server on loopback only.
        self.startPatcher(
            patch.object(IrMail_Server, "_disable_send", return_value=False)
        )
        self.sink = SinkHandler()
        controller = Controller(self.sink, hostname="127.0.0.1", port=self.port)
        controller.start()
        self.addCleanup(controller.stop)

    # ------------------------------------------------------------ helpers

    def _send_mailing(self, clients):
        mailing = self._create_mailing(
            email_from="sales@carrier.example.com",
            mail_server_id=self.mail_server.id,
            keep_archives=True,  # keep the sent mails to look at them
            transport_partner_ids=[(6, 0, clients.ids)],
        )
        mailing.action_send_mail()
        self._process_queue(mailing)
        return mailing

    def _process_queue(self, mailing):
        """What the mail queue cron does, for this mailing's mails only."""
        self.env["mail.mail"].with_context(
            filters=[("mailing_id", "=", mailing.id)]
        ).process_email_queue()

    def _mails(self, mailing):
        return self.env["mail.mail"].search([("mailing_id", "=", mailing.id)])

    def _trace(self, mailing, client):
        return mailing.mailing_trace_ids.filtered(lambda t: t.res_id == client.id)

    def _pass_time(self, mailing):
        """The next attempt is due: bring the retrying mails' time forward."""
        retrying = self._mails(mailing).filtered(lambda m: m.state == "outgoing")
        retrying.scheduled_date = fields.Datetime.now() - timedelta(seconds=1)

    def assertNextAttempt(self, mail, minutes, sent_between):
        start, end = sent_between
        self.assertGreaterEqual(mail.scheduled_date, start + timedelta(minutes=minutes))
        self.assertLessEqual(mail.scheduled_date, end + timedelta(minutes=minutes))

    # ------------------------------------------------------------ tests

    def test_temporary_refusal_delivered_after_retries(self):
        alpha, bravo, charlie = self.clients[:3]
        self.sink.refusals[bravo.email] = [
            "451 4.7.1 Greylisted, try again later",
            "451 4.7.1 Greylisted, try again later",
        ]
        start = fields.Datetime.now().replace(microsecond=0)
        mailing = self._send_mailing(alpha | bravo | charlie)
        end = fields.Datetime.now() + timedelta(seconds=1)

        mail = self._mails(mailing).filtered(lambda m: m.res_id == bravo.id)
        self.assertEqual(mail.state, "outgoing", "put back in the queue")
        self.assertEqual(mail.transport_attempt_count, 1)
        self.assertNextAttempt(mail, 5, (start, end))
        self.assertIn("451 4.7.1", mail.failure_reason)
        self.assertTrue(
            self.env["ir.cron.trigger"].search_count(
                [
                    ("cron_id", "=", self.ref("mail.ir_cron_mail_scheduler_action")),
                    ("call_at", "=", mail.scheduled_date),
                ]
            ),
            "the mail queue runs again at the next attempt",
        )
        trace = self._trace(mailing, bravo)
        self.assertEqual(trace.trace_status, "outgoing")
        self.assertEqual(trace.transport_attempt_count, 1)
        self.assertEqual(
            self._mailing_results(mailing),
            {
                "recipients": 3,
                "delivered": 2,
                "failed": 0,
                "retrying": 1,
                "excluded": 0,
            },
        )

        # The queue does not pick the mail before its next attempt.
        self._process_queue(mailing)
        self.assertEqual(mail.transport_attempt_count, 1)
        self.assertEqual(self.sink.received[bravo.email], 0)

        # Second refusal: the delay grows (5, then 15 minutes).
        self._pass_time(mailing)
        start = fields.Datetime.now().replace(microsecond=0)
        self._process_queue(mailing)
        end = fields.Datetime.now() + timedelta(seconds=1)
        self.assertEqual(mail.state, "outgoing")
        self.assertEqual(mail.transport_attempt_count, 2)
        self.assertNextAttempt(mail, 15, (start, end))

        self._pass_time(mailing)
        self._process_queue(mailing)
        self.assertEqual(trace.trace_status, "sent")
        self.assertFalse(trace.failure_reason, "the old refusal is no longer shown")
        self.assertEqual(
            self.sink.received,
            Counter({alpha.email: 1, bravo.email: 1, charlie.email: 1}),
            "each client got the mailing once",
        )
        self.assertEqual(
            self._mailing_results(mailing),
            {
                "recipients": 3,
                "delivered": 3,
                "failed": 0,
                "retrying": 0,
                "excluded": 0,
            },
        )

    def test_permanent_refusal_marked_failed_with_reason(self):
        alpha, bravo, charlie = self.clients[:3]
        self.sink.refusals[bravo.email] = ["550 5.1.1 Mailbox unavailable"]
        mailing = self._send_mailing(alpha | bravo | charlie)

        mail = self._mails(mailing).filtered(lambda m: m.res_id == bravo.id)
        self.assertEqual(mail.state, "exception")
        self.assertEqual(mail.transport_attempt_count, 1)
        trace = self._trace(mailing, bravo)
        self.assertEqual(trace.trace_status, "error")
        self.assertEqual(trace.failure_type, "mail_email_invalid")
        self.assertIn("550 5.1.1 Mailbox unavailable", trace.failure_reason)
        self.assertEqual(
            (self._trace(mailing, alpha) | self._trace(mailing, charlie)).mapped(
                "trace_status"
            ),
            ["sent", "sent"],
        )
        self.assertEqual(
            self._mailing_results(mailing),
            {
                "recipients": 3,
                "delivered": 2,
                "failed": 1,
                "retrying": 0,
                "excluded": 0,
            },
        )
        self.assertEqual(mailing.failed, 1, "core's mailing counter agrees")

        # Nothing is tried again, and sending the mailing again reaches nobody.
        self._pass_time(mailing)
        self._process_queue(mailing)
        with self.assertRaisesRegex(UserError, "There are no recipients selected"):
            mailing.action_send_mail()
        self.assertEqual(len(mailing.mailing_trace_ids), 3)
        self.assertEqual(self.sink.received[bravo.email], 0)
        self.assertEqual(sum(self.sink.received.values()), 2)

    def test_connection_dropped_mid_mailing(self):
        self.sink.drop_after = 2
        mailing = self._send_mailing(self.clients)

        self.assertEqual(sum(self.sink.received.values()), 2)
        retrying = self._mails(mailing).filtered(lambda m: m.state == "outgoing")
        self.assertEqual(len(retrying), 3)
        self.assertEqual(set(retrying.mapped("transport_attempt_count")), {1})
        self.assertEqual(
            self._mailing_results(mailing),
            {
                "recipients": 5,
                "delivered": 2,
                "failed": 0,
                "retrying": 3,
                "excluded": 0,
            },
        )

        self._pass_time(mailing)
        self._process_queue(mailing)
        self.assertEqual(
            self.sink.received,
            Counter({email: 1 for email in self.clients.mapped("email")}),
            "the rest delivered later, nobody twice",
        )
        self.assertEqual(
            set(mailing.mailing_trace_ids.mapped("trace_status")), {"sent"}
        )
        self.assertEqual(
            self._mailing_results(mailing),
            {
                "recipients": 5,
                "delivered": 5,
                "failed": 0,
                "retrying": 0,
                "excluded": 0,
            },
        )

    def test_connection_refused_until_given_up(self):
        self.env.company.transport_mail_max_attempts = 3
        self.mail_server.smtp_port = free_port()  # nothing listens there
        clients = self.clients[:2]
        mailing = self._send_mailing(clients)
        mails = self._mails(mailing)
        self.assertEqual(set(mails.mapped("state")), {"outgoing"})
        self.assertEqual(
            self._mailing_results(mailing),
            {
                "recipients": 2,
                "delivered": 0,
                "failed": 0,
                "retrying": 2,
                "excluded": 0,
            },
        )

        self._pass_time(mailing)
        self._process_queue(mailing)
        self.assertEqual(set(mails.mapped("transport_attempt_count")), {2})
        self.assertEqual(set(mails.mapped("state")), {"outgoing"})

        self._pass_time(mailing)
        self._process_queue(mailing)
        self.assertEqual(set(mails.mapped("state")), {"exception"})
        self.assertEqual(set(mails.mapped("failure_type")), {"mail_smtp"})
        traces = mailing.mailing_trace_ids
        self.assertEqual(set(traces.mapped("trace_status")), {"error"})
        self.assertEqual(set(traces.mapped("failure_type")), {"mail_smtp"})
        self.assertIn(
            "could not be reached: Connection refused", traces[0].failure_reason
        )
        self.assertTrue(
            all(
                reason.startswith("Given up after 3 attempts")
                for reason in traces.mapped("failure_reason")
            )
        )
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
        self.assertFalse(self.sink.received)

    def test_resending_a_mailing_skips_traced_clients(self):
        alpha, bravo, charlie = self.clients[:3]
        self.sink.refusals[bravo.email] = ["451 4.3.2 Try later"]
        mailing = self._send_mailing(alpha | bravo)
        # A client added later, and the mailing sent again while bravo waits
        # for its next attempt.
        mailing.transport_partner_ids |= charlie
        mailing.action_send_mail()
        self._pass_time(mailing)
        self._process_queue(mailing)
        self.assertEqual(len(self._mails(mailing)), 3, "bravo's mail is the same one")
        self.assertEqual(
            self.sink.received,
            Counter({alpha.email: 1, bravo.email: 1, charlie.email: 1}),
        )
        self.assertEqual(
            self._mailing_results(mailing),
            {
                "recipients": 3,
                "delivered": 3,
                "failed": 0,
                "retrying": 0,
                "excluded": 0,
            },
        )

    def test_other_emails_keep_core_behaviour(self):
        """Only mailings retry: a chatter email refused for the time being
        fails at once, as in Odoo."""
        self.sink.refusals["someone@example.com"] = ["451 4.7.1 Try later"]
        mail = self.env["mail.mail"].create(
            {
                "subject": "Not a mailing",
                "body_html": "<p>Hello</p>",
                "email_from": "sales@carrier.example.com",
                "email_to": "someone@example.com",
                "mail_server_id": self.mail_server.id,
            }
        )
        with mute_logger("odoo.addons.mail.models.mail_mail"):
            mail.send()
        self.assertEqual(mail.state, "exception")
        self.assertFalse(mail.transport_attempt_count)

    def test_retry_settings_must_make_sense(self):
        for field in ("transport_mail_max_attempts", "transport_mail_retry_minutes"):
            with (
                mute_logger("odoo.sql_db"),
                self.assertRaisesRegex(IntegrityError, "transport_mail_retry_positive"),
                self.cr.savepoint(),
            ):
                self.env.company[field] = 0
                self.env.flush_all()
