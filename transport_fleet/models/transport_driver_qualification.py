from odoo import fields, models


class TransportDriverQualification(models.Model):
    _name = "transport.driver.qualification"
    _description = "Driver Qualification"
    _order = "name"

    name = fields.Char(required=True, translate=True)
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)

    _name_unique = models.Constraint(
        "UNIQUE(name)", "A qualification with this name already exists."
    )
