import random
from datetime import datetime, time, timedelta

from odoo import api, fields, models

# (activity type xml id, interaction kind logged when done, summary)
DEMO_ACTIVITIES = [
    ("transport_crm.mail_activity_type_client_call", "call_out", "Call about volumes"),
    ("transport_crm.mail_activity_type_client_call", "call_out", "Follow up the offer"),
    ("transport_crm.mail_activity_type_client_meeting", "meeting", "Quarterly review"),
    ("mail.mail_activity_data_todo", False, "Send the updated tariff"),
]


class TransportCrmDemo(models.AbstractModel):
    _inherit = "transport.crm.demo"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _generate_managers(self, user_ids):
        """A month of work for each manager: the demo orders shared between
        them (offers dated before the confirmation), and activities on their
        clients done on time, done late, overdue or still to do, the done
        calls and meetings logged as interactions."""
        rnd = random.Random(7)
        managers = self.env["res.users"].browse(user_ids)
        orders = self.env["sale.order"].search(
            [("is_transport", "=", True)], order="id"
        )
        if not managers or not orders:
            return True
        clients = {}
        for index, manager in enumerate(managers):
            share = orders[index :: len(managers)]
            share.user_id = manager
            clients[manager] = share.partner_id.commercial_partner_id
        self._demo_offer_dates(orders, rnd)
        for manager in managers:
            self._demo_month_of_activities(manager, clients[manager], rnd)
        return True

    def _demo_offer_dates(self, orders, rnd):
        now = fields.Datetime.now()
        for order in orders:
            if order.state == "sale":
                sent = order.date_order - timedelta(days=rnd.randint(1, 6))
            elif order.state == "sent" or (
                order.state == "cancel" and rnd.random() < 0.6
            ):
                sent = now - timedelta(days=rnd.randint(1, 30))
            else:
                continue
            order.transport_offer_date = sent

    def _demo_month_of_activities(self, manager, clients, rnd):
        today = fields.Date.context_today(self)
        Activity = self.env["mail.activity"].with_context(
            mail_activity_quick_update=True
        )
        partner_model = self.env["ir.model"]._get_id("res.partner")
        vals_list, plans = [], []
        for offset in range(-30, 8):
            deadline = today + timedelta(days=offset)
            if deadline.weekday() >= 5:
                continue
            for _i in range(rnd.randint(1, 2)):
                xmlid, kind, summary = rnd.choice(DEMO_ACTIVITIES)
                vals_list.append(
                    {
                        "res_model_id": partner_model,
                        "res_id": rnd.choice(clients).id,
                        "activity_type_id": self.env.ref(xmlid).id,
                        "summary": summary,
                        "user_id": manager.id,
                        "date_deadline": deadline,
                    }
                )
                plans.append((kind, self._demo_done_date(deadline, today, rnd)))
        activities = Activity.create(vals_list)
        done = {}
        interactions = []
        for activity, (kind, date_done) in zip(activities, plans, strict=True):
            if not date_done:
                continue
            done.setdefault(date_done, self.env["mail.activity"])
            done[date_done] |= activity
            if kind:
                interactions.append(
                    {
                        "partner_id": activity.res_id,
                        "kind": kind,
                        "topic": activity.summary,
                        "result": "Done",
                        "user_id": manager.id,
                        "date": datetime.combine(date_done, time(10, 0)),
                    }
                )
        for date_done, group in done.items():
            group.action_archive()
            group.date_done = date_done
        self.env["transport.interaction"].create(interactions)

    def _demo_done_date(self, deadline, today, rnd):
        """Past deadlines: done on time (7 in 10), late (2 in 10) or
        overdue; some future ones already done today."""
        if deadline > today:
            return today if rnd.random() < 0.2 else False
        draw = rnd.random()
        if draw < 0.7:
            return deadline
        if draw < 0.9 and deadline < today:
            return min(deadline + timedelta(days=rnd.randint(1, 4)), today)
        return False
