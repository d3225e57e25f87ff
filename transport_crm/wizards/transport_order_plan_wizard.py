from odoo import api, fields, models
from odoo.exceptions import UserError


class TransportOrderPlanWizard(models.TransientModel):
    _name = "transport.order.plan.wizard"
    _description = "Plan transport orders onto a trip"

    order_ids = fields.Many2many("sale.order", string="Orders", required=True)
    mode = fields.Selection(
        [("new", "Create a new trip"), ("existing", "Add to an existing trip")],
        required=True,
        default="new",
    )
    trip_id = fields.Many2one(
        "transport.trip",
        domain=[("state", "in", ("draft", "planned"))],
    )
    vehicle_id = fields.Many2one("fleet.vehicle", domain=[("is_towed", "=", False)])
    trailer_ids = fields.Many2many(
        "fleet.vehicle", string="Trailers", domain=[("is_towed", "=", True)]
    )
    driver_id = fields.Many2one("res.partner")
    date_planned_departure = fields.Datetime(
        string="Departure",
        compute="_compute_date_planned_departure",
        store=True,
        readonly=False,
    )
    total_weight = fields.Float(string="Weight (t)", compute="_compute_totals")
    total_volume = fields.Float(string="Volume (m³)", compute="_compute_totals")
    problems = fields.Text(compute="_compute_problems")

    @api.depends("order_ids")
    def _compute_date_planned_departure(self):
        for wizard in self:
            dates = [d for d in wizard.order_ids.mapped("pickup_date_from") if d]
            wizard.date_planned_departure = (
                min(dates) if dates else fields.Datetime.now()
            )

    @api.depends("order_ids")
    def _compute_totals(self):
        for wizard in self:
            wizard.total_weight = sum(wizard.order_ids.mapped("required_payload"))
            wizard.total_volume = sum(wizard.order_ids.mapped("required_volume"))

    @api.depends("mode", "trip_id", "vehicle_id", "trailer_ids", "order_ids")
    def _compute_problems(self):
        for wizard in self:
            wizard.problems = "\n".join(wizard._get_problems()) or False

    def _get_problems(self):
        self.ensure_one()
        if self.mode == "existing":
            if not self.trip_id:
                return []
            return self.trip_id._get_order_requirement_problems(self.order_ids)
        trip = self.env["transport.trip"].new(
            {"vehicle_id": self.vehicle_id.id, "trailer_ids": self.trailer_ids.ids}
        )
        return trip._get_order_requirement_problems(self.order_ids)

    def _prepare_trip_vals(self):
        self.ensure_one()
        orders = self.order_ids.sorted(lambda o: o.pickup_date_from or o.date_order)
        return {
            "vehicle_id": self.vehicle_id.id,
            "trailer_ids": self.trailer_ids.ids,
            "driver_id": self.driver_id.id,
            "date_planned_departure": self.date_planned_departure,
            "origin": orders[:1].pickup_partner_id.city or False,
            "destination": orders[-1:].delivery_partner_id.city or False,
            "distance_planned": max(orders.mapped("distance") or [0.0]),
            "cargo_weight": sum(orders.mapped("cargo_weight")),
            "company_id": orders[:1].company_id.id,
            "transport_order_ids": orders.ids,
        }

    def action_confirm(self):
        self.ensure_one()
        not_ready = self.order_ids.filtered(
            lambda o: not o.is_transport or o.state != "sale" or o.date_delivery_actual
        )
        if not_ready:
            raise UserError(
                self.env._(
                    "Only confirmed transport orders not yet delivered can be "
                    "planned: %(orders)s.",
                    orders=", ".join(not_ready.mapped("name")),
                )
            )
        if self.mode == "existing" and not self.trip_id:
            raise UserError(self.env._("Choose the trip to add the orders to."))
        problems = self._get_problems()
        if problems:
            raise UserError(
                self.env._(
                    "The trip cannot carry these orders:\n%(problems)s",
                    problems="\n".join(problems),
                )
            )
        if self.mode == "existing" and self.trip_id.state not in ("draft", "planned"):
            raise UserError(
                self.env._(
                    "Trip %(trip)s has left: orders can only be added to draft or "
                    "planned trips.",
                    trip=self.trip_id.name,
                )
            )
        # sudo: sales managers plan their orders onto trips through this
        # wizard only (as confirming a sale order creates its deliveries in
        # core); trips are otherwise created, started and closed by dispatchers.
        trips = self.env["transport.trip"].sudo()
        if self.mode == "existing":
            trip = trips.browse(self.trip_id.id)
            trip.write(
                {
                    "transport_order_ids": [(4, order.id) for order in self.order_ids],
                    "cargo_weight": trip.cargo_weight
                    + sum(self.order_ids.mapped("cargo_weight")),
                }
            )
        else:
            trip = trips.create(self._prepare_trip_vals())
        return {
            "type": "ir.actions.act_window",
            "res_model": "transport.trip",
            "res_id": trip.id,
            "view_mode": "form",
            "target": "current",
        }
