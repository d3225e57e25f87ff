from odoo import api, fields, models
from odoo.exceptions import ValidationError


class TransportTripCost(models.Model):
    _name = "transport.trip.cost"
    _description = "Trip Cost"
    _order = "date desc, id desc"

    trip_id = fields.Many2one(
        "transport.trip", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="trip_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="trip_id.currency_id")
    vehicle_id = fields.Many2one(related="trip_id.vehicle_id", store=True, index=True)
    driver_id = fields.Many2one(related="trip_id.driver_id", store=True)
    cost_type = fields.Selection(
        [
            ("fuel", "Fuel"),
            ("parking", "Parking"),
            ("toll", "Toll"),
            ("per_diem", "Per Diem"),
            ("repair", "Repair on the Way"),
            ("other", "Other"),
        ],
        string="Type",
        required=True,
        default="other",
    )
    date = fields.Date(required=True, default=fields.Date.context_today)
    description = fields.Char()
    quantity = fields.Float(
        digits=(16, 2), default=1.0, help="Litres for fuel, nights, units..."
    )
    amount = fields.Monetary(required=True)
    vendor_id = fields.Many2one("res.partner")
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "transport_trip_cost_attachment_rel",
        "cost_id",
        "attachment_id",
        string="Documents",
    )

    @api.constrains("amount", "quantity")
    def _check_amount(self):
        for cost in self:
            if cost.amount < 0 or cost.quantity < 0:
                raise ValidationError(
                    self.env._("A trip cost cannot have a negative amount or quantity.")
                )
