from odoo import models


class MailActivity(models.Model):
    _inherit = "mail.activity"

    def _action_done(self, feedback=False, attachment_ids=None):
        self._transport_log_interactions(feedback)
        return super()._action_done(feedback=feedback, attachment_ids=attachment_ids)

    def _transport_log_interactions(self, feedback):
        vals_list = []
        for activity in self.filtered("activity_type_id.transport_interaction_kind"):
            if activity.res_model not in ("res.partner", "sale.order"):
                continue
            record = self.env[activity.res_model].browse(activity.res_id)
            partner = (
                record if activity.res_model == "res.partner" else record.partner_id
            )
            vals_list.append(
                {
                    "partner_id": partner.id,
                    "kind": activity.activity_type_id.transport_interaction_kind,
                    "topic": activity.summary or activity.activity_type_id.name,
                    "result": feedback or False,
                    "order_id": record.id
                    if activity.res_model == "sale.order"
                    else False,
                    "user_id": activity.user_id.id or self.env.uid,
                    "company_id": (record.company_id or self.env.company).id
                    if "company_id" in record
                    else self.env.company.id,
                }
            )
        if vals_list:
            self.env["transport.interaction"].create(vals_list)
