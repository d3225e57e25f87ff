from datetime import date

from odoo.fields import Command
from odoo.tests import new_test_user

from .common import TransportCrmCase


class DailyPlanCase(TransportCrmCase):
    """Salespeople Sam (in Lea's team) and Sue (no team), their clients, and
    daily plan rules of every kind. Today is 10 March 2026 in the tests."""

    today = date(2026, 3, 10)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        groups = "base.group_user,transport_crm.group_transport_sales"
        cls.sam = new_test_user(
            cls.env, login="h1_sam", name="Sam Seller", groups=groups
        )
        cls.sue = new_test_user(
            cls.env, login="h1_sue", name="Sue Seller", groups=groups
        )
        cls.lea = new_test_user(
            cls.env, login="h1_lea", name="Lea Leader", groups=groups
        )
        cls.max = new_test_user(cls.env, login="h1_max", name="Max Boss", groups=groups)
        cls.team = cls.env["crm.team"].create(
            {
                "name": "Road freight desk",
                "user_id": cls.lea.id,
                "member_ids": [Command.link(cls.sam.id)],
            }
        )
        cls.client.user_id = cls.sam
        cls.client_2.user_id = cls.sue
        cls.call_type = cls.env.ref("transport_crm.mail_activity_type_client_call")
        cls.todo_type = cls.env.ref("mail.mail_activity_data_todo")
        # Only the rules of the tests plan anything.
        cls.env["transport.monitoring.rule"].search([]).active = False

    @classmethod
    def _create_rule(cls, kind, days=30, **vals):
        return cls.env["transport.monitoring.rule"].create(
            {
                "name": f"Rule {kind}",
                "kind": kind,
                "days": days,
                "activity_type_id": cls.call_type.id,
                **vals,
            }
        )

    @classmethod
    def _plan_call(cls, record, user, deadline, activity_type=None):
        return cls.env["mail.activity"].create(
            {
                "res_model_id": cls.env["ir.model"]._get_id(record._name),
                "res_id": record.id,
                "activity_type_id": (activity_type or cls.call_type).id,
                "summary": f"Call {record.display_name}",
                "user_id": user.id,
                "date_deadline": deadline,
            }
        )

    def _plan_of(self, rule):
        return self.env["mail.activity"].search(
            [("transport_plan_rule_id", "=", rule.id)], order="id"
        )
