from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import new_test_user, tagged

from .common import TransportCrmAccountCase, TransportCrmCase

JUNE = (date(2026, 6, 1), date(2026, 6, 30))


class ManagerPerformanceCase(TransportCrmCase):
    """Two managers of one team (Anna leads it) and helpers that create
    their work on given days, through the same calls a user makes."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tariff = cls._create_tariff([("distance", 1.0)])
        cls.anna = new_test_user(
            cls.env,
            login="perf_anna",
            name="Anna",
            groups="transport_crm.group_transport_sales",
        )
        cls.boris = new_test_user(
            cls.env,
            login="perf_boris",
            name="Boris",
            groups="transport_crm.group_transport_sales",
        )
        cls.team = cls.env["crm.team"].create(
            {
                "name": "Road freight",
                "user_id": cls.anna.id,
                "member_ids": [(6, 0, (cls.anna | cls.boris).ids)],
            }
        )
        cls.Report = cls.env["transport.manager.performance.report"]

    @classmethod
    def _activity(cls, user, deadline, done_on=None):
        activity = (
            cls.env["mail.activity"]
            .with_context(mail_activity_quick_update=True)
            .create(
                {
                    "res_model_id": cls.env["ir.model"]._get_id("res.partner"),
                    "res_id": cls.client.id,
                    "activity_type_id": cls.env.ref("mail.mail_activity_data_todo").id,
                    "summary": "Call back",
                    "user_id": user.id,
                    "date_deadline": deadline,
                }
            )
        )
        if done_on:
            with freeze_time(done_on):
                activity.action_feedback(feedback="Done")
                cls.env.flush_all()
        return activity

    @classmethod
    def _interaction(cls, user, when):
        return cls.env["transport.interaction"].create(
            {
                "partner_id": cls.client.id,
                "topic": "Rates",
                "user_id": user.id,
                "date": when,
            }
        )

    @classmethod
    def _offer(cls, user, distance, sent_on=None, confirmed_on=None, cancel=False):
        order = cls._create_order(tariff=cls.tariff, distance=distance)
        order.user_id = user
        if sent_on:
            with freeze_time(sent_on):
                order.action_quotation_sent()
        if confirmed_on:
            with freeze_time(confirmed_on):
                order.action_confirm()
        if cancel:
            order.action_cancel()
        return order

    def _summary(self, period=JUNE, tz="Europe/Paris", **vals):
        """{manager: figures} of the team's summary for the period."""
        wizard = (
            self.env["transport.manager.summary.wizard"]
            .with_context(tz=tz)
            .create(
                {
                    "date_from": period[0],
                    "date_to": period[1],
                    "team_id": self.team.id,
                    **vals,
                }
            )
        )
        return {
            self.env["res.users"].browse(figures["user_id"]): figures
            for figures in wizard._get_summary_values()
        }


@freeze_time("2026-06-20 12:00:00")
class TestManagerPerformance(ManagerPerformanceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        anna, boris = cls.anna, cls.boris
        # Anna's activities in June: on time, late, overdue, still to come.
        cls._activity(anna, date(2026, 6, 5), done_on="2026-06-05 16:00")
        cls._activity(anna, date(2026, 6, 10), done_on="2026-06-12 09:00")
        cls._activity(anna, date(2026, 6, 15))
        cls._activity(anna, date(2026, 6, 25))
        # Outside June by their deadline, whenever they were done.
        cls._activity(anna, date(2026, 5, 31), done_on="2026-06-02 09:00")
        cls._activity(anna, date(2026, 7, 1))
        # Boris: done early on the first day, due on the last day, overdue.
        cls._activity(boris, date(2026, 6, 1), done_on="2026-05-30 09:00")
        cls._activity(boris, date(2026, 6, 30))
        cls._activity(boris, date(2026, 6, 19))
        cls._interaction(anna, datetime(2026, 6, 3, 10, 0))
        # 00:30 on July 1st in Paris: July for a reader in Paris.
        cls._interaction(anna, datetime(2026, 6, 30, 22, 30))
        cls._interaction(boris, datetime(2026, 6, 15, 9, 0))
        # Anna: one offer won, one lost, one sent in May and won in June.
        cls.o1 = cls._offer(anna, 300.0, "2026-06-02", "2026-06-08")
        cls.o2 = cls._offer(anna, 250.0, "2026-06-10", cancel=True)
        cls.o3 = cls._offer(anna, 200.0, "2026-05-28", "2026-06-03")
        # Boris: one offer pending, one confirmed without sending, one won.
        cls.o4 = cls._offer(boris, 400.0, "2026-06-12")
        cls.o5 = cls._offer(boris, 500.0, confirmed_on="2026-06-20 08:00")
        cls.o6 = cls._offer(boris, 100.0, "2026-06-05", "2026-06-06")

    def test_activities_planned_done_on_time_late_and_overdue(self):
        figures = self._summary()
        anna, boris = figures[self.anna], figures[self.boris]
        self.assertEqual(
            (
                anna["activity_planned"],
                anna["activity_on_time"],
                anna["activity_late"],
                anna["activity_overdue"],
                anna["activity_pending"],
            ),
            (4, 1, 1, 1, 1),
        )
        self.assertEqual(
            (
                boris["activity_planned"],
                boris["activity_on_time"],
                boris["activity_late"],
                boris["activity_overdue"],
                boris["activity_pending"],
            ),
            (3, 1, 0, 1, 1),
            "Done before the deadline is on time; the deadline days 1 and 30 "
            "belong to the period",
        )

    def test_overdue_depends_on_the_day_you_look(self):
        with freeze_time("2026-06-12 12:00:00"):
            anna = self._summary()[self.anna]
        self.assertEqual((anna["activity_overdue"], anna["activity_pending"]), (0, 2))
        with freeze_time("2026-07-05 12:00:00"):
            anna = self._summary()[self.anna]
        self.assertEqual((anna["activity_overdue"], anna["activity_pending"]), (2, 0))

    def test_interactions_counted_in_the_readers_time_zone(self):
        figures = self._summary()
        self.assertEqual(figures[self.anna]["interaction_count"], 1)
        self.assertEqual(figures[self.boris]["interaction_count"], 1)
        in_utc = self._summary(tz="UTC")
        self.assertEqual(in_utc[self.anna]["interaction_count"], 2)

    def test_offers_orders_amounts_and_conversion(self):
        figures = self._summary()
        anna, boris = figures[self.anna], figures[self.boris]
        self.assertEqual((anna["offer_count"], anna["offer_won_count"]), (2, 1))
        self.assertEqual(anna["order_count"], 2, "O1 and O3, won in June")
        self.assertEqual(anna["amount_won"], 500.0)
        self.assertEqual(anna["conversion"], 50.0)
        self.assertEqual((boris["offer_count"], boris["offer_won_count"]), (3, 2))
        self.assertEqual(boris["order_count"], 2)
        self.assertEqual(boris["amount_won"], 600.0)
        self.assertAlmostEqual(boris["conversion"], 200.0 / 3.0, places=6)

    def test_conversion_of_a_group_is_the_ratio_of_its_sums(self):
        ((team, conversion, offers),) = self.Report._read_group(
            [
                ("date", ">=", JUNE[0]),
                ("date", "<=", JUNE[1]),
                ("team_id", "=", self.team.id),
            ],
            ["team_id"],
            ["conversion:avg", "offer_count:sum"],
        )
        self.assertEqual(team, self.team)
        self.assertEqual(offers, 5)
        # 3 won of 5 sent, not the mean of 50 % and 66.7 %.
        self.assertAlmostEqual(conversion, 60.0)

    def test_may_and_a_manager_filter(self):
        may = self._summary(period=(date(2026, 5, 1), date(2026, 5, 31)))
        self.assertEqual(list(may), [self.anna], "Boris's first deadline is June 1")
        self.assertEqual(may[self.anna]["activity_late"], 1, "Due May 31, done June 2")
        self.assertEqual(may[self.anna]["offer_count"], 1, "O3 sent in May")
        self.assertEqual(may[self.anna]["conversion"], 100.0)
        self.assertEqual(may[self.anna]["order_count"], 0)
        only_boris = self._summary(user_ids=[(6, 0, self.boris.ids)])
        self.assertEqual(list(only_boris), [self.boris])

    def test_wizard_lines_and_printed_summary(self):
        wizard = (
            self.env["transport.manager.summary.wizard"]
            .with_context(tz="Europe/Paris")
            .create(
                {
                    "date_from": JUNE[0],
                    "date_to": JUNE[1],
                    "team_id": self.team.id,
                }
            )
        )
        action = wizard.action_compute()
        self.assertEqual(action["res_id"], wizard.id)
        self.assertEqual(wizard.line_ids.user_id, self.anna | self.boris)
        line = wizard.line_ids.filtered(lambda line: line.user_id == self.boris)
        self.assertEqual((line.order_count, line.conversion), (2, 66.7))
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("transport_crm.report_manager_summary", wizard.ids)[0]
            .decode()
        )
        self.assertIn("Anna", html)
        self.assertIn("Boris", html)
        self.env.company.external_report_layout_id = self.env.ref(
            "web.external_layout_standard"
        )
        self.assertEqual(wizard.action_print()["type"], "ir.actions.report")

    def test_a_period_must_end_after_it_starts(self):
        with self.assertRaisesRegex(ValidationError, "must end after it starts"):
            self.env["transport.manager.summary.wizard"].create(
                {"date_from": date(2026, 6, 30), "date_to": date(2026, 6, 1)}
            )

    def test_managers_see_their_own_figures_leaders_their_team(self):
        boris_sees = self.Report.with_user(self.boris).search([]).user_id
        self.assertEqual(boris_sees, self.boris)
        anna_sees = self.Report.with_user(self.anna).search([]).user_id
        self.assertEqual(anna_sees, self.anna | self.boris, "Anna leads the team")
        outsider = new_test_user(
            self.env,
            login="perf_carl",
            groups="transport_crm.group_transport_sales",
        )
        self.assertFalse(self.Report.with_user(outsider).search([]).user_id)
        director = new_test_user(
            self.env,
            login="perf_director",
            groups="transport_crm.group_transport_sales,"
            "sales_team.group_sale_salesman_all_leads",
        )
        self.assertEqual(
            self.Report.with_user(director)
            .search([("user_id", "in", (self.anna | self.boris).ids)])
            .user_id,
            self.anna | self.boris,
        )

    def test_grouped_read_by_manager_is_a_bounded_query(self):
        Report = self.Report.with_user(self.anna)
        aggregates = ["activity_planned:sum", "order_count:sum", "conversion:avg"]
        domain = [("team_id", "=", self.team.id)]
        Report.formatted_read_group(domain, ["user_id"], aggregates)
        self.env.invalidate_all()
        with self.assertQueryCount(5):
            groups = Report.formatted_read_group(domain, ["user_id"], aggregates)
        self.assertEqual(len(groups), 2)


class TestOfferDate(ManagerPerformanceCase):
    def test_offer_dated_when_first_sent_and_kept(self):
        with freeze_time("2026-06-02 09:00:00"):
            order = self._create_order(tariff=self.tariff, distance=100.0)
            self.assertFalse(order.transport_offer_date)
            order.action_quotation_sent()
        with freeze_time("2026-06-04 09:00:00"):
            order.with_context(mark_so_as_sent=True).message_post(body="Again")
            order.action_confirm()
        self.assertEqual(order.transport_offer_date, datetime(2026, 6, 2, 9, 0))

    def test_email_send_dates_the_offer(self):
        with freeze_time("2026-06-03 10:00:00"):
            order = self._create_order(tariff=self.tariff, distance=100.0)
            order.with_context(mark_so_as_sent=True).message_post(body="Offer")
        self.assertEqual(order.state, "sent")
        self.assertEqual(order.transport_offer_date, datetime(2026, 6, 3, 10, 0))

    def test_confirmed_without_sending_is_offered_at_confirmation(self):
        with freeze_time("2026-06-05 11:00:00"):
            order = self._create_order(tariff=self.tariff, distance=100.0)
            order.action_confirm()
        self.assertEqual(order.transport_offer_date, datetime(2026, 6, 5, 11, 0))

    def test_other_sales_orders_are_not_offers(self):
        order = self._create_order(is_transport=False)
        order.action_quotation_sent()
        self.assertFalse(order.transport_offer_date)


@tagged("post_install", "-at_install")
class TestManagerRevenueAndProfit(TransportCrmAccountCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tariff = cls._create_tariff([("distance", 1.0)])
        cls.manager = cls.env.user

    def test_revenue_and_profit_of_the_won_orders(self):
        orders = self.env["sale.order"]
        for distance in (300.0, 200.0):
            order = self._create_order(tariff=self.tariff, distance=distance)
            with freeze_time("2026-06-10 10:00:00"):
                order.action_confirm()
            orders |= order
        invoiced, _not_invoiced = orders
        self._invoice(invoiced, invoice_date=date(2026, 6, 20))
        self.env["transport.trip"].create(
            {
                "transport_order_ids": [(6, 0, invoiced.ids)],
                "cost_line_ids": [(0, 0, {"cost_type": "fuel", "amount": 120.0})],
            }
        )
        wizard = self.env["transport.manager.summary.wizard"].create(
            {"date_from": JUNE[0], "date_to": JUNE[1], "user_ids": self.manager.ids}
        )
        (figures,) = wizard._get_summary_values()
        self.assertEqual(figures["order_count"], 2)
        self.assertEqual(figures["amount_won"], 500.0)
        self.assertEqual(figures["revenue"], 300.0, "Only the invoice counts")
        self.assertEqual(figures["profit"], 180.0, "300 invoiced - 120 trip costs")
        self.assertEqual(figures["conversion"], 100.0)
