from datetime import date, datetime

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.transport_fleet.tests.pdf_render_common import PdfRenderMixin

from .common import TransportCrmAccountCase
from .pay_common import TransportPayCase


class TestPayStatement(TransportPayCase):
    """A pay statement pays the work recorded in its period, line by line,
    at the rates of the employee's table; confirmed, it is locked."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Dana drives A with Carl (452 km, 12.5 t, 12 h) and B alone
        # (310.5 km, empty, 7.5 h) in June.
        cls.trip_a = cls._done_trip(
            datetime(2026, 6, 3, 6, 0),
            datetime(2026, 6, 3, 18, 0),
            452.0,
            12.5,
            co_driver_id=cls.co_driver.id,
        )
        cls.trip_b = cls._done_trip(
            datetime(2026, 6, 20, 8, 0), datetime(2026, 6, 20, 15, 30), 310.5
        )

    def test_driver_lines_by_hand(self):
        statement = self._statement(self.emp_driver, self.june)
        statement.action_compute()
        a, b = self.trip_a.name, self.trip_b.name
        self.assertEqual(
            self._lines(statement),
            sorted(
                [
                    ("km", a, 452.0, 0.30, 135.60),  # 452 × 0.30
                    ("trip", a, 1.0, 25.0, 25.0),
                    ("tonne", a, 12.5, 2.0, 25.0),  # 12.5 × 2
                    ("hour", a, 12.0, 4.5, 54.0),  # 12 × 4.5
                    ("km", b, 310.5, 0.30, 93.15),  # 310.5 × 0.30
                    ("trip", b, 1.0, 25.0, 25.0),
                    ("hour", b, 7.5, 4.5, 33.75),  # no cargo: no tonne line
                ]
            ),
        )
        self.assertAlmostEqual(statement.amount_total, 391.50)
        self.assertEqual(statement.rate_table_id, self.table_driver)
        self.assertIn("Lyon → Milan", statement.line_ids[0].description)

    def test_personal_table_wins_over_role_table(self):
        self.assertEqual(self.emp_co_driver.transport_pay_role, "driver")
        statement = self._statement(self.emp_co_driver, self.june)
        statement.action_compute()
        # Carl's own table pays only km, at 0.40: the role's trip, tonne
        # and hour rates do not apply to him.
        self.assertEqual(
            self._lines(statement), [("km", self.trip_a.name, 452.0, 0.40, 180.80)]
        )
        self.assertEqual(statement.rate_table_id, self.table_co_driver)

    def test_tables_apply_within_their_validity(self):
        self.table_driver.date_to = date(2026, 6, 10)
        self.env["transport.pay.rate.table"].create(
            [
                {
                    "name": "Drivers from mid-June",
                    "role": "driver",
                    "date_from": date(2026, 6, 11),
                    "rate_ids": [Command.create({"basis": "km", "rate": 0.50})],
                },
                {
                    "name": "Drivers from July",
                    "role": "driver",
                    "date_from": date(2026, 7, 1),
                    "rate_ids": [Command.create({"basis": "km", "rate": 9.0})],
                },
            ]
        )
        statement = self._statement(self.emp_driver, self.june)
        statement.action_compute()
        # The table that started last in June applies, to the work done
        # since it started: trip A (3 June) is before it, B is paid.
        self.assertEqual(statement.rate_table_id.name, "Drivers from mid-June")
        self.assertEqual(
            self._lines(statement), [("km", self.trip_b.name, 310.5, 0.50, 155.25)]
        )

    def test_no_table_no_pay(self):
        self.table_driver.active = False
        statement = self._statement(self.emp_driver, self.june)
        statement.action_compute()
        self.assertFalse(statement.line_ids)
        self.assertFalse(statement.rate_table_id)
        with self.assertRaisesRegex(UserError, "has no lines: compute it first"):
            statement.action_confirm()

    def test_unrecorded_work_is_not_paid(self):
        in_progress = self.env["transport.trip"].create(
            {
                "driver_id": self.driver.id,
                "date_planned_departure": datetime(2026, 6, 25),
            }
        )
        in_progress.write(
            {"state": "in_progress", "date_departure": datetime(2026, 6, 25, 6, 0)}
        )
        no_odometer = self._done_trip(
            datetime(2026, 6, 26, 6, 0), datetime(2026, 6, 26, 10, 0), 0.0
        )
        july = self._done_trip(
            datetime(2026, 6, 30, 20, 0), datetime(2026, 7, 1, 2, 0), 100.0
        )
        statement = self._statement(self.emp_driver, self.june)
        statement.action_compute()
        paid_trips = statement.line_ids.trip_id
        self.assertNotIn(in_progress, paid_trips)
        self.assertNotIn(july, paid_trips, "arrived in July: July's work")
        # Without odometer readings the kilometres are not recorded.
        self.assertEqual(
            sorted(
                statement.line_ids.filtered(
                    lambda line: line.trip_id == no_odometer
                ).mapped("basis")
            ),
            ["hour", "trip"],
        )

    def test_sales_lines_by_hand(self):
        self.assertEqual(self.emp_sales.transport_pay_role, "sales")
        self._done_activity(date(2026, 6, 5), self.type_call, "Call about rates")
        self._done_activity(date(2026, 6, 10), self.type_meeting, "Visit at Acme")
        self._done_activity(date(2026, 7, 2), self.type_call, "July call")
        self._done_activity(
            date(2026, 6, 12), self.type_call, "Someone else's", user=self.pay_manager
        )
        open_activity = self.client.activity_schedule(
            activity_type_id=self.type_call.id,
            summary="Still to do",
            user_id=self.sales_user.id,
            date_deadline=date(2026, 6, 15),
        )
        order = self._order(datetime(2026, 6, 8, 10, 0))
        self._order(datetime(2026, 6, 9, 10, 0), confirm=False)
        self._order(datetime(2026, 5, 30, 10, 0))
        statement = self._statement(self.emp_sales, self.june)
        statement.action_compute()
        self.assertEqual(
            self._lines(statement),
            [
                ("activity", "Call about rates", 1.0, 5.0, 5.0),  # call rate
                ("activity", "Visit at Acme", 1.0, 3.0, 3.0),  # any other type
                ("order", order.name, 1.0, 20.0, 20.0),
            ],
        )
        self.assertNotIn(open_activity, statement.line_ids.activity_id)
        # The order is not invoiced: its profit is not known, not paid.
        self.assertFalse(
            statement.line_ids.filtered(lambda line: line.basis == "profit")
        )
        self.assertAlmostEqual(statement.amount_total, 28.0)

    def test_compute_again_rebuilds_the_draft(self):
        statement = self._statement(self.emp_driver, self.june)
        statement.action_compute()
        self.trip_b.cargo_weight = 10.0
        statement.action_compute()
        self.assertEqual(len(statement.line_ids), 8)
        self.assertAlmostEqual(statement.amount_total, 411.50)  # + 10 t × 2

    def test_work_is_not_paid_twice(self):
        june = self._statement(self.emp_driver, self.june)
        june.action_compute()
        june.with_user(self.pay_manager).action_confirm()
        self.assertEqual(june.state, "confirmed")
        self.assertEqual(june.confirmed_by_id, self.pay_manager)
        # The dispatcher corrects B's arrival into July: it was paid in June.
        self.trip_b.write(
            {
                "date_departure": datetime(2026, 7, 1, 8, 0),
                "date_arrival": datetime(2026, 7, 1, 15, 30),
            }
        )
        trip_c = self._done_trip(
            datetime(2026, 7, 5, 6, 0), datetime(2026, 7, 5, 16, 0), 200.0
        )
        july = self._statement(self.emp_driver, self.july)
        july.action_compute()
        self.assertEqual(july.line_ids.trip_id, trip_c)
        # Carl was paid nothing yet: trip A is his to be paid once too.
        carl = self._statement(self.emp_co_driver, self.june)
        carl.action_compute()
        self.assertEqual(carl.line_ids.trip_id, self.trip_a)

    def test_confirm_refuses_work_paid_meanwhile(self):
        june = self._statement(self.emp_driver, self.june)
        june.action_compute()
        self.trip_b.write(
            {
                "date_departure": datetime(2026, 7, 1, 8, 0),
                "date_arrival": datetime(2026, 7, 1, 15, 30),
            }
        )
        july = self._statement(self.emp_driver, self.july)
        july.action_compute()
        july.action_confirm()
        with self.assertRaisesRegex(
            UserError, f"already paid on confirmed pay statement {july.name}"
        ):
            june.action_confirm()
        june.action_compute()
        self.assertEqual(june.line_ids.trip_id, self.trip_a)
        june.action_confirm()

    def test_confirmed_statement_is_locked(self):
        statement = self._statement(self.emp_driver, self.june)
        statement.action_compute()
        statement.action_confirm()
        locked = "is confirmed and locked: it can no longer be changed or deleted"
        with self.assertRaisesRegex(UserError, locked):
            statement.note = "Bonus"
        with self.assertRaisesRegex(UserError, locked):
            statement.date_to = date(2026, 6, 15)
        with self.assertRaisesRegex(UserError, locked):
            statement.action_compute()
        with self.assertRaisesRegex(UserError, locked):
            statement.action_confirm()
        with self.assertRaisesRegex(UserError, locked):
            statement.line_ids[0].rate = 99.0
        with self.assertRaisesRegex(UserError, locked):
            statement.line_ids[0].unlink()
        with self.assertRaisesRegex(UserError, locked):
            self.env["transport.pay.statement.line"].create(
                {
                    "statement_id": statement.id,
                    "basis": "trip",
                    "description": "Extra",
                    "quantity": 1.0,
                    "rate": 100.0,
                    "trip_id": self.trip_b.id,
                }
            )
        with self.assertRaisesRegex(UserError, locked):
            statement.unlink()
        self.assertAlmostEqual(statement.amount_total, 391.50)
        # The chatter stays open: "paid by bank transfer on ...".
        statement.message_post(body="Paid by bank transfer")
        # Paid work cannot vanish from under a statement.
        with (
            self.assertRaises(IntegrityError),
            mute_logger("odoo.sql_db"),
            self.cr.savepoint(),
        ):
            self.trip_a.write({"state": "cancelled"})
            self.trip_a.unlink()

    def test_draft_can_be_deleted(self):
        statement = self._statement(self.emp_driver, self.june)
        statement.action_compute()
        lines = statement.line_ids
        statement.unlink()
        self.assertFalse(lines.exists())

    def test_periods_of_an_employee_do_not_overlap(self):
        self._statement(self.emp_driver, self.june)
        self._statement(self.emp_co_driver, self.june)  # another employee
        self._statement(self.emp_driver, self.july)  # the next month
        with self.assertRaisesRegex(ValidationError, "periods cannot overlap"):
            self._statement(self.emp_driver, (date(2026, 6, 30), date(2026, 7, 5)))

    def test_a_line_pays_exactly_one_work(self):
        statement = self._statement(self.emp_driver, self.june)
        Line = self.env["transport.pay.statement.line"]
        vals = {
            "statement_id": statement.id,
            "basis": "trip",
            "description": "Nothing",
            "quantity": 1.0,
            "rate": 1.0,
        }
        with self.assertRaisesRegex(ValidationError, "exactly one trip, order or"):
            Line.create(vals)
        with self.assertRaisesRegex(ValidationError, "exactly one trip, order or"):
            Line.create(
                {
                    **vals,
                    "trip_id": self.trip_a.id,
                    "order_id": self._order(datetime(2026, 6, 8)).id,
                }
            )

    def test_rate_table_rules(self):
        Table = self.env["transport.pay.rate.table"]
        with self.assertRaisesRegex(ValidationError, "either to one employee or"):
            Table.create(
                {"name": "Both", "role": "driver", "employee_id": self.emp_driver.id}
            )
        with self.assertRaisesRegex(ValidationError, "either to one employee or"):
            Table.create({"name": "Neither"})
        with self.assertRaisesRegex(ValidationError, "has two rates for Per km"):
            self.table_driver.rate_ids = [Command.create({"basis": "km", "rate": 1})]
        with self.assertRaisesRegex(ValidationError, "has two rates for Per comp"):
            self.table_sales.rate_ids = [
                Command.create(
                    {
                        "basis": "activity",
                        "rate": 1,
                        "activity_type_ids": [Command.set(self.type_call.ids)],
                    }
                )
            ]
        with self.assertRaisesRegex(ValidationError, "cannot exceed 100"):
            self.table_sales.rate_ids.filtered(lambda r: r.basis == "profit").rate = 101

    def test_generate_for_everyone_with_a_table(self):
        self._done_activity(date(2026, 6, 5), self.type_call, "Call about rates")
        # A transport manager without HR rights runs it.
        wizard = (
            self.env["transport.pay.statement.generate"].with_user(self.pay_manager)
        ).create({"date_from": self.june[0], "date_to": self.june[1]})
        action = wizard.action_generate()
        statements = self.env["transport.pay.statement"].search(action["domain"])
        by_employee = {s.employee_id: s.amount_total for s in statements}
        self.assertAlmostEqual(by_employee[self.emp_driver], 391.50)
        self.assertAlmostEqual(by_employee[self.emp_co_driver], 180.80)
        self.assertAlmostEqual(by_employee[self.emp_sales], 5.0)
        self.assertTrue(all(s.state == "draft" for s in statements))
        # Run again: the drafts are computed again, not duplicated.
        dana = statements.filtered(lambda s: s.employee_id == self.emp_driver)
        dana.action_confirm()
        again = self.env["transport.pay.statement"].search(
            wizard.action_generate()["domain"]
        )
        self.assertNotIn(dana, again)
        self.assertEqual(again, statements - dana)
        self.assertEqual(self.emp_driver.transport_pay_statement_count, 1)

    def test_access_is_for_transport_managers(self):
        statement = self._statement(self.emp_driver, self.june)
        statement.with_user(self.pay_manager).action_compute()
        statement.with_user(self.pay_manager).action_confirm()
        # The manager pays work he may not see himself: the orders of a
        # salesperson (his own documents only) and the activities of others.
        self._done_activity(date(2026, 6, 5), self.type_call, "Call about rates")
        order = self._order(datetime(2026, 6, 8, 10, 0))
        self.assertFalse(order.with_user(self.pay_manager).has_access("read"))
        sales = self._statement(self.emp_sales, self.june).with_user(self.pay_manager)
        sales.action_compute()
        self.assertAlmostEqual(sales.amount_total, 25.0)
        sales.action_confirm()
        html = (
            self.env["ir.actions.report"]
            .with_user(self.pay_manager)
            ._render_qweb_html(
                "transport_crm.action_report_transport_pay_statement", sales.ids
            )[0]
        )
        self.assertIn(order.name, html.decode())
        draft = self._statement(self.emp_driver, self.july)
        self._done_trip(datetime(2026, 7, 5, 6, 0), datetime(2026, 7, 5, 9, 0), 10.0)
        draft.action_compute()
        # Even when code runs with superuser rights for him, a salesperson
        # cannot confirm a statement.
        with self.assertRaisesRegex(AccessError, "Only a transport manager can"):
            draft.with_user(self.sales_user).sudo().action_confirm()
        for user in (self.sales_user, self.dispatcher):
            with self.assertRaises(AccessError):
                self.env["transport.pay.statement"].with_user(user).search([])
            with self.assertRaises(AccessError):
                self.table_driver.with_user(user).read(["name"])

    def test_other_company_statements_are_not_visible(self):
        other = self.env["res.company"].create({"name": "Other Haulage"})
        employee = (
            self.env["hr.employee"]
            .sudo()
            .create({"name": "Otto Other", "company_id": other.id})
        )
        theirs = (
            self.env["transport.pay.statement"]
            .with_company(other)
            .create(
                {
                    "employee_id": employee.id,
                    "date_from": self.june[0],
                    "date_to": self.june[1],
                    "company_id": other.id,
                }
            )
        )
        ours = self._statement(self.emp_driver, self.june)
        visible = self.env["transport.pay.statement"].with_user(self.pay_manager)
        self.assertEqual(visible.search([("id", "in", (ours | theirs).ids)]), ours)

    def test_compute_queries_do_not_grow_with_the_work(self):
        statements = self._statement(self.emp_driver, self.june) | self._statement(
            self.emp_co_driver, self.june
        )
        statements._compute_pay_lines()
        self.env.invalidate_all()
        with self.assertQueryCount(__system__=25):
            statements._compute_pay_lines()
        for day in range(21, 29):
            self._done_trip(
                datetime(2026, 6, day, 6, 0),
                datetime(2026, 6, day, 12, 0),
                100.0,
                5.0,
                co_driver_id=self.co_driver.id,
            )
        self.env.invalidate_all()
        with self.assertQueryCount(__system__=25):
            statements._compute_pay_lines()
        self.assertEqual(len(statements.line_ids), 7 + 8 * 4 + 1 + 8)


@tagged("post_install", "-at_install")
class TestPayProfitShare(TransportPayCase, TransportCrmAccountCase):
    """The share of profit is paid once the order is invoiced, on the
    invoiced revenue minus the trip costs allocated to it, and only once."""

    @classmethod
    def get_default_groups(cls):
        # The person paying sees every salesperson's orders.
        return super().get_default_groups() | cls.quick_ref(
            "sales_team.group_sale_salesman_all_leads"
        )

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tariff = cls._create_tariff([("distance", 2.0)])

    def _invoiced_order(self, date_order, distance, cost):
        order = self._create_order(
            tariff=self.tariff, distance=distance, user_id=self.sales_user.id
        )
        order.action_confirm()
        order.date_order = date_order
        self.env["transport.trip"].create(
            {
                "transport_order_ids": [Command.set(order.ids)],
                "cost_line_ids": [
                    Command.create({"cost_type": "fuel", "amount": cost})
                ],
            }
        )
        return order

    def test_profit_share_by_hand(self):
        may_order = self._invoiced_order(datetime(2026, 5, 20, 9, 0), 300.0, 400.0)
        may = self._statement(self.emp_sales, (date(2026, 5, 1), date(2026, 5, 31)))
        may.action_compute()
        # Not invoiced in May: the order is paid, its profit not yet.
        self.assertEqual(self._lines(may), [("order", may_order.name, 1.0, 20.0, 20.0)])
        may.action_confirm()

        june_order = self._invoiced_order(datetime(2026, 6, 8, 9, 0), 100.0, 50.0)
        self._invoice(may_order | june_order)
        self.assertAlmostEqual(may_order.transport_profit, 200.0)  # 600 - 400
        self.assertAlmostEqual(june_order.transport_profit, 150.0)  # 200 - 50
        june = self._statement(self.emp_sales, self.june)
        june.action_compute()
        self.assertEqual(
            self._lines(june),
            sorted(
                [
                    ("order", june_order.name, 1.0, 20.0, 20.0),
                    ("profit", june_order.name, 150.0, 5.0, 7.5),  # 5 % of 150
                    ("profit", may_order.name, 200.0, 5.0, 10.0),  # 5 % of 200
                ]
            ),
        )
        june.action_confirm()
        july = self._statement(self.emp_sales, self.july)
        july.action_compute()
        self.assertFalse(july.line_ids, "every profit share is paid already")


@tagged("post_install", "-at_install")
class TestPayStatementPdf(PdfRenderMixin, TransportPayCase):
    """The printed statement is one A4 page: the employee, the period, the
    lines grouped by basis with their trips, the total and signatures."""

    def test_statement_prints_on_one_readable_page(self):
        trip = self._done_trip(
            datetime(2026, 6, 3, 6, 0), datetime(2026, 6, 3, 18, 0), 452.0, 12.5
        )
        statement = self._statement(self.emp_driver, self.june)
        statement.action_compute()
        statement.action_confirm()
        rendered = self.render_pdf(
            "transport_crm.action_report_transport_pay_statement", statement
        )
        self.assertPdfLooksRight(
            rendered,
            [
                f"Pay statement {statement.name}",
                "Dana Driver",
                "Drivers 2026",
                "Per km",
                "Per hour on route",
                trip.name,
                "452.00",
                "135.60",
                "239.60",
                "Total to pay",
                "Signature",
            ],
        )
