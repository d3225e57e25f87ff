from datetime import timedelta

from odoo import api, fields, models


class TransportCrmDemo(models.AbstractModel):
    _inherit = "transport.crm.demo"

    @api.model
    def _generate_marketing(self):
        """Consent refusals on both channels, segment members, and a past
        email mailing whose recipients answered and ordered."""
        Partner = self.env["res.partner"]
        Partner._transport_update_marketing_facts()
        self.env["transport.segment"].search(
            [("kind", "=", "rule")]
        )._refresh_membership()
        clients = Partner.search(
            [("is_company", "=", True), ("email", "like", ".example.com")],
            order="id",
        )
        if len(clients) < 12:
            return True
        clients[0:3].write({"marketing_email_consent": "opt_out"})
        clients[3:6].write({"marketing_sms_consent": "opt_out"})
        clients[6:8].write(
            {"marketing_email_consent": "opt_in", "marketing_sms_consent": "opt_in"}
        )
        self.env["mail.blacklist"]._add(clients[8].email)
        key_accounts = self.env.ref(
            "transport_crm.transport_segment_demo_5", raise_if_not_found=False
        )
        if key_accounts:
            key_accounts.partner_ids = clients[6:10]
        self._demo_past_mailing(clients)
        return True

    def _demo_past_mailing(self, clients):
        template = self.env.ref("transport_crm.transport_mailing_template_demo_1")
        # Invoiced orders, so that the mailing's results show revenue and profit.
        Order = self.env["sale.order"]
        domain = [("is_transport", "=", True), ("state", "=", "sale")]
        orders = Order.search(
            [*domain, ("transport_revenue", ">", 0)], order="date_order desc", limit=6
        ) or Order.search(domain, order="date_order desc", limit=6)
        if not orders:
            return
        sent = orders[-1].date_order - timedelta(days=5)
        recipients = (
            orders.partner_id.commercial_partner_id | clients[9:15]
        ) - clients[0:3]
        mailing = self.env["mailing.mailing"].create(
            {
                "mailing_type": "mail",
                "mailing_model_id": self.env["ir.model"]._get_id("res.partner"),
                "transport_template_id": template.id,
                "transport_partner_ids": recipients.ids,
            }
        )
        mailing.write({"state": "done", "sent_date": sent})
        statuses = ["reply", "open", "open", "sent", "sent", "bounce"]
        traces = []
        for index, partner in enumerate(recipients):
            status = statuses[index % len(statuses)]
            traces.append(
                {
                    "mass_mailing_id": mailing.id,
                    "model": "res.partner",
                    "res_id": partner.id,
                    "email": partner.email,
                    "trace_type": "mail",
                    "trace_status": status,
                    "sent_datetime": sent,
                    "open_datetime": sent + timedelta(hours=3)
                    if status in ("open", "reply")
                    else False,
                    "reply_datetime": sent + timedelta(days=1)
                    if status == "reply"
                    else False,
                    "links_click_datetime": sent + timedelta(hours=4)
                    if index % 4 == 1
                    else False,
                }
            )
        for partner in clients[0:3]:
            traces.append(
                {
                    "mass_mailing_id": mailing.id,
                    "model": "res.partner",
                    "res_id": partner.id,
                    "email": partner.email,
                    "trace_type": "mail",
                    "trace_status": "cancel",
                    "failure_type": "mail_optout",
                }
            )
        self.env["mailing.trace"].create(traces)
        self.env["transport.interaction"].create(
            [
                {
                    "partner_id": partner.id,
                    "kind": "call_in",
                    "topic": "Call after the reminder",
                    "result": "Asked for a quote",
                    "date": min(sent + timedelta(days=2), fields.Datetime.now()),
                }
                for partner in recipients[:3]
            ]
        )
