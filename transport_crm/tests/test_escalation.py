from freezegun import freeze_time

from .daily_plan_common import DailyPlanCase


class TestEscalation(DailyPlanCase):
    """An overdue activity waiting for its result reminds its owner once a
    day; after the company's delay (3 days) it is escalated, once, to the
    owner's sales team leader, else to the company's escalation manager."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.transport_escalation_days = 3
        cls.company.transport_escalation_user_id = cls.max
        # Due Monday 2 March 2026.
        cls.call = cls._plan_call(cls.client, cls.sam, "2026-03-02")

    def _run(self, day):
        with freeze_time(f"{day} 10:00:00"):
            self.env["mail.activity"]._cron_transport_remind_overdue()

    def _reminders(self, user):
        return self.env["mail.message"].search(
            [
                ("partner_ids", "in", user.partner_id.ids),
                ("subject", "ilike", "overdue activities wait for their result"),
            ]
        )

    def _escalations(self):
        return self.env["mail.activity"].search(
            [("transport_plan_kind", "=", "escalation")]
        )

    def test_reminder_once_a_day_while_overdue(self):
        self._run("2026-03-02")
        self.assertFalse(self._reminders(self.sam), "not overdue on its day")
        self._run("2026-03-03")
        reminder = self._reminders(self.sam)
        self.assertEqual(len(reminder), 1)
        self.assertIn("Call Acme Foods", reminder.body)
        self.assertEqual(str(self.call.transport_last_reminder), "2026-03-03")
        self._run("2026-03-03")
        self.assertEqual(len(self._reminders(self.sam)), 1, "once a day")
        self._run("2026-03-04")
        self.assertEqual(len(self._reminders(self.sam)), 2)
        self.call.action_feedback(feedback="Reached at last")
        self._run("2026-03-05")
        self.assertEqual(len(self._reminders(self.sam)), 2, "done: no more reminders")

    def test_one_reminder_per_owner_for_all_his_activities(self):
        self._plan_call(self.client_2, self.sam, "2026-03-01")
        self._run("2026-03-03")
        self.assertEqual(len(self._reminders(self.sam)), 1)

    def test_escalation_after_exactly_three_days(self):
        self._run("2026-03-04")
        self.assertFalse(self._escalations(), "two days overdue")
        self.assertFalse(self.call.transport_escalated_on)
        self._run("2026-03-05")
        escalation = self._escalations()
        self.assertEqual(escalation.user_id, self.lea, "Sam's team leader")
        self.assertEqual(escalation.res_model, "res.partner")
        self.assertEqual(escalation.res_id, self.client.id)
        self.assertEqual(str(escalation.date_deadline), "2026-03-05")
        self.assertEqual(
            escalation.summary,
            "Escalated: Call Acme Foods (Sam Seller, 3 days overdue)",
        )
        self.assertEqual(str(self.call.transport_escalated_on), "2026-03-05")
        self.assertTrue(self.call.active, "the owner still has to record the result")
        self._run("2026-03-06")
        self._run("2026-03-09")
        self.assertEqual(len(self._escalations()), 1, "escalated once")

    def test_escalation_delay_is_a_company_setting(self):
        self.company.transport_escalation_days = 1
        self._run("2026-03-03")
        self.assertEqual(self._escalations().user_id, self.lea)

    def test_without_team_leader_the_escalation_manager(self):
        call = self._plan_call(self.client_2, self.sue, "2026-03-02")
        self._run("2026-03-05")
        escalation = self._escalations().filtered(
            lambda a: a.res_id == self.client_2.id
        )
        self.assertEqual(escalation.user_id, self.max)
        self.assertEqual(call.transport_escalated_on, escalation.date_deadline)

    def test_nobody_to_escalate_to(self):
        self.company.transport_escalation_user_id = False
        call = self._plan_call(self.client_2, self.sue, "2026-03-02")
        self.team.member_ids |= self.lea
        lea_call = self._plan_call(self.client_2, self.lea, "2026-03-02")
        self._run("2026-03-05")
        self.assertEqual(
            self._escalations().mapped("user_id"), self.lea, "only Sam's call"
        )
        self.assertFalse(call.transport_escalated_on)
        self.assertFalse(lea_call.transport_escalated_on, "never to oneself")

    def test_other_activities_neither_remind_nor_escalate(self):
        todo = self._plan_call(self.client_2, self.sue, "2026-03-01", self.todo_type)
        self._run("2026-03-09")
        self.assertFalse(self._reminders(self.sue))
        self.assertFalse(todo.transport_escalated_on)
