from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date

from .transport_monitoring_rule import MONITORING_KINDS


class MailActivity(models.Model):
    _inherit = "mail.activity"

    transport_plan_rule_id = fields.Many2one(
        "transport.monitoring.rule",
        string="Daily plan rule",
        index="btree_not_null",
        ondelete="set null",
        readonly=True,
    )
    transport_plan_kind = fields.Selection(
        [*MONITORING_KINDS, ("escalation", "Escalation")],
        string="Plan",
        index="btree_not_null",
        readonly=True,
    )
    transport_result_required = fields.Boolean(
        related="activity_type_id.transport_result_required"
    )
    transport_last_reminder = fields.Date(
        string="Last reminder", readonly=True, copy=False
    )
    transport_escalated_on = fields.Date(
        string="Escalated on", readonly=True, copy=False
    )

    # ------------------------------------------------------------ done

    def _action_done(self, feedback=False, attachment_ids=None):
        if not (feedback or "").strip():
            missing = self.filtered("activity_type_id.transport_result_required")
            if missing:
                raise UserError(
                    self.env._(
                        "Record the result of “%(activity)s” to mark it done: "
                        "what did the client say?",
                        activity=missing[0].display_name,
                    )
                )
        self._transport_log_interactions(feedback)
        return super()._action_done(feedback=feedback, attachment_ids=attachment_ids)

    def _transport_log_interactions(self, feedback):
        vals_list = []
        next_step = self.env.context.get("transport_next_step") or False
        next_step_date = self.env.context.get("transport_next_step_date") or False
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
                    "next_step": next_step,
                    "next_step_date": next_step_date,
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

    def action_transport_record_result(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Record the result"),
            "res_model": "transport.activity.result.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_activity_id": self.id},
        }

    # ------------------------------------------------------------ reminders

    @api.model
    def _cron_transport_remind_overdue(self):
        """Hourly cron: remind the owners of overdue activities that wait for
        their result, once a day and in one message per owner; escalate those
        overdue for the company's escalation delay to the owner's manager."""
        today = fields.Date.context_today(self)
        overdue = self.search(
            [
                ("activity_type_id.transport_result_required", "=", True),
                ("date_deadline", "<", today),
                ("user_id", "!=", False),
            ],
            order="date_deadline, id",
        )
        overdue.filtered(
            lambda a: not a.transport_last_reminder or a.transport_last_reminder < today
        )._transport_remind(today)
        overdue.filtered(
            lambda a: not a.transport_escalated_on
            and (today - a.date_deadline).days
            >= a.user_id.company_id.transport_escalation_days
        )._transport_escalate(today)
        return True

    def _transport_remind(self, today):
        for owner, activities in self.grouped("user_id").items():
            owner_env = self.with_context(lang=owner.lang).env
            items = Markup().join(
                Markup("<li>%s</li>")
                % owner_env._(
                    "%(activity)s on %(record)s, due %(deadline)s",
                    activity=activity.display_name,
                    record=activity.res_name or "",
                    deadline=format_date(owner_env, activity.date_deadline),
                )
                for activity in activities
            )
            owner_env["mail.thread"].message_notify(
                partner_ids=owner.partner_id.ids,
                subject=owner_env._(
                    "%(count)s overdue activities wait for their result",
                    count=len(activities),
                ),
                body=Markup("<p>%s</p><ul>%s</ul>")
                % (
                    owner_env._(
                        "Record what the client said to close them; "
                        "your manager is told when they stay overdue."
                    ),
                    items,
                ),
            )
        self.transport_last_reminder = today

    def _transport_escalate(self, today):
        vals_list = []
        escalated = self.browse()
        todo_type = self.env.ref("mail.mail_activity_data_todo")
        for activity in self:
            manager = activity._get_transport_manager()
            if not manager:
                continue
            escalated |= activity
            vals_list.append(
                {
                    "res_model_id": activity.res_model_id.id,
                    "res_id": activity.res_id,
                    "activity_type_id": todo_type.id,
                    "summary": self.with_context(lang=manager.lang).env._(
                        "Escalated: %(activity)s (%(owner)s, %(days)s days overdue)",
                        activity=activity.display_name,
                        owner=activity.user_id.name,
                        days=(today - activity.date_deadline).days,
                    ),
                    "user_id": manager.id,
                    "date_deadline": today,
                    "automated": True,
                    "transport_plan_rule_id": activity.transport_plan_rule_id.id,
                    "transport_plan_kind": "escalation",
                }
            )
        # Assigning the escalation notifies the manager, as any assignment does.
        self.create(vals_list)
        escalated.transport_escalated_on = today

    def _get_transport_manager(self):
        """The owner's sales team leader, else the company's escalation
        manager; never the owner."""
        self.ensure_one()
        owner = self.user_id
        for manager in (
            owner.sale_team_id.user_id,
            owner.company_id.transport_escalation_user_id,
        ):
            if manager and manager != owner:
                return manager
        return self.env["res.users"]
