from datetime import date, timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import ValidationError

from odoo.addons.mass_mailing.tests.common import MassMailCommon


class TestMailingRules(MassMailCommon):
    """A recurring rule queues a mailing to its segments on schedule, moves to
    its next date, and never messages a client twice within its minimum
    gap."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        Partner = cls.env["res.partner"]
        cls.client_a, cls.client_b = Partner.create(
            [
                {"name": "Alpha Logistics", "email": "alpha@example.com"},
                {"name": "Bravo Foods", "email": "bravo@example.com"},
            ]
        )
        cls.segment = cls.env["transport.segment"].create(
            {
                "name": "Dormant",
                "kind": "manual",
                "partner_ids": (cls.client_a | cls.client_b).ids,
            }
        )
        cls.template = cls.env["transport.mailing.template"].create(
            {
                "name": "Monthly reminder",
                "occasion": "reminder",
                "subject": "Your next load",
                "body_html": "<p>Book your next transport.</p>",
            }
        )
        cls.rule = cls.env["transport.mailing.rule"].create(
            {
                "name": "Dormant clients, monthly reminder",
                "segment_ids": [cls.segment.id],
                "template_id": cls.template.id,
                "interval_number": 1,
                "interval_type": "months",
                "min_gap_days": 10,
                "next_date": date(2026, 3, 1),
            }
        )

    @freeze_time("2026-03-01 08:00")
    def test_rule_queues_a_mailing_and_moves_to_next_date(self):
        Mailing = self.env["mailing.mailing"]
        self.env["transport.mailing.rule"]._cron_run()
        mailing = Mailing.search([("transport_rule_id", "=", self.rule.id)])
        self.assertEqual(len(mailing), 1)
        self.assertEqual(mailing.state, "in_queue")
        self.assertEqual(mailing.subject, "Your next load")
        self.assertEqual(
            set(mailing._get_recipients()), {self.client_a.id, self.client_b.id}
        )
        self.assertEqual(self.rule.next_date, date(2026, 4, 1))
        # Not due again before its next date.
        self.env["transport.mailing.rule"]._cron_run()
        self.assertEqual(self.rule.mailing_count, 1)

    @freeze_time("2026-03-01 08:00")
    def test_a_template_without_subject_lends_its_name(self):
        self.template.subject = False
        self.env["transport.mailing.rule"]._cron_run()
        mailing = self.env["mailing.mailing"].search(
            [("transport_rule_id", "=", self.rule.id)]
        )
        self.assertEqual(mailing.subject, "Monthly reminder")
        self.assertEqual(mailing.state, "in_queue")

    @freeze_time("2026-06-10 08:00")
    def test_missed_dates_are_not_replayed(self):
        self.env["transport.mailing.rule"]._cron_run()
        self.assertEqual(self.rule.mailing_count, 1)
        self.assertEqual(self.rule.next_date, date(2026, 7, 1))

    def test_minimum_gap_between_marketing_messages(self):
        other = self.env["mailing.mailing"].create(
            {
                "subject": "Any other news",
                "body_html": "<p>News</p>",
                "mailing_model_id": self.env["ir.model"]._get_id("res.partner"),
                "transport_partner_ids": self.client_a.ids,
            }
        )
        with self.mock_mail_gateway(mail_unlink_sent=False):
            other.action_send_mail()
        mailing = self.rule._run(fields.Date.today())
        self.assertEqual(mailing.transport_blocked_count, 1)
        self.assertIn(self.client_a, mailing._transport_repeat_blocked_partners())
        with self.mock_mail_gateway(mail_unlink_sent=False):
            mailing.action_send_mail()
        sent_to = {a for mail in self._mails for a in mail["email_to"]}
        self.assertEqual(sent_to, {'"Bravo Foods" <bravo@example.com>'})
        # Once the gap has passed, the client is reached again.
        trace = self.env["mailing.trace"].search([("mass_mailing_id", "=", other.id)])
        trace.sent_datetime = fields.Datetime.now() - timedelta(days=11)
        later = self.rule._run(fields.Date.today())
        self.assertNotIn(self.client_a, later._transport_repeat_blocked_partners())

    def test_schedule_must_make_sense(self):
        with self.assertRaisesRegex(ValidationError, "interval must be positive"):
            self.rule.interval_number = 0
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            self.rule.write({"interval_number": 2, "min_gap_days": -1})
