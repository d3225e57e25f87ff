from odoo import api, fields, models
from odoo.exceptions import ValidationError

# rule type -> (xml id of the service product, unit label)
RULE_PRODUCTS = {
    "distance": "product_transport_distance",
    "weight": "product_transport_weight",
    "weight_distance": "product_transport_weight_distance",
    "pallet": "product_transport_pallet",
    "volume": "product_transport_volume",
    "hour": "product_transport_hour",
    "lane": "product_transport_lane",
    "minimum": "product_transport_minimum",
    "adr": "product_transport_adr",
    "loading": "product_transport_loading",
    "unloading": "product_transport_unloading",
    "waiting": "product_transport_waiting",
    "extra_stop": "product_transport_extra_stop",
}
# Variable freight rules: a matching lane rate replaces them.
FREIGHT_TYPES = ("distance", "weight", "weight_distance", "pallet", "volume", "hour")
EXTRA_TYPES = ("loading", "unloading", "waiting", "extra_stop")


class TransportTariffRule(models.Model):
    _name = "transport.tariff.rule"
    _description = "Transport tariff rule"
    _order = "pricelist_id, sequence, id"

    pricelist_id = fields.Many2one(
        "product.pricelist",
        string="Tariff",
        required=True,
        index=True,
        ondelete="cascade",
    )
    sequence = fields.Integer(default=10)
    rule_type = fields.Selection(
        [
            ("distance", "Per km"),
            ("weight", "Per tonne"),
            ("weight_distance", "Per tonne-km"),
            ("pallet", "Per pallet"),
            ("volume", "Per m³"),
            ("hour", "Per hour"),
            ("lane", "Flat per lane"),
            ("minimum", "Minimum charge"),
            ("adr", "ADR surcharge (%)"),
            ("loading", "Loading"),
            ("unloading", "Unloading"),
            ("waiting", "Waiting per hour"),
            ("extra_stop", "Extra stop"),
        ],
        required=True,
        default="distance",
    )
    rate = fields.Float(
        required=True,
        digits="Product Price",
        help="Price per unit in the tariff's currency; for the ADR surcharge, "
        "a percentage of the freight; for the minimum charge, the minimum freight.",
    )
    free_quantity = fields.Float(
        help="Units not charged, e.g. free waiting hours before waiting is billed."
    )
    origin_zone_id = fields.Many2one("transport.zone", string="From zone")
    destination_zone_id = fields.Many2one("transport.zone", string="To zone")
    date_start = fields.Date(string="Valid from")
    date_end = fields.Date(string="Valid until")
    product_id = fields.Many2one(
        "product.product",
        string="Service",
        compute="_compute_product_id",
        store=True,
        precompute=True,
        readonly=False,
        required=True,
        domain=[("type", "=", "service")],
        help="Service product put on the order line for this charge.",
    )
    currency_id = fields.Many2one(related="pricelist_id.currency_id")
    company_id = fields.Many2one(related="pricelist_id.company_id", store=True)

    _rate_positive = models.Constraint(
        "CHECK(rate >= 0 AND free_quantity >= 0)",
        "Rates and free quantities cannot be negative.",
    )

    @api.depends("rule_type")
    def _compute_product_id(self):
        for rule in self:
            xmlid = RULE_PRODUCTS.get(rule.rule_type)
            product = self.env.ref(f"transport_crm.{xmlid}", raise_if_not_found=False)
            rule.product_id = product or rule.product_id

    @api.depends("rule_type", "rate", "origin_zone_id", "destination_zone_id")
    def _compute_display_name(self):
        labels = dict(self._fields["rule_type"]._description_selection(self.env))
        for rule in self:
            name = labels.get(rule.rule_type, "")
            if rule.rule_type == "lane":
                name = (
                    f"{name} {rule.origin_zone_id.display_name or ''}"
                    f" → {rule.destination_zone_id.display_name or ''}"
                )
            rule.display_name = name

    @api.constrains("rule_type", "rate", "free_quantity")
    def _check_rate(self):
        for rule in self:
            if rule.rate < 0 or rule.free_quantity < 0:
                raise ValidationError(
                    self.env._("Rates and free quantities cannot be negative.")
                )
            if rule.rule_type == "adr" and rule.rate > 100:
                raise ValidationError(
                    self.env._(
                        "The ADR surcharge is a percentage of the freight: at most "
                        "100 %%, not %(rate)s.",
                        rate=rule.rate,
                    )
                )

    @api.constrains("rule_type", "origin_zone_id", "destination_zone_id")
    def _check_lane_zones(self):
        for rule in self:
            if rule.rule_type == "lane" and not (
                rule.origin_zone_id and rule.destination_zone_id
            ):
                raise ValidationError(
                    self.env._("A lane rate needs both a from zone and a to zone.")
                )

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for rule in self:
            if rule.date_start and rule.date_end and rule.date_start > rule.date_end:
                raise ValidationError(
                    self.env._(
                        "The rule %(rule)s ends before it starts.",
                        rule=rule.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        rules = super().create(vals_list)
        rules.pricelist_id._transport_tariff_changed()
        return rules

    def write(self, vals):
        res = super().write(vals)
        self.pricelist_id._transport_tariff_changed()
        return res

    def unlink(self):
        pricelists = self.pricelist_id
        res = super().unlink()
        pricelists._transport_tariff_changed()
        return res

    def _is_valid_on(self, date):
        self.ensure_one()
        return (not self.date_start or self.date_start <= date) and (
            not self.date_end or date <= self.date_end
        )
