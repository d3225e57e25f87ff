from odoo import api, fields, models
from odoo.exceptions import ValidationError


class TransportTripStop(models.Model):
    _name = "transport.trip.stop"
    _description = "Trip Stop"
    _order = "trip_id, sequence, id"

    trip_id = fields.Many2one(
        "transport.trip", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="trip_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    stop_type = fields.Selection(
        [("loading", "Loading"), ("unloading", "Unloading"), ("other", "Other")],
        string="Type",
        default="other",
        required=True,
    )
    partner_id = fields.Many2one("res.partner")
    address = fields.Char(compute="_compute_address", store=True, readonly=False)
    date_planned = fields.Datetime(string="Planned Arrival")
    date_arrival = fields.Datetime(string="Actual Arrival")
    date_departure = fields.Datetime(string="Actual Departure")
    note = fields.Char()

    @api.depends("partner_id")
    def _compute_address(self):
        for stop in self:
            if stop.partner_id:
                stop.address = (
                    ", ".join(
                        part
                        for part in (
                            stop.partner_id.street,
                            stop.partner_id.zip,
                            stop.partner_id.city,
                            stop.partner_id.country_id.name,
                        )
                        if part
                    )
                    or stop.partner_id.display_name
                )

    @api.constrains("date_arrival", "date_departure")
    def _check_dates(self):
        for stop in self:
            if (
                stop.date_arrival
                and stop.date_departure
                and stop.date_departure < stop.date_arrival
            ):
                raise ValidationError(
                    self.env._("A stop cannot be left before it is reached.")
                )
