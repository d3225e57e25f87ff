from datetime import date

from freezegun import freeze_time

from odoo.fields import Command
from odoo.tests import TransactionCase, new_test_user


class TransportPayCase(TransactionCase):
    """Two drivers and a sales manager as employees, the rate tables of the
    driver and sales roles (from 2026), a personal table for the co-driver,
    and helpers that record work: done trips, done activities, confirmed
    orders. The period under test is June 2026."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        cls.currency = cls.company.currency_id
        cls.pay_manager = new_test_user(
            cls.env,
            login="pay_manager",
            name="Paula Payroll",
            groups="base.group_user,transport_fleet.group_transport_manager",
        )
        cls.sales_user = new_test_user(
            cls.env,
            login="pay_sales",
            name="Sam Sales",
            groups="base.group_user,transport_crm.group_transport_sales",
        )
        cls.dispatcher = new_test_user(
            cls.env,
            login="pay_dispatcher",
            name="Dora Dispatch",
            groups="base.group_user,transport_fleet.group_transport_dispatcher",
        )
        Partner = cls.env["res.partner"]
        cls.driver = Partner.create({"name": "Dana Driver", "is_driver": True})
        cls.co_driver = Partner.create({"name": "Carl Co-driver", "is_driver": True})
        cls.client = Partner.create({"name": "Acme Foods", "is_company": True})
        # sudo: the fixtures need an HR officer and an administrator, which
        # the users of the accounting test case are not.
        Employee = cls.env["hr.employee"].sudo()
        cls.emp_driver = Employee.create(
            {"name": "Dana Driver", "work_contact_id": cls.driver.id}
        ).sudo(False)
        cls.emp_co_driver = Employee.create(
            {"name": "Carl Co-driver", "work_contact_id": cls.co_driver.id}
        ).sudo(False)
        cls.emp_sales = Employee.create(
            {"name": "Sam Sales", "user_id": cls.sales_user.id}
        ).sudo(False)
        ActivityType = cls.env["mail.activity.type"].sudo()
        cls.type_call = ActivityType.create({"name": "Client call (pay test)"})
        cls.type_meeting = ActivityType.create({"name": "Meeting (pay test)"})

        Table = cls.env["transport.pay.rate.table"]
        cls.table_driver = Table.create(
            {
                "name": "Drivers 2026",
                "role": "driver",
                "date_from": date(2026, 1, 1),
                "rate_ids": [
                    Command.create({"basis": "km", "rate": 0.30}),
                    Command.create({"basis": "trip", "rate": 25.0}),
                    Command.create({"basis": "tonne", "rate": 2.0}),
                    Command.create({"basis": "hour", "rate": 4.5}),
                ],
            }
        )
        cls.table_co_driver = Table.create(
            {
                "name": "Carl's own rate",
                "employee_id": cls.emp_co_driver.id,
                "date_from": date(2026, 1, 1),
                "rate_ids": [Command.create({"basis": "km", "rate": 0.40})],
            }
        )
        cls.table_sales = Table.create(
            {
                "name": "Sales managers 2026",
                "role": "sales",
                "date_from": date(2026, 1, 1),
                "rate_ids": [
                    Command.create({"basis": "activity", "rate": 3.0}),
                    Command.create(
                        {
                            "basis": "activity",
                            "rate": 5.0,
                            "activity_type_ids": [Command.set(cls.type_call.ids)],
                        }
                    ),
                    Command.create({"basis": "order", "rate": 20.0}),
                    Command.create({"basis": "profit", "rate": 5.0}),
                ],
            }
        )
        cls.june = (date(2026, 6, 1), date(2026, 6, 30))
        cls.july = (date(2026, 7, 1), date(2026, 7, 31))

    @classmethod
    def _done_trip(cls, departure, arrival, km, tonnes=0.0, **vals):
        """A trip closed with its odometer readings (``km`` 0: none)."""
        trip = cls.env["transport.trip"].create(
            {
                "driver_id": cls.driver.id,
                "origin": "Lyon",
                "destination": "Milan",
                "cargo_weight": tonnes,
                "date_planned_departure": departure,
                **vals,
            }
        )
        trip.write(
            {
                "state": "done",
                "date_departure": departure,
                "date_arrival": arrival,
                "odometer_start": 100000.0 if km else 0.0,
                "odometer_end": 100000.0 + km if km else 0.0,
            }
        )
        return trip

    @classmethod
    def _done_activity(cls, when, activity_type, summary, user=None):
        """An activity on the client, marked done by its owner on ``when``."""
        activity = cls.env["mail.activity"].create(
            {
                "res_model_id": cls.env["ir.model"]._get_id("res.partner"),
                "res_id": cls.client.id,
                "activity_type_id": activity_type.id,
                "summary": summary,
                "user_id": (user or cls.sales_user).id,
                "date_deadline": when,
            }
        )
        with freeze_time(when):
            activity._action_done(feedback="Agreed")
            activity.flush_recordset()
        return activity

    @classmethod
    def _order(cls, date_order, confirm=True, user=None):
        order = cls.env["sale.order"].create(
            {
                "partner_id": cls.client.id,
                "is_transport": True,
                "user_id": (user or cls.sales_user).id,
                "cargo_description": "Chilled food",
            }
        )
        if confirm:
            order.action_confirm()
        order.date_order = date_order
        return order

    @classmethod
    def _statement(cls, employee, period):
        return cls.env["transport.pay.statement"].create(
            {"employee_id": employee.id, "date_from": period[0], "date_to": period[1]}
        )

    def _lines(self, statement):
        """[(basis, reference name, quantity, rate, amount)] of the lines."""
        return sorted(
            (
                line.basis,
                line.trip_id.name or line.order_id.name or line.activity_id.summary,
                round(line.quantity, 2),
                line.rate,
                line.amount,
            )
            for line in statement.line_ids
        )
