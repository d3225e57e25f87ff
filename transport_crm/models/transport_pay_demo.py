from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.fields import Command

DRIVER_RATES = [("km", 0.28), ("trip", 20.0), ("tonne", 1.5), ("hour", 4.0)]
PERSONAL_RATES = [("km", 0.33), ("trip", 25.0), ("hour", 4.5)]
SALES_RATES = [("activity", 2.5), ("order", 15.0), ("profit", 3.0)]


class TransportPayDemo(models.AbstractModel):
    _name = "transport.pay.demo"
    _description = "Piece-rate pay demo data generator"

    @api.model
    def _generate(self):
        """Employees for the demo drivers and sales managers, the rate tables
        of both roles and one personal table, last month's statements
        confirmed and this month's in draft. Dates follow today."""
        drivers = self.env["res.partner"].search(
            [
                ("is_driver", "=", True),
                ("company_id", "in", [False, self.env.company.id]),
            ],
            order="id",
        )
        manager_group = self.env.ref("transport_fleet.group_transport_manager")
        sellers = self.env.ref("transport_crm.group_transport_sales").all_user_ids
        sellers = sellers.filtered(
            lambda u: not u.share and manager_group not in u.all_group_ids
        )
        driver_employees = self._demo_employees(drivers, "work_contact_id")
        self._demo_employees(sellers, "user_id")
        this_month = fields.Date.context_today(self).replace(day=1)
        last_month = this_month - relativedelta(months=1)
        # Since the month before last: last month's statements also pay the
        # profit share of orders of that month invoiced since.
        start = last_month - relativedelta(months=1)
        self._demo_table("Drivers", start, DRIVER_RATES, role="driver")
        self._demo_table("Sales managers", start, SALES_RATES, role="sales")
        if driver_employees:
            self._demo_table(
                f"{driver_employees[0].name}: senior driver",
                start,
                PERSONAL_RATES,
                employee_id=driver_employees[0].id,
            )
        Generate = self.env["transport.pay.statement.generate"]
        for month, confirm in ((last_month, True), (this_month, False)):
            wizard = Generate.create(
                {
                    "date_from": month,
                    "date_to": month + relativedelta(months=1, days=-1),
                }
            )
            statements = self.env["transport.pay.statement"].search(
                wizard.action_generate()["domain"]
            )
            statements.filtered(lambda s: not s.line_ids).unlink()
            if confirm:
                statements.exists().action_confirm()
        return True

    def _demo_employees(self, records, link_field):
        """The employees linked to ``records`` (partners or users), created
        where missing."""
        Employee = self.env["hr.employee"]
        existing = Employee.search([(link_field, "in", records.ids)])
        linked = existing.mapped(link_field)
        created = Employee.create(
            [
                {
                    "name": record.name,
                    link_field: record.id,
                    "job_title": "Driver"
                    if link_field == "work_contact_id"
                    else "Sales manager",
                }
                for record in records - linked
            ]
        )
        return (existing | created).sorted(lambda e: e[link_field].id)

    def _demo_table(self, name, start, rates, **applies_to):
        return self.env["transport.pay.rate.table"].create(
            {
                "name": name,
                "date_from": start,
                "rate_ids": [
                    Command.create({"basis": basis, "rate": rate})
                    for basis, rate in rates
                ],
                **applies_to,
            }
        )
