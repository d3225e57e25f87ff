from datetime import datetime

from odoo.tests import TransactionCase


class TransportMarketingCase(TransactionCase):
    """Clients with known facts for segment rules, and helpers for mailings,
    traces and templates."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.partner_model_id = cls.env["ir.model"]._get_id("res.partner")
        cls.france = cls.env.ref("base.fr")
        cls.germany = cls.env.ref("base.de")
        cls.tag_food = cls.env["res.partner.category"].create({"name": "Food"})
        cls.template_reminder = cls.env["transport.mailing.template"].create(
            {
                "name": "Monthly reminder",
                "occasion": "reminder",
                "mailing_type": "mail",
                "subject": "We are here for your next load",
                "body_html": "<p>Book your next transport with us.</p>",
            }
        )
        cls.template_sms = cls.env["transport.mailing.template"].create(
            {
                "name": "SMS promotion",
                "occasion": "promotion",
                "mailing_type": "sms",
                "body_plaintext": "10% off Paris-Lyon this week.",
            }
        )

    @classmethod
    def _create_mailing(cls, mailing_type="mail", **vals):
        values = {
            "subject": "News from your carrier",
            "body_html": "<p>Hello</p>",
            "body_plaintext": "Hello",
            "mailing_type": mailing_type,
            "mailing_model_id": cls.partner_model_id,
            **vals,
        }
        return cls.env["mailing.mailing"].create(values)

    @classmethod
    def _create_trace(cls, mailing, partner, sent, status="sent", **vals):
        return cls.env["mailing.trace"].create(
            {
                "mass_mailing_id": mailing.id,
                "model": "res.partner",
                "res_id": partner.id,
                "email": partner.email,
                "trace_type": mailing.mailing_type,
                "trace_status": status,
                "sent_datetime": sent,
                **vals,
            }
        )

    def _mailing_results(self, mailing):
        """The mailing's results as the report shows them, checked to add up
        and to equal the figures on the mailing's form."""
        self.env.flush_all()  # the report is an SQL view
        mailing.invalidate_recordset()
        Report = self.env["transport.mailing.result.report"]
        Report.invalidate_model()
        report = Report.search([("mailing_id", "=", mailing.id)])
        self.assertEqual(
            report.recipient_count,
            report.delivered_count
            + report.failed_count
            + report.retrying_count
            + report.waiting_count,
            "the results add up",
        )
        self.assertEqual(mailing.transport_recipient_count, report.recipient_count)
        self.assertEqual(mailing.transport_delivered_count, report.delivered_count)
        self.assertEqual(mailing.transport_failed_count, report.failed_count)
        self.assertEqual(mailing.transport_retrying_count, report.retrying_count)
        return {
            "recipients": report.recipient_count,
            "delivered": report.delivered_count,
            "failed": report.failed_count,
            "retrying": report.retrying_count,
            "excluded": report.refused_count,
        }

    @staticmethod
    def _dt(*args):
        return datetime(*args)
