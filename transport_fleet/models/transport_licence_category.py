from odoo import fields, models


class TransportLicenceCategory(models.Model):
    _name = "transport.licence.category"
    _description = "Driving Licence Category"
    _order = "sequence, code"
    _rec_name = "code"

    code = fields.Char(required=True)
    name = fields.Char(string="Description", translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    _code_unique = models.Constraint(
        "UNIQUE(code)", "A licence category with this code already exists."
    )
