from datetime import timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import new_test_user

from .daily_plan_common import DailyPlanCase


@freeze_time("2026-03-10 09:00:00")
class TestDailyPlan(DailyPlanCase):
    """Every morning each rule plans an activity due today on what it finds,
    for the salesperson of the client or order, and never twice."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.client.transport_last_order_date = cls.today - timedelta(days=90)
        cls.client_2.transport_last_order_date = cls.today - timedelta(days=10)
        cls.orphan = Partner.create(
            {
                "name": "Gamma Glass",
                "is_company": True,
                "transport_last_order_date": cls.today - timedelta(days=200),
            }
        )
        cls.newcomer = Partner.create({"name": "Delta Dairy", "is_company": True})

    def test_dormant_clients_get_a_call(self):
        rule = self._create_rule("dormant", days=60, user_id=self.max.id)
        activities = rule._draw_up_plan()
        self.assertEqual(activities, self._plan_of(rule))
        planned = {a.res_id: a for a in activities}
        # Recent client and client who never ordered are left alone.
        self.assertEqual(set(planned), {self.client.id, self.orphan.id})
        call = planned[self.client.id]
        self.assertEqual(call.res_model, "res.partner")
        self.assertEqual(call.user_id, self.sam, "the client's salesperson calls")
        self.assertEqual(call.activity_type_id, self.call_type)
        self.assertEqual(call.date_deadline, self.today)
        self.assertEqual(call.transport_plan_kind, "dormant")
        self.assertEqual(call.summary, "Rule dormant")
        self.assertEqual(
            planned[self.orphan.id].user_id,
            self.max,
            "without a salesperson, the rule's responsible calls",
        )

    def test_client_without_salesperson_goes_to_its_last_order_salesperson(self):
        echo = self.env["res.partner"].create({"name": "Echo Eggs", "is_company": True})
        self._create_order(partner=echo, user_id=self.sam.id, date_order="2025-10-01")
        self._create_order(partner=echo, user_id=self.sue.id, date_order="2025-11-01")
        echo.transport_last_order_date = "2025-11-01"
        rule = self._create_rule("dormant", days=60)
        call = rule._draw_up_plan().filtered(lambda a: a.res_id == echo.id)
        self.assertEqual(call.user_id, self.sue)

    def test_record_without_anybody_to_call_is_skipped(self):
        rule = self._create_rule("dormant", days=60)
        self.assertEqual(rule._draw_up_plan().mapped("res_id"), [self.client.id])

    def test_rerun_plans_nothing_twice(self):
        rule = self._create_rule("dormant", days=60, repeat_days=30)
        first = rule._draw_up_plan()
        self.assertTrue(first)
        self.assertFalse(rule._draw_up_plan(), "a second run the same day")
        with freeze_time("2026-03-11 09:00:00"):
            self.assertFalse(rule._draw_up_plan(), "the call is still open")
        first.action_feedback(feedback="Will order next month")
        with freeze_time("2026-03-20 09:00:00"):
            self.assertFalse(rule._draw_up_plan(), "done ten days ago")
        with freeze_time("2026-04-10 09:00:00"):
            again = rule._draw_up_plan()
        self.assertEqual(again.res_id, self.client.id, "planned again after 30 days")
        self.assertEqual(len(self._plan_of(rule)), 1, "one open call at a time")

    def test_switched_off_rule_plans_nothing(self):
        rule = self._create_rule("dormant", days=60, active=False)
        self.assertFalse(rule._draw_up_plan())
        self.env["transport.monitoring.rule"]._cron_draw_up_plans()
        self.assertFalse(self._plan_of(rule))

    def test_cron_runs_every_active_rule_once(self):
        dormant = self._create_rule("dormant", days=60)
        churn = self._create_rule("churn")
        (self.client | self.client_2).transport_churn_risk = True
        Rule = self.env["transport.monitoring.rule"]
        Rule._cron_draw_up_plans()
        Rule._cron_draw_up_plans()
        self.assertEqual(self._plan_of(dormant).res_id, self.client.id)
        self.assertEqual(
            self._plan_of(churn).res_id,
            self.client_2.id,
            "the dormant client already has a call planned",
        )
        self.assertEqual(self._plan_of(churn).user_id, self.sue)

    def test_draw_up_now_button(self):
        rule = self._create_rule("offer", days=3)
        offer = self._create_order(user_id=self.sam.id)
        offer.write(
            {"state": "sent", "transport_offer_date": self.today - timedelta(days=5)}
        )
        action = rule.with_user(self.lea).action_draw_up()
        self.assertEqual(action["params"]["message"], "Activities planned: 1")
        self.assertEqual(rule.open_activity_count, 1)
        self.assertEqual(self._plan_of(rule).user_id, self.sam)
        self.assertEqual(
            rule.action_view_activities()["domain"],
            [("transport_plan_rule_id", "=", rule.id)],
        )

    def test_unanswered_offers_get_a_follow_up(self):
        rule = self._create_rule(
            "offer",
            days=3,
            activity_type_id=self.env.ref(
                "transport_crm.mail_activity_type_offer_followup"
            ).id,
        )
        old = self.today - timedelta(days=5)
        offers = {
            name: self._create_order(user_id=self.sam.id)
            for name in ("unanswered", "sent_yesterday", "draft", "confirmed")
        }
        offers["unanswered"].write({"state": "sent", "transport_offer_date": old})
        offers["sent_yesterday"].write(
            {
                "state": "sent",
                "transport_offer_date": self.today - timedelta(days=1),
            }
        )
        offers["draft"].transport_offer_date = old
        offers["confirmed"].write({"state": "sale", "transport_offer_date": old})
        activity = rule._draw_up_plan()
        self.assertEqual(activity.res_model, "sale.order")
        self.assertEqual(activity.res_id, offers["unanswered"].id)
        self.assertEqual(activity.user_id, self.sam)
        self.assertTrue(activity.transport_result_required)

    def test_promised_information_due(self):
        rule = self._create_rule("promise", days=1, activity_type_id=self.todo_type.id)
        Interaction = self.env["transport.interaction"]

        def promise(days, what):
            return Interaction.create(
                {
                    "partner_id": self.client_2.id,
                    "topic": "Call about Lyon",
                    "next_step": what,
                    "next_step_date": self.today + timedelta(days=days),
                    "user_id": self.sue.id,
                }
            )

        due = promise(1, "Send the Lyon price")
        promise(5, "Send the Berlin price")
        promise(-1, "Send the Paris price")
        activity = rule._draw_up_plan()
        self.assertEqual(activity.res_model, "transport.interaction")
        self.assertEqual(activity.res_id, due.id)
        self.assertEqual(activity.user_id, self.sue)
        self.assertEqual(activity.summary, "Rule promise: Send the Lyon price")

    def test_expiring_tariff_needs_a_new_offer(self):
        rule = self._create_rule("tariff", days=30)
        expiring = self._create_tariff(
            [
                {
                    "rule_type": "distance",
                    "rate": 2.0,
                    "date_end": self.today + timedelta(days=10),
                }
            ],
            name="Expiring",
        )
        lasting = self._create_tariff(
            [
                {
                    "rule_type": "distance",
                    "rate": 2.0,
                    "date_end": self.today + timedelta(days=90),
                }
            ],
            name="Lasting",
        )
        self.client.specific_property_product_pricelist = expiring
        self.client_2.specific_property_product_pricelist = lasting
        activity = rule._draw_up_plan()
        self.assertEqual(activity.res_id, self.client.id)
        self.assertEqual(activity.transport_plan_kind, "tariff")

    def test_clients_slipping_away(self):
        rule = self._create_rule("churn")
        self.client.transport_churn_risk = True
        activity = rule._draw_up_plan()
        self.assertEqual(activity.res_id, self.client.id)
        self.assertEqual(activity.user_id, self.sam)

    def test_plan_queries_do_not_grow_with_clients(self):
        rule = self._create_rule("dormant", days=60, user_id=self.max.id)
        rule._draw_up_plan()
        self.env["mail.activity"].search([]).unlink()

        def queries():
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            rule._draw_up_plan()
            self.env.flush_all()
            return self.env.cr.sql_log_count - before

        few = queries()
        self.env["mail.activity"].search([]).unlink()
        self.env["res.partner"].create(
            [
                {
                    "name": f"Sleeper {n}",
                    "is_company": True,
                    "transport_last_order_date": self.today - timedelta(days=100),
                }
                for n in range(10)
            ]
        )
        self.assertEqual(len(rule._draw_up_plan()), 12)
        self.env["mail.activity"].search([]).unlink()
        self.assertLessEqual(queries(), few + 2)

    def test_offers_of_another_company_are_not_planned(self):
        other = self.env["res.company"].create({"name": "Other Haulage"})
        rule = self._create_rule("offer", days=3, company_id=other.id)
        offer = self._create_order(user_id=self.sam.id)
        offer.write(
            {"state": "sent", "transport_offer_date": self.today - timedelta(days=5)}
        )
        self.assertFalse(rule._draw_up_plan())
        self.assertEqual(
            self._create_rule("offer", days=3)._draw_up_plan().res_id, offer.id
        )

    def test_only_sales_managers_configure_rules(self):
        rule = self._create_rule("dormant", days=60)
        salesman = new_test_user(
            self.env,
            login="h1_plain",
            groups="base.group_user,sales_team.group_sale_salesman",
        )
        self.assertEqual(rule.with_user(salesman).name, "Rule dormant")
        with self.assertRaisesRegex(AccessError, "not allowed to modify"):
            rule.with_user(salesman).days = 10
        with self.assertRaisesRegex(AccessError, "not allowed to modify"):
            rule.with_user(salesman).action_draw_up()
        rule.with_user(self.lea).days = 10
        self.assertEqual(rule.days, 10)
