from odoo import fields, models

from .transport_pay_rate_table import PAY_ROLES


class HrEmployeePublic(models.Model):
    _inherit = "hr.employee.public"

    # Readable by every internal user, like the work contact: the pay rules
    # pick the role's rate table with it.
    transport_pay_role = fields.Selection(
        PAY_ROLES, string="Piece-rate role", readonly=True
    )
