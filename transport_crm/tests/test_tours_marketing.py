from odoo.tests import tagged

from odoo.addons.transport_fleet.tests.common import TransportTourCase


@tagged("post_install", "-at_install")
class TestMarketerTours(TransportTourCase):
    """A marketer builds a client segment by a rule, refreshes it and sends
    it a mailing from an occasion's template, in a real browser at desktop
    and at phone width. The client who refused email marketing is a member
    of the segment, yet gets nothing."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.marketer = cls._create_tour_user(
            "tour_marketer",
            "Mona Marketer",
            "base.group_user,transport_crm.group_transport_sales,"
            "mass_mailing.group_mass_mailing_user",
        )
        Partner = cls.env["res.partner"]
        client = {"is_company": True, "city": "Lyon"}
        cls.fresh = Partner.create(
            {**client, "name": "Rhône Fresh", "email": "orders@rhone-fresh.example"}
        )
        cls.retail = Partner.create(
            {
                **client,
                "name": "Saône Retail",
                "email": "buying@saone-retail.example",
                "marketing_email_consent": "opt_in",
            }
        )
        cls.refuser = Partner.create(
            {
                **client,
                "name": "Croix-Rousse Logistics",
                "email": "office@croix-rousse.example",
                "marketing_email_consent": "opt_out",
            }
        )
        cls.paris = Partner.create(
            {
                "name": "Paris Pallets",
                "is_company": True,
                "city": "Paris",
                "email": "hello@paris-pallets.example",
            }
        )
        cls.template = cls.env["transport.mailing.template"].create(
            {
                "name": "Spring lanes offer",
                "occasion": "promotion",
                "mailing_type": "mail",
                "subject": "New Lyon lanes this spring",
                "body_html": "<p>Three departures a week from Lyon.</p>",
            }
        )

    def _check_marketer_tour(self, phone):
        self.start_tour_at_width(
            "transport_crm_marketer_tour", self.marketer.login, phone=phone
        )
        segment = self.env["transport.segment"].search([("name", "=", "Lyon clients")])
        self.assertEqual(segment.kind, "rule")
        self.assertEqual(segment.create_uid, self.marketer)
        self.assertEqual(segment.partner_ids, self.fresh | self.retail | self.refuser)

        mailing = self.env["mailing.mailing"].search(
            [("transport_segment_ids", "in", segment.ids)]
        )
        self.assertEqual(mailing.state, "in_queue")
        self.assertEqual(mailing.transport_template_id, self.template)
        self.assertEqual(mailing.transport_occasion, "promotion")
        self.assertEqual(mailing.subject, "New Lyon lanes this spring")

        # What the mailing queue's cron does; no mail leaves a test.
        mailing.action_send_mail()
        traces = {trace.res_id: trace for trace in mailing.mailing_trace_ids}
        self.assertEqual(set(traces), set(segment.partner_ids.ids))
        for client in self.fresh | self.retail:
            self.assertNotEqual(traces[client.id].trace_status, "cancel")
        refused = traces[self.refuser.id]
        self.assertEqual(refused.trace_status, "cancel")
        self.assertEqual(refused.failure_type, "mail_optout")
        self.assertFalse(
            self.env["mail.mail"].search(
                [
                    ("mailing_id", "=", mailing.id),
                    ("email_to", "ilike", self.refuser.email),
                ]
            ),
            "no email was written to the client who refused marketing",
        )

    def test_marketer_tour_desktop(self):
        self._check_marketer_tour(phone=False)

    def test_marketer_tour_phone(self):
        self._check_marketer_tour(phone=True)
