from odoo.tools import email_normalize

from odoo.addons.mass_mailing_sms.tests.common import MassSMSCommon


class TestMarketingConsent(MassSMSCommon):
    """No marketing email or SMS ever reaches a client who refused it, on 40
    generated clients with shared, duplicate and differently-cased addresses
    and numbers; transactional messages still do."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.partner_model_id = cls.env["ir.model"]._get_id("res.partner")
        Partner = cls.env["res.partner"]
        vals_list = []
        for index in range(40):
            vals = {
                "name": f"Client {index:02d}",
                "email": f"client{index:02d}@example.com",
                "phone": f"+33 6 12 34 56 {index:02d}",
                "country_id": cls.env.ref("base.fr").id,
            }
            if index % 5 == 0:
                vals["marketing_email_consent"] = "opt_out"
            if index % 7 == 0:
                vals["marketing_sms_consent"] = "opt_out"
            if index % 4 == 1:
                vals["marketing_email_consent"] = "opt_in"
            vals_list.append(vals)
        # A contact sharing a refuser's address in another case, and one
        # sharing a refuser's number written the national way.
        vals_list.append(
            {"name": "Same mailbox", "email": '"Boss" <CLIENT05@Example.COM>'}
        )
        vals_list.append(
            {
                "name": "Same phone",
                "phone": "06 12 34 56 07",
                "country_id": cls.env.ref("base.fr").id,
            }
        )
        # Two consenting contacts on one address: a single email.
        vals_list.append({"name": "Twin A", "email": "twin@example.com"})
        vals_list.append({"name": "Twin B", "email": "Twin@Example.com"})
        cls.clients = Partner.create(vals_list)
        cls.segment = cls.env["transport.segment"].create(
            {"name": "All generated", "kind": "manual", "partner_ids": cls.clients.ids}
        )
        cls.email_refusers = cls.clients.filtered(
            lambda p: p.marketing_email_consent == "opt_out"
        )
        cls.sms_refusers = cls.clients.filtered(
            lambda p: p.marketing_sms_consent == "opt_out"
        )

    def _mailing(self, mailing_type):
        return self.env["mailing.mailing"].create(
            {
                "subject": "Autumn offer",
                "body_html": "<p>Our autumn prices</p>",
                "body_plaintext": "Our autumn prices",
                "mailing_type": mailing_type,
                "mailing_model_id": self.partner_model_id,
                "transport_segment_ids": [self.segment.id],
                "sms_force_send": True,
            }
        )

    def test_consent_is_dated_and_sourced(self):
        refuser = self.email_refusers[0]
        self.assertEqual(refuser.marketing_email_consent_source, "manual")
        self.assertTrue(refuser.marketing_email_consent_date)
        self.assertEqual(self.clients[1].marketing_sms_consent, "unknown")
        self.assertFalse(self.clients[1].marketing_sms_consent_date)

    def test_no_marketing_email_reaches_a_refuser(self):
        blocked_by_list = self.clients.filtered(lambda p: p.name == "Client 03")
        self.env["mail.blacklist"]._add(blocked_by_list.email)
        mailing = self._mailing("mail")
        with self.mock_mail_gateway(mail_unlink_sent=False):
            mailing.action_send_mail()
        refused = {
            email_normalize(p.email) for p in self.email_refusers | blocked_by_list
        }
        sent_to = {email_normalize(a) for mail in self._mails for a in mail["email_to"]}
        self.assertTrue(sent_to)
        self.assertFalse(sent_to & refused)
        self.assertIn("client01@example.com", sent_to)
        self.assertEqual(len([a for a in sent_to if a == "twin@example.com"]), 1)
        traces = self.env["mailing.trace"].search(
            [("mass_mailing_id", "=", mailing.id)]
        )
        by_partner = {trace.res_id: trace for trace in traces}
        same_mailbox = self.clients.filtered(lambda p: p.name == "Same mailbox")
        for partner in self.email_refusers | blocked_by_list | same_mailbox:
            self.assertEqual(by_partner[partner.id].trace_status, "cancel")
            self.assertIn(
                by_partner[partner.id].failure_type,
                ("mail_optout", "mail_bl", "mail_dup"),
            )
        self.assertEqual(by_partner[self.clients[1].id].trace_status, "sent")
        # One address per mail: duplicates are cancelled, not sent twice.
        self.assertEqual(len(self._mails), len(sent_to))

    def test_no_marketing_sms_reaches_a_refuser(self):
        mailing = self._mailing("sms")
        with self.mockSMSGateway():
            mailing.action_send_mail()
        refused_numbers = set(self.sms_refusers.mapped("phone_sanitized"))
        sent_numbers = {sms["number"] for sms in self._sms}
        self.assertTrue(sent_numbers)
        self.assertFalse(sent_numbers & refused_numbers)
        self.assertIn(self.clients[1].phone_sanitized, sent_numbers)
        traces = self.env["mailing.trace"].search(
            [("mass_mailing_id", "=", mailing.id)]
        )
        cancelled = traces.filtered(lambda t: t.trace_status == "cancel")
        same_phone = self.clients.filtered(lambda p: p.name == "Same phone")
        self.assertEqual(same_phone.phone_sanitized, self.clients[7].phone_sanitized)
        self.assertLessEqual(
            set((self.sms_refusers | same_phone).ids), set(cancelled.mapped("res_id"))
        )

    def test_blocklist_updates_the_client_file_both_ways(self):
        client = self.clients[2]
        self.env["mail.blacklist"]._add("CLIENT02@example.com")
        self.assertEqual(client.marketing_email_consent, "opt_out")
        self.assertEqual(client.marketing_email_consent_source, "unsubscribe")
        self.env["mail.blacklist"]._remove("client02@example.com")
        self.assertEqual(client.marketing_email_consent, "opt_in")
        self.env["phone.blacklist"]._add([client.phone_sanitized])
        self.assertEqual(client.marketing_sms_consent, "opt_out")
        self.env["phone.blacklist"]._remove([client.phone_sanitized])
        self.assertEqual(client.marketing_sms_consent, "opt_in")
        # Leaving the blocklist does not turn "not asked" into consent.
        other = self.clients[3]
        self.env["mail.blacklist"]._remove(other.email)
        self.assertEqual(other.marketing_email_consent, "unknown")

    def test_unsubscribing_from_a_mailing_refuses_email_marketing(self):
        client = self.clients[1]
        mailing = self._mailing("mail")
        url = mailing._get_unsubscribe_oneclick_url(client.email, client.id)
        self.url_open(url, method="POST")
        self.env.invalidate_all()
        self.assertEqual(client.marketing_email_consent, "opt_out")

    def test_transactional_messages_still_reach_refusers(self):
        refuser = self.email_refusers[1]
        with self.mock_mail_gateway():
            self.clients[1].message_post(
                body="Your order is confirmed",
                partner_ids=refuser.ids,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        self.assertIn(
            email_normalize(refuser.email),
            {email_normalize(a) for mail in self._mails for a in mail["email_to"]},
        )
