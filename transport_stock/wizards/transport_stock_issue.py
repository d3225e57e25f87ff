from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Command


class TransportStockIssue(models.TransientModel):
    _name = "transport.stock.issue"
    _description = "Issue Fuel or Parts"
    _check_company_auto = True

    issue_type = fields.Selection(
        [("fuel", "Fuel"), ("parts", "Parts and supplies")],
        required=True,
        default="fuel",
    )
    trip_id = fields.Many2one("transport.trip", check_company=True)
    service_id = fields.Many2one(
        "fleet.vehicle.log.services", string="Vehicle Service", check_company=True
    )
    company_id = fields.Many2one(
        "res.company",
        compute="_compute_company_id",
        store=True,
        precompute=True,
        readonly=False,
        required=True,
    )
    vehicle_id = fields.Many2one(
        "fleet.vehicle",
        compute="_compute_vehicle_id",
        store=True,
        precompute=True,
        readonly=False,
        check_company=True,
    )
    location_id = fields.Many2one(
        "stock.location",
        string="From",
        compute="_compute_location_id",
        store=True,
        precompute=True,
        readonly=False,
        required=True,
        domain="[('usage', '=', 'internal'), ('vehicle_id', '=', False)]",
        check_company=True,
    )
    issuer_id = fields.Many2one(
        "hr.employee",
        string="Issued By",
        default=lambda self: self.env.user.employee_id,
        check_company=True,
    )
    receiver_id = fields.Many2one(
        "hr.employee", string="Received By", check_company=True
    )
    line_ids = fields.One2many(
        "transport.stock.issue.line", "wizard_id", string="Items"
    )
    can_validate = fields.Boolean(compute="_compute_can_validate")

    @api.depends("trip_id", "service_id")
    def _compute_company_id(self):
        for wizard in self:
            wizard.company_id = (
                wizard.trip_id.company_id
                or wizard.service_id.company_id
                or wizard.company_id
                or self.env.company
            )

    @api.depends("trip_id", "service_id")
    def _compute_vehicle_id(self):
        for wizard in self:
            wizard.vehicle_id = (
                wizard.trip_id.vehicle_id
                or wizard.service_id.vehicle_id
                or wizard.vehicle_id
            )

    @api.depends("company_id")
    def _compute_location_id(self):
        for wizard in self:
            warehouse = self.env["stock.warehouse"].search(
                [("company_id", "=", wizard.company_id.id)], limit=1
            )
            wizard.location_id = warehouse.lot_stock_id

    def _compute_can_validate(self):
        self.can_validate = self.env.user.has_group("stock.group_stock_user")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if values.get("issue_type") == "fuel" and "line_ids" in fields_list:
            trip = self.env["transport.trip"].browse(values.get("trip_id"))
            fuel = self._get_default_fuel(trip.vehicle_id)
            if fuel:
                values["line_ids"] = [Command.create({"product_id": fuel.id})]
        return values

    @api.model
    def _get_default_fuel(self, vehicle):
        """The fuel matching the vehicle's fuel type, else any fuel."""
        Product = self.env["product.product"]
        fuel_domain = [("transport_kind", "=", "fuel"), ("is_storable", "=", True)]
        return (
            vehicle.fuel_type
            and Product.search(
                fuel_domain + [("vehicle_fuel_type", "=", vehicle.fuel_type)], limit=1
            )
        ) or Product.search(fuel_domain, limit=1)

    @api.model
    def _get_wizard_action(self, context):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Issue from the warehouse"),
            "res_model": self._name,
            "view_mode": "form",
            "target": "new",
            "context": context,
        }

    def action_issue(self):
        self.ensure_one()
        self._check_issue()
        picking = self.env["stock.picking"].create(self._prepare_picking_vals())
        self.env["stock.move"].create(
            [
                self.env["stock.move"]._prepare_transport_issue_vals(
                    picking, line.product_id, line.quantity
                )
                for line in self.line_ids
            ]
        )
        if self.can_validate:
            picking._validate_transport_waybill()
        else:
            picking.action_confirm()
            storekeeper = self.company_id._get_transport_storekeepers()[:1]
            if storekeeper:
                picking.activity_schedule(
                    "mail.mail_activity_data_todo",
                    summary=self.env._("Validate the requested issue"),
                    note=self.env._("Requested by %(user)s.", user=self.env.user.name),
                    user_id=storekeeper.id,
                )
        return {
            "type": "ir.actions.act_window",
            "res_model": "stock.picking",
            "res_id": picking.id,
            "view_mode": "form",
            "target": "current",
        }

    def _check_issue(self):
        self.ensure_one()
        if not self.line_ids:
            raise UserError(self.env._("Add at least one item to issue."))
        if any(line.quantity <= 0 for line in self.line_ids):
            raise UserError(self.env._("The quantity to issue must be positive."))
        if not self.trip_id and not self.service_id:
            raise UserError(self.env._("Issue from a trip or from a vehicle service."))
        if self.issue_type == "fuel":
            if not self.vehicle_id:
                raise UserError(
                    self.env._("Fuel goes to a vehicle's tank: set the vehicle first.")
                )
            not_fuel = self.line_ids.product_id.filtered(
                lambda p: p.transport_kind != "fuel"
            )
            if not_fuel:
                raise UserError(
                    self.env._(
                        "Only fuel goes into a tank: %(items)s.",
                        items=", ".join(not_fuel.mapped("display_name")),
                    )
                )

    def _get_destination(self):
        self.ensure_one()
        if self.issue_type == "fuel":
            return self.vehicle_id._get_tank_location()
        return self.company_id._get_transport_consumption_location()

    def _prepare_picking_vals(self):
        self.ensure_one()
        warehouse = self.location_id.warehouse_id or self.env["stock.warehouse"].search(
            [("company_id", "=", self.company_id.id)], limit=1
        )
        picking_type = (
            warehouse.int_type_id
            if self.issue_type == "fuel"
            else warehouse.out_type_id
        )
        return {
            "picking_type_id": picking_type.id,
            "location_id": self.location_id.id,
            "location_dest_id": self._get_destination().id,
            "company_id": self.company_id.id,
            "transport_trip_id": self.trip_id.id,
            "transport_service_id": self.service_id.id,
            "transport_vehicle_id": self.vehicle_id.id,
            "transport_issuer_id": self.issuer_id.id,
            "transport_receiver_id": self.receiver_id.id,
            "origin": self.trip_id.name or self.service_id.display_name,
        }
