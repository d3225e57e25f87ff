from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tools.safe_eval import safe_eval

from .daily_plan_common import DailyPlanCase


@freeze_time("2026-03-10 09:00:00")
class TestActivityResult(DailyPlanCase):
    """A call, a meeting or an offer follow-up is only done once its result
    is recorded; "My day" shows a salesperson his own activities due."""

    def test_call_cannot_be_done_without_result(self):
        call = self._plan_call(self.client, self.sam, self.today).with_user(self.sam)
        with self.assertRaisesRegex(
            UserError, "Record the result of “Call Acme Foods”"
        ):
            call.action_done()
        with self.assertRaisesRegex(UserError, "what did the client say"):
            call.action_feedback(feedback="  \n ")
        self.assertTrue(call.active)
        call.action_feedback(feedback="Wants a price for Lyon")
        self.assertFalse(call.active, "done activities stay, archived")
        self.assertEqual(call.date_done, self.today)
        self.assertEqual(call.feedback, "Wants a price for Lyon")
        interaction = self.client.interaction_ids
        self.assertEqual(interaction.result, "Wants a price for Lyon")
        self.assertEqual(interaction.user_id, self.sam)

    def test_negotiating_types_require_a_result(self):
        for xmlid in (
            "transport_crm.mail_activity_type_client_call",
            "transport_crm.mail_activity_type_client_meeting",
            "transport_crm.mail_activity_type_offer_followup",
        ):
            self.assertTrue(self.env.ref(xmlid).transport_result_required, xmlid)
        self.assertFalse(self.todo_type.transport_result_required)

    def test_other_activities_are_done_as_usual(self):
        todo = self._plan_call(self.client, self.sam, self.today, self.todo_type)
        todo.with_user(self.sam).action_done()
        self.assertFalse(todo.active)

    def test_one_missing_result_refuses_the_batch(self):
        todo = self._plan_call(self.client, self.sam, self.today, self.todo_type)
        call = self._plan_call(self.client_2, self.sam, self.today)
        with self.assertRaisesRegex(UserError, "Record the result"):
            (todo | call).action_done()
        self.assertTrue(todo.active and call.active)

    def test_result_wizard_records_result_and_next_step(self):
        call = self._plan_call(self.client, self.sam, self.today)
        action = call.with_user(self.sam).action_transport_record_result()
        Wizard = self.env[action["res_model"]].with_user(self.sam)
        wizard = Wizard.with_context(**action["context"]).create(
            {
                "result": "Interested in a weekly Lyon line",
                "next_step": "Send the Lyon tariff",
                "next_step_date": "2026-03-12",
            }
        )
        self.assertEqual(wizard.activity_id, call)
        wizard.action_confirm()
        self.assertFalse(call.active)
        interaction = self.client.interaction_ids
        self.assertEqual(interaction.result, "Interested in a weekly Lyon line")
        self.assertEqual(interaction.next_step, "Send the Lyon tariff")
        promise = self.client.activity_ids
        self.assertEqual(promise.summary, "Send the Lyon tariff")
        self.assertEqual(str(promise.date_deadline), "2026-03-12")
        self.assertEqual(promise.user_id, self.sam)
        with self.assertRaisesRegex(UserError, "already done"):
            Wizard.create({"activity_id": call.id, "result": "again"}).action_confirm()

    def test_result_wizard_on_other_records_plans_the_next_step(self):
        interaction = self.env["transport.interaction"].create(
            {"partner_id": self.client.id, "topic": "Tender", "user_id": self.sam.id}
        )
        call = self._plan_call(interaction, self.sam, self.today)
        self.env["transport.activity.result.wizard"].create(
            {
                "activity_id": call.id,
                "result": "Tender postponed",
                "next_step": "Ask again",
                "next_step_date": "2026-04-01",
            }
        ).action_confirm()
        next_step = self.env["mail.activity"].search(
            [
                ("res_model", "=", "transport.interaction"),
                ("res_id", "=", interaction.id),
            ]
        )
        self.assertEqual(next_step.summary, "Ask again")

    def test_next_step_needs_a_description(self):
        call = self._plan_call(self.client, self.sam, self.today)
        with self.assertRaisesRegex(ValidationError, "Say what the next step is"):
            self.env["transport.activity.result.wizard"].create(
                {"activity_id": call.id, "result": "ok", "next_step_date": "2026-03-12"}
            )

    def test_my_day_shows_only_my_activities_due(self):
        mine = self._plan_call(self.client, self.sam, self.today)
        carried_over = self._plan_call(self.client_2, self.sam, "2026-03-05")
        self._plan_call(self.client, self.sam, "2026-03-11")
        self._plan_call(self.client, self.sue, self.today)
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "transport_crm.action_transport_my_day"
        )
        context = safe_eval(action["context"])
        self.assertTrue(context["search_default_group_by_plan_kind"])
        self.assertTrue(context["search_default_filter_due"])
        domain = safe_eval(action["domain"], {"uid": self.sam.id}) + [
            ("date_deadline", "<=", self.today)
        ]
        activities = self.env["mail.activity"].with_user(self.sam).search(domain)
        self.assertEqual(activities, mine | carried_over)
        self.assertEqual(carried_over.state, "overdue")
