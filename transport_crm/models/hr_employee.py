from odoo import api, fields, models

from .transport_pay_rate_table import PAY_ROLES


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    transport_pay_role = fields.Selection(
        PAY_ROLES,
        string="Piece-rate role",
        compute="_compute_transport_pay_role",
        store=True,
        readonly=False,
        help="Chooses the role's rate table when the employee has none of his "
        "own. Drivers: the work contact is a driver; sales managers: the user "
        "is a transport sales manager (not a transport manager).",
    )
    transport_pay_statement_ids = fields.One2many(
        "transport.pay.statement",
        "employee_id",
        string="Pay statements",
        groups="transport_fleet.group_transport_manager",
    )
    transport_pay_statement_count = fields.Integer(
        compute="_compute_transport_pay_statement_count",
        groups="transport_fleet.group_transport_manager",
    )

    @api.depends("work_contact_id.is_driver", "user_id")
    def _compute_transport_pay_role(self):
        # Not there yet while the module installs: employees get no sales role.
        sales = self.env.ref("transport_crm.group_transport_sales", False)
        manager = self.env.ref("transport_fleet.group_transport_manager", False)
        for employee in self:
            groups = employee.user_id.all_group_ids
            if employee.work_contact_id.is_driver:
                employee.transport_pay_role = "driver"
            elif sales and sales in groups and manager not in groups:
                employee.transport_pay_role = "sales"
            else:
                employee.transport_pay_role = employee.transport_pay_role

    def _compute_transport_pay_statement_count(self):
        counts = dict(
            self.env["transport.pay.statement"]._read_group(
                [("employee_id", "in", self.ids)], ["employee_id"], ["__count"]
            )
        )
        for employee in self:
            employee.transport_pay_statement_count = counts.get(employee, 0)

    def action_view_transport_pay_statements(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "transport_crm.action_transport_pay_statement"
        )
        action["domain"] = [("employee_id", "=", self.id)]
        action["context"] = {"default_employee_id": self.id}
        return action
