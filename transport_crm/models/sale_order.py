from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .transport_tariff_rule import EXTRA_TYPES, FREIGHT_TYPES

ADR_CLASSES = [
    ("1", "1 Explosives"),
    ("2", "2 Gases"),
    ("3", "3 Flammable liquids"),
    ("4.1", "4.1 Flammable solids"),
    ("4.2", "4.2 Spontaneously combustible"),
    ("4.3", "4.3 Dangerous when wet"),
    ("5.1", "5.1 Oxidizers"),
    ("5.2", "5.2 Organic peroxides"),
    ("6.1", "6.1 Toxic"),
    ("6.2", "6.2 Infectious"),
    ("7", "7 Radioactive"),
    ("8", "8 Corrosive"),
    ("9", "9 Miscellaneous"),
]
VEHICLE_ROLES = [
    ("tractor", "Tractor"),
    ("truck", "Truck"),
    ("van", "Van"),
    ("trailer", "Trailer"),
    ("semi_trailer", "Semi-trailer"),
]
# Quantities of a transport order that cannot be negative.
NON_NEGATIVE_FIELDS = (
    "cargo_weight",
    "cargo_volume",
    "cargo_pallets",
    "distance",
    "transport_hours",
    "waiting_hours",
    "extra_stops",
    "required_payload",
    "required_volume",
)
# Changing one of these fields changes the price of a transport order.
PRICING_FIELDS = {
    "is_transport",
    "partner_id",
    "pricelist_id",
    "date_order",
    "pickup_date_from",
    "pickup_partner_id",
    "delivery_partner_id",
    "origin_zone_id",
    "destination_zone_id",
    "distance",
    "transport_hours",
    "cargo_weight",
    "cargo_volume",
    "cargo_pallets",
    "adr_class",
    "service_loading",
    "service_unloading",
    "waiting_hours",
    "extra_stops",
}


class SaleOrder(models.Model):
    _inherit = "sale.order"

    is_transport = fields.Boolean(
        string="Transport order",
        index=True,
        copy=True,
    )
    # ------------------------------------------------------------ cargo
    cargo_description = fields.Char()
    cargo_type_id = fields.Many2one(
        "transport.cargo.type", index="btree_not_null", tracking=True
    )
    cargo_weight = fields.Float(string="Weight (t)", digits=(16, 3))
    cargo_volume = fields.Float(string="Volume (m³)", digits=(16, 2))
    cargo_pallets = fields.Integer(string="Pallets")
    adr_class = fields.Selection(ADR_CLASSES, string="Dangerous goods (ADR) class")
    adr_un_number = fields.Char(string="UN number")
    # ------------------------------------------------------------ route
    pickup_partner_id = fields.Many2one("res.partner", string="Pick-up address")
    delivery_partner_id = fields.Many2one("res.partner", string="Delivery address")
    pickup_date_from = fields.Datetime(string="Pick-up from")
    pickup_date_to = fields.Datetime(string="Pick-up until")
    delivery_date_from = fields.Datetime(string="Delivery from")
    delivery_date_to = fields.Datetime(string="Delivery until")
    origin_zone_id = fields.Many2one(
        "transport.zone",
        string="From zone",
        compute="_compute_zones",
        store=True,
        readonly=False,
    )
    destination_zone_id = fields.Many2one(
        "transport.zone",
        string="To zone",
        compute="_compute_zones",
        store=True,
        readonly=False,
    )
    distance = fields.Float(
        string="Distance (km)",
        compute="_compute_distance",
        store=True,
        readonly=False,
        help="Taken from the lane table when the zones are known; editable.",
    )
    transport_hours = fields.Float(
        string="Hours",
        compute="_compute_distance",
        store=True,
        readonly=False,
        help="Hours charged by per-hour rules; from the lane table, editable.",
    )
    # ------------------------------------------------------------ extras
    service_loading = fields.Boolean(string="Loading by us")
    service_unloading = fields.Boolean(string="Unloading by us")
    waiting_hours = fields.Float()
    extra_stops = fields.Integer()
    # ------------------------------------------------------------ vehicle requirements
    required_role = fields.Selection(VEHICLE_ROLES, string="Vehicle type")
    required_payload = fields.Float(
        string="Payload needed (t)",
        compute="_compute_required_capacity",
        store=True,
        readonly=False,
    )
    required_volume = fields.Float(
        string="Volume needed (m³)",
        compute="_compute_required_capacity",
        store=True,
        readonly=False,
    )
    temperature_controlled = fields.Boolean()
    adr_required = fields.Boolean(
        string="ADR vehicle",
        compute="_compute_adr_required",
        store=True,
        readonly=False,
    )
    # ------------------------------------------------------------ pricing state
    transport_price_outdated = fields.Boolean(
        copy=False,
        help="The cargo, route or tariff changed after the price was agreed: "
        "reprice the order or keep the agreed price knowingly.",
    )
    transport_amount_freight = fields.Monetary(
        string="Freight", compute="_compute_transport_amounts"
    )
    transport_amount_extras = fields.Monetary(
        string="Extras", compute="_compute_transport_amounts"
    )

    # ------------------------------------------------------------ execution
    trip_ids = fields.Many2many(
        "transport.trip",
        "transport_trip_sale_order_rel",
        "order_id",
        "trip_id",
        string="Trips",
        copy=False,
        check_company=True,
    )
    trip_count = fields.Integer(compute="_compute_trip_count")
    transport_state = fields.Selection(
        [
            ("quotation", "Quotation"),
            ("to_plan", "To plan"),
            ("planned", "Planned"),
            ("in_transit", "In transit"),
            ("delivered", "Delivered"),
            ("cancelled", "Cancelled"),
        ],
        compute="_compute_transport_state",
        store=True,
        index=True,
    )
    date_pickup_actual = fields.Datetime(string="Picked up", copy=False)
    date_delivery_actual = fields.Datetime(string="Delivered", copy=False)
    signed_note_id = fields.Many2one(
        "ir.attachment", string="Signed consignment note", copy=False
    )
    # ------------------------------------------------------------ profit
    company_currency_id = fields.Many2one(
        related="company_id.currency_id", string="Company currency"
    )
    transport_revenue = fields.Monetary(
        string="Invoiced revenue",
        currency_field="company_currency_id",
        compute="_compute_transport_revenue",
        store=True,
        help="Untaxed amount of the posted invoices minus credit notes, "
        "in company currency.",
    )
    transport_cost = fields.Monetary(
        string="Trip costs",
        currency_field="company_currency_id",
        compute="_compute_transport_cost",
        store=True,
        help="This order's share of the actual costs of its trips.",
    )
    transport_profit = fields.Monetary(
        string="Profit",
        currency_field="company_currency_id",
        compute="_compute_transport_profit",
        store=True,
    )

    # ------------------------------------------------------------ computes

    @api.depends(
        "pickup_partner_id.zip",
        "pickup_partner_id.state_id",
        "pickup_partner_id.country_id",
        "delivery_partner_id.zip",
        "delivery_partner_id.state_id",
        "delivery_partner_id.country_id",
    )
    def _compute_zones(self):
        partners = self.pickup_partner_id | self.delivery_partner_id
        zones = self.env["transport.zone"]._match_partners(partners)
        for order in self:
            if order.pickup_partner_id:
                order.origin_zone_id = zones[order.pickup_partner_id]
            if order.delivery_partner_id:
                order.destination_zone_id = zones[order.delivery_partner_id]

    @api.depends("origin_zone_id", "destination_zone_id")
    def _compute_distance(self):
        pairs = [
            (o.origin_zone_id, o.destination_zone_id)
            for o in self
            if o.origin_zone_id and o.destination_zone_id
        ]
        lanes = self.env["transport.lane"]._get_lanes(pairs)
        for order in self:
            lane = lanes.get((order.origin_zone_id, order.destination_zone_id))
            if lane:
                order.distance = lane.distance
                order.transport_hours = lane.duration

    @api.depends("cargo_weight", "cargo_volume")
    def _compute_required_capacity(self):
        for order in self:
            order.required_payload = order.cargo_weight
            order.required_volume = order.cargo_volume

    @api.depends("adr_class")
    def _compute_adr_required(self):
        for order in self:
            order.adr_required = bool(order.adr_class)

    @api.depends("order_line.price_subtotal", "order_line.transport_charge_type")
    def _compute_transport_amounts(self):
        for order in self:
            freight = extras = 0.0
            for line in order.order_line:
                if line.transport_charge_type in EXTRA_TYPES:
                    extras += line.price_subtotal
                elif line.transport_charge_type:
                    freight += line.price_subtotal
            order.transport_amount_freight = freight
            order.transport_amount_extras = extras

    @api.depends("trip_ids")
    def _compute_trip_count(self):
        for order in self:
            order.trip_count = len(order.trip_ids)

    @api.depends("state", "is_transport", "trip_ids.state", "date_delivery_actual")
    def _compute_transport_state(self):
        for order in self:
            trip_states = set(order.trip_ids.mapped("state")) - {"cancelled"}
            if not order.is_transport:
                order.transport_state = False
            elif order.state == "cancel":
                order.transport_state = "cancelled"
            elif order.state != "sale":
                order.transport_state = "quotation"
            elif order.date_delivery_actual:
                order.transport_state = "delivered"
            elif trip_states & {"in_progress", "done"}:
                order.transport_state = "in_transit"
            elif trip_states:
                order.transport_state = "planned"
            else:
                order.transport_state = "to_plan"

    @api.depends(
        "order_line.invoice_lines.parent_state", "order_line.invoice_lines.balance"
    )
    def _compute_transport_revenue(self):
        for order in self:
            lines = order.order_line.invoice_lines.filtered(
                lambda aml: aml.parent_state == "posted"
            )
            # Income lines are credits: a negative balance is revenue.
            order.transport_revenue = -sum(lines.mapped("balance"))

    @api.depends(
        "trip_ids.cost_total",
        "trip_ids.transport_order_ids.distance",
        "trip_ids.transport_order_ids.transport_revenue",
        "trip_ids.transport_order_ids.amount_untaxed",
        "company_id.transport_cost_allocation",
    )
    def _compute_transport_cost(self):
        for order in self:
            cost = 0.0
            for trip in order.trip_ids:
                orders = trip.transport_order_ids
                if order not in orders or not trip.cost_total:
                    continue
                weights = orders._transport_allocation_weights()
                total = sum(weights.values())
                share = weights[order] / total if total else 1.0 / len(orders)
                cost += trip.cost_total * share
            order.transport_cost = order.company_currency_id.round(cost)

    @api.depends("transport_revenue", "transport_cost")
    def _compute_transport_profit(self):
        for order in self:
            order.transport_profit = order.transport_revenue - order.transport_cost

    def _transport_allocation_weights(self):
        """{order: weight} sharing the cost of one trip between ``self``.

        By distance: the orders' distances. By revenue: their invoiced revenue,
        or their untaxed amounts while none of them is invoiced.
        """
        if self[:1].company_id.transport_cost_allocation == "revenue":
            if any(self.mapped("transport_revenue")):
                return {order: order.transport_revenue for order in self}
            return {order: order.amount_untaxed for order in self}
        return {order: order.distance for order in self}

    def _compute_pricelist_id(self):
        # The tariff of a transport order is the client's own tariff, else the
        # company's default one.
        res = super()._compute_pricelist_id()
        for order in self:
            if order.state != "draft" or not order.is_transport or not order.partner_id:
                continue
            own = order.partner_id.commercial_partner_id.with_company(
                order.company_id
            ).specific_property_product_pricelist
            if own.is_transport_tariff:
                order.pricelist_id = own
            elif order.company_id.transport_tariff_id:
                order.pricelist_id = order.company_id.transport_tariff_id
        return res

    # ------------------------------------------------------------ constraints

    @api.constrains(*NON_NEGATIVE_FIELDS)
    def _check_transport_quantities(self):
        for order in self:
            negative = [name for name in NON_NEGATIVE_FIELDS if order[name] < 0]
            if negative:
                raise ValidationError(
                    self.env._(
                        "Order %(order)s: %(fields)s cannot be negative.",
                        order=order.name,
                        fields=", ".join(
                            order._fields[name]._description_string(self.env)
                            for name in negative
                        ),
                    )
                )

    @api.constrains(
        "pickup_date_from", "pickup_date_to", "delivery_date_from", "delivery_date_to"
    )
    def _check_transport_dates(self):
        for order in self:
            pickup_start = order.pickup_date_from or order.pickup_date_to
            delivery_end = order.delivery_date_to or order.delivery_date_from
            windows = (
                (order.pickup_date_from, order.pickup_date_to),
                (order.delivery_date_from, order.delivery_date_to),
                (pickup_start, delivery_end),
            )
            if any(start and end and end < start for start, end in windows):
                raise ValidationError(
                    self.env._(
                        "Order %(order)s: a time window cannot end before it "
                        "starts, and the delivery cannot end before the pick-up.",
                        order=order.name,
                    )
                )

    @api.constrains("adr_un_number")
    def _check_adr_un_number(self):
        for order in self.filtered("adr_un_number"):
            digits = order.adr_un_number.strip().upper().removeprefix("UN").strip()
            if not (len(digits) == 4 and digits.isdigit()):
                raise ValidationError(
                    self.env._(
                        "Order %(order)s: a UN number has four digits, such as "
                        "UN 1203.",
                        order=order.name,
                    )
                )

    # ------------------------------------------------------------ onchange / CRUD

    @api.onchange(*PRICING_FIELDS)
    def _onchange_transport_pricing(self):
        if self.is_transport and self.state in ("draft", "sent"):
            self.transport_price_outdated = True

    @api.model_create_multi
    def create(self, vals_list):
        orders = super().create(vals_list)
        orders.filtered("is_transport")._transport_reprice()
        return orders

    def write(self, vals):
        if not PRICING_FIELDS.intersection(vals) or self.env.context.get(
            "transport_repricing"
        ):
            return super().write(vals)
        # Orders confirmed before this write keep their agreed price; the
        # confirmation itself (which rewrites date_order) changes nothing.
        agreed = self.filtered(lambda o: o.is_transport and o.state == "sale")
        res = super().write(vals)
        quotations = self.filtered(
            lambda o: o.is_transport and o.state in ("draft", "sent")
        )
        quotations._transport_reprice()
        agreed.filtered(
            lambda o: o.state == "sale" and not o.transport_price_outdated
        ).transport_price_outdated = True
        return res

    # ------------------------------------------------------------ actions

    def action_transport_reprice(self):
        """Reprice from the tariff, also a confirmed order (nothing invoiced)."""
        self._transport_reprice()
        for order in self:
            order.message_post(
                body=self.env._(
                    "Transport price recomputed from tariff %(tariff)s: %(amount)s.",
                    tariff=order.pricelist_id.display_name,
                    amount=order.amount_untaxed,
                )
            )
        return True

    def action_transport_keep_price(self):
        self.transport_price_outdated = False
        return True

    def action_transport_plan(self):
        not_ready = self.filtered(lambda o: not o.is_transport or o.state != "sale")
        if not_ready:
            raise UserError(
                self.env._(
                    "Only confirmed transport orders can be planned: %(orders)s.",
                    orders=", ".join(not_ready.mapped("name")),
                )
            )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Plan onto a trip"),
            "res_model": "transport.order.plan.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_order_ids": self.ids},
        }

    def action_transport_confirm_delivery(self):
        self.ensure_one()
        if self.transport_state not in ("planned", "in_transit", "to_plan"):
            raise UserError(
                self.env._("Only confirmed orders not yet delivered can be delivered.")
            )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Confirm delivery"),
            "res_model": "transport.order.delivery.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_order_id": self.id},
        }

    def action_view_trips(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Trips"),
            "res_model": "transport.trip",
            "view_mode": "list,form",
            "domain": [("id", "in", self.trip_ids.ids)],
        }

    def action_print_consignment_note(self):
        return self.env.ref(
            "transport_crm.action_report_consignment_note"
        ).report_action(self)

    def _recompute_prices(self):
        # "Update prices" on a transport order reprices it from its tariff.
        res = super()._recompute_prices()
        self.filtered("is_transport")._transport_reprice()
        return res

    def _get_update_prices_lines(self):
        return (
            super()
            ._get_update_prices_lines()
            .filtered(lambda line: not line.transport_charge_type)
        )

    # ------------------------------------------------------------ pricing engine

    def _transport_pricing_date(self):
        self.ensure_one()
        return fields.Date.to_date(self.pickup_date_from or self.date_order) or (
            fields.Date.context_today(self)
        )

    def _transport_quantity(self, rule):
        """Quantity the rule charges on this order (before free units)."""
        self.ensure_one()
        return {
            "distance": self.distance,
            "weight": self.cargo_weight,
            "weight_distance": self.cargo_weight * self.distance,
            "pallet": self.cargo_pallets,
            "volume": self.cargo_volume,
            "hour": self.transport_hours,
            "loading": 1.0 if self.service_loading else 0.0,
            "unloading": 1.0 if self.service_unloading else 0.0,
            "waiting": self.waiting_hours,
            "extra_stop": self.extra_stops,
        }.get(rule.rule_type, 0.0)

    def _transport_valid_rules(self):
        """First valid rule per type ('lane' only if it matches the route)."""
        self.ensure_one()
        date = self._transport_pricing_date()
        rules = {}
        for rule in self.pricelist_id.transport_rule_ids:
            if rule.rule_type in rules or not rule._is_valid_on(date):
                continue
            if rule.rule_type == "lane" and (
                rule.origin_zone_id != self.origin_zone_id
                or rule.destination_zone_id != self.destination_zone_id
            ):
                continue
            rules[rule.rule_type] = rule
        return rules

    def _transport_get_charges(self):
        """Charges of this order from its tariff, as sale.order.line values.

        Freight: per km, tonne, tonne-km, pallet, m³, hour (a matching lane
        rate replaces them all); a minimum charge tops the freight up; the ADR
        surcharge is a percentage of the freight; extras come on top.
        """
        self.ensure_one()
        rules = self._transport_valid_rules()
        charges = []

        def add(rule, qty, price, name=None):
            charges.append(
                {
                    "transport_charge_type": rule.rule_type,
                    "transport_rule_id": rule.id,
                    "product_id": rule.product_id.id,
                    "name": name or rule.product_id.display_name,
                    "product_uom_qty": qty,
                    "price_unit": price,
                }
            )

        freight_types = ("lane",) if "lane" in rules else FREIGHT_TYPES
        for rule_type in freight_types + EXTRA_TYPES:
            rule = rules.get(rule_type)
            if not rule:
                continue
            if rule_type == "lane":
                add(
                    rule, 1.0, rule.rate, f"{rule.product_id.name}: {rule.display_name}"
                )
                continue
            qty = max(self._transport_quantity(rule) - rule.free_quantity, 0.0)
            if qty:
                add(rule, qty, rule.rate)
        freight = sum(
            c["product_uom_qty"] * c["price_unit"]
            for c in charges
            if c["transport_charge_type"] not in EXTRA_TYPES
        )
        minimum = rules.get("minimum")
        if minimum and freight < minimum.rate:
            add(minimum, 1.0, minimum.rate - freight)
            freight = minimum.rate
        adr = rules.get("adr")
        if adr and self.adr_class and freight:
            add(adr, 1.0, self.currency_id.round(freight * adr.rate / 100.0))
        return charges

    def _transport_reprice(self):
        """Rewrite the tariff lines of the orders: batched, one create in all."""
        to_create = []
        to_unlink = self.env["sale.order.line"]
        for order in self:
            existing = {
                line.transport_charge_type: line
                for line in order.order_line
                if line.transport_charge_type
            }
            for charge in order._transport_get_charges():
                line = existing.pop(charge["transport_charge_type"], None)
                if not line:
                    to_create.append(dict(charge, order_id=order.id))
                    continue
                changed = {
                    key: value
                    for key, value in charge.items()
                    if line._fields[key].convert_to_write(line[key], line) != value
                }
                if changed:
                    line.with_context(transport_repricing=True).write(changed)
            for line in existing.values():
                if order.state == "sale":
                    line.product_uom_qty = 0.0
                else:
                    to_unlink |= line
        to_unlink.unlink()
        if to_create:
            self.env["sale.order.line"].with_context(transport_repricing=True).create(
                to_create
            )
        self.filtered("transport_price_outdated").with_context(
            transport_repricing=True
        ).transport_price_outdated = False
        return True
