from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Command, Domain
from odoo.tools import format_amount

# Longer scans are not barcodes (GS1-128 holds at most 48 characters).
MAX_BARCODE_LENGTH = 128
WAYBILL_BASES = [
    ("trip", "Trip"),
    ("repair", "Repair / service"),
    ("purchase", "Purchase"),
    ("write_off", "Write-off"),
    ("transfer", "Transfer"),
    ("other", "Other"),
]


class StockPicking(models.Model):
    _inherit = "stock.picking"

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------
    transport_issuer_id = fields.Many2one(
        "hr.employee",
        string="Issued By",
        check_company=True,
        tracking=True,
        help="Employee who hands the goods over.",
    )
    transport_receiver_id = fields.Many2one(
        "hr.employee",
        string="Received By",
        check_company=True,
        tracking=True,
        help="Employee who takes the goods over (driver, mechanic, ...).",
    )
    transport_basis = fields.Selection(
        WAYBILL_BASES,
        string="Basis",
        compute="_compute_transport_basis",
        store=True,
        readonly=False,
        tracking=True,
        help="Reason of the goods movement.",
    )
    transport_basis_ref = fields.Char(
        string="Basis Reference",
        compute="_compute_transport_basis_ref",
        store=True,
        readonly=False,
        help="Number of the document the movement is based on: trip, repair "
        "order, vendor invoice, write-off act...",
    )
    transport_vehicle_id = fields.Many2one(
        "fleet.vehicle",
        string="Vehicle",
        compute="_compute_transport_vehicle_id",
        store=True,
        readonly=False,
        index="btree_not_null",
        check_company=True,
        tracking=True,
    )
    transport_trip_id = fields.Many2one(
        "transport.trip",
        string="Trip",
        index="btree_not_null",
        check_company=True,
        tracking=True,
    )
    transport_service_id = fields.Many2one(
        "fleet.vehicle.log.services",
        string="Vehicle Service",
        index="btree_not_null",
        check_company=True,
        tracking=True,
    )
    transport_cost = fields.Monetary(
        string="Issued Value",
        compute="_compute_transport_cost",
        currency_field="transport_currency_id",
        help="Cost of the fleet supplies moved by this waybill once it is done.",
    )
    transport_currency_id = fields.Many2one(related="company_id.currency_id")
    barcode_scan = fields.Char(
        string="Scan",
        store=False,
        help="Scan an item's barcode to add it to the waybill, or to add one more "
        "unit when it is already there.",
    )

    # ------------------------------------------------------------------
    # Computes and onchanges
    # ------------------------------------------------------------------
    @api.depends("transport_trip_id", "transport_service_id")
    def _compute_transport_basis(self):
        for picking in self:
            if picking.transport_trip_id:
                picking.transport_basis = "trip"
            elif picking.transport_service_id:
                picking.transport_basis = "repair"
            elif not picking.transport_basis:
                picking.transport_basis = False

    @api.depends("transport_trip_id", "transport_service_id")
    def _compute_transport_basis_ref(self):
        for picking in self:
            if picking.transport_trip_id:
                picking.transport_basis_ref = picking.transport_trip_id.name
            elif picking.transport_service_id:
                picking.transport_basis_ref = picking.transport_service_id.display_name
            elif not picking.transport_basis_ref:
                picking.transport_basis_ref = False

    @api.depends("transport_trip_id", "transport_service_id")
    def _compute_transport_vehicle_id(self):
        for picking in self:
            if picking.transport_trip_id:
                picking.transport_vehicle_id = picking.transport_trip_id.vehicle_id
            elif picking.transport_service_id:
                picking.transport_vehicle_id = picking.transport_service_id.vehicle_id
            elif not picking.transport_vehicle_id:
                picking.transport_vehicle_id = False

    @api.depends("move_ids.transport_cost")
    def _compute_transport_cost(self):
        for picking in self:
            picking.transport_cost = sum(picking.move_ids.mapped("transport_cost"))

    @api.onchange("barcode_scan")
    def _onchange_barcode_scan(self):
        if not self.barcode_scan:
            return None
        barcode, self.barcode_scan = self.barcode_scan.strip(), False
        message = self._add_scanned_barcode(barcode)
        if message:
            return {
                "warning": {
                    "title": self.env._("Barcode"),
                    "message": message,
                    "type": "notification",
                }
            }
        return None

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        self._transport_prepare_names(vals_list)
        return super().create(vals_list)

    @api.model
    def _transport_prepare_names(self, vals_list):
        """Name the new pickings as core would (the next numbers of their
        operation type's sequence, in the order of ``vals_list``), but with
        one query per sequence instead of one ``nextval`` per picking."""
        if len(vals_list) < 2:
            return
        defaults = self.default_get(["name", "picking_type_id"])
        if defaults.get("name", "/") != "/":
            return
        PickingType = self.env["stock.picking.type"]
        by_sequence = {}
        for vals in vals_list:
            type_id = vals.get("picking_type_id", defaults.get("picking_type_id"))
            if vals.get("name", "/") == "/" and type_id:
                sequence = PickingType.browse(type_id).sequence_id
                if sequence:
                    by_sequence.setdefault(sequence, []).append(vals)
        for sequence, sequence_vals in by_sequence.items():
            names = sequence._next_batch(len(sequence_vals))
            for vals, name in zip(sequence_vals, names, strict=True):
                vals["name"] = name

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def button_validate(self):
        if not self.env.su and not self.env.user.has_group("stock.group_stock_user"):
            raise UserError(
                self.env._(
                    "Only a storekeeper can validate a waybill. Your request "
                    "%(names)s waits for the warehouse.",
                    names=", ".join(self.mapped("name")),
                )
            )
        # before core touches the quants: parallel issues of the last litres
        # must not both pass the no-negative check (see _lock_transport_quants)
        self.move_ids._lock_transport_quants()
        return super().button_validate()

    def _action_done(self):
        res = super()._action_done()
        self.filtered(lambda picking: picking.state == "done")._post_transport_costs()
        return res

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    def _add_scanned_barcode(self, barcode):
        """Add one unit of the item with this barcode to the waybill.

        Return a translated message when nothing could be added, else False.
        """
        self.ensure_one()
        if self.state in ("done", "cancel"):
            return self.env._("This waybill is closed: nothing can be added to it.")
        if len(barcode) > MAX_BARCODE_LENGTH or not barcode.isprintable():
            return self.env._(
                "This scan is not a barcode: %(scan)s",
                scan=repr(barcode[:MAX_BARCODE_LENGTH]),
            )
        product = self.env["product.product"].search(
            Domain("barcode", "=", barcode)
            & (
                Domain("company_id", "=", False)
                | Domain("company_id", "=", self.company_id.id)
            ),
            limit=1,
        )
        if not product:
            return self.env._(
                "No item has the barcode %(barcode)s. Check the label or add the "
                "barcode to the item first.",
                barcode=barcode,
            )
        move = self.move_ids.filtered(
            lambda m: m.product_id == product and m.state not in ("done", "cancel")
        )[:1]
        if move:
            move.product_uom_qty += 1
            if self.state != "draft":
                move.quantity += 1
        else:
            self.move_ids = [
                Command.create(
                    {
                        "product_id": product.id,
                        "product_uom": product.uom_id.id,
                        "product_uom_qty": 1.0,
                        "location_id": self.location_id.id,
                        "location_dest_id": self.location_dest_id.id,
                        "company_id": self.company_id.id,
                    }
                )
            ]
        return False

    def _post_transport_costs(self):
        """Carry the value of done waybills to the trip or service they serve.

        Fuel burnt from a vehicle's tank was costed when it was issued to the
        tank: only goods leaving a warehouse location count.
        """
        cost_vals = []
        for picking in self.filtered("transport_trip_id"):
            cost_vals += picking._prepare_trip_cost_vals()
        if cost_vals:
            # sudo: the storekeeper who validates the waybill records its value on
            # the trip; trip costs are otherwise kept by dispatchers.
            self.env["transport.trip.cost"].sudo().create(cost_vals)
        for picking in self.filtered("transport_service_id"):
            # sudo: the storekeeper who validates the waybill records its value on
            # the service without needing fleet manager rights.
            service = picking.transport_service_id.sudo()
            value = sum(picking._get_transport_issued_moves().mapped("transport_cost"))
            if not value:
                continue
            service.amount += value
            service.message_post(
                body=self.env._(
                    "Parts issued by waybill %(waybill)s: %(amount)s added to the "
                    "cost.",
                    waybill=picking.name,
                    amount=format_amount(
                        self.env, value, picking.transport_currency_id
                    ),
                )
            )

    def _get_transport_issued_moves(self):
        """Done moves of fleet supplies issued from a warehouse location to a
        vehicle's tank or to consumption: neither fuel burnt out of a tank (it
        was costed when it went in) nor goods coming back to the warehouse."""
        return self.move_ids.filtered(
            lambda move: move.state == "done"
            and move.product_id.transport_kind
            and move.location_id.usage == "internal"
            and not move.location_id.vehicle_id
            and (
                move.location_dest_id.vehicle_id
                or move.location_dest_id.usage != "internal"
            )
        )

    def _prepare_trip_cost_vals(self):
        """One trip cost line per cost type: fuel, and parts as a repair."""
        self.ensure_one()
        moves = self._get_transport_issued_moves()
        vals_list = []
        for cost_type, type_moves in (
            ("fuel", moves.filtered(lambda m: m.product_id.transport_kind == "fuel")),
            ("repair", moves.filtered(lambda m: m.product_id.transport_kind != "fuel")),
        ):
            if not type_moves:
                continue
            vals_list.append(
                {
                    "trip_id": self.transport_trip_id.id,
                    "cost_type": cost_type,
                    "date": fields.Date.context_today(self, self.date_done),
                    "description": self.env._(
                        "Waybill %(waybill)s: %(items)s",
                        waybill=self.name,
                        items=", ".join(type_moves.product_id.mapped("name")),
                    ),
                    "quantity": sum(type_moves.mapped("product_qty")),
                    "amount": sum(type_moves.mapped("transport_cost")),
                    "picking_id": self.id,
                }
            )
        return vals_list

    def _validate_transport_waybill(self):
        """Confirm and validate waybills compiled by the system, in full."""
        # confirming reserves the quants: lock them first (see
        # stock.move._lock_transport_quants)
        self.move_ids._lock_transport_quants()
        self.action_confirm()
        for move in self.move_ids:
            move.quantity = move.product_uom_qty
            move.picked = True
        result = self.with_context(
            skip_backorder=True, picking_ids_not_to_backorder=self.ids
        ).button_validate()
        if result is not True:
            raise UserError(
                self.env._(
                    "Waybill %(names)s needs a storekeeper's attention: open it to "
                    "finish the validation.",
                    names=", ".join(self.mapped("name")),
                )
            )
        return True

    def action_view_transport_trip(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "transport.trip",
            "res_id": self.transport_trip_id.id,
            "view_mode": "form",
        }
