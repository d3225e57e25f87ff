from odoo import api, fields, models
from odoo.fields import Domain


class ProductTemplate(models.Model):
    _inherit = "product.template"

    transport_kind = fields.Selection(related="categ_id.transport_kind", store=True)
    part_number = fields.Char(
        index="btree_not_null",
        help="Manufacturer's part number of this item.",
    )
    brand = fields.Char(index="btree_not_null")
    oem_number = fields.Char(
        string="OEM Number",
        index="btree_not_null",
        help="Original equipment manufacturer's reference, as printed in the "
        "vehicle maker's catalogue.",
    )
    compatible_model_ids = fields.Many2many(
        "fleet.vehicle.model",
        string="Fits Vehicle Models",
        help="Vehicle models this part or consumable fits.",
    )

    vehicle_fuel_type = fields.Selection(
        selection=lambda self: self.env["fleet.vehicle"]._fields["fuel_type"].selection,
        string="Fuel for Vehicles on",
        help="For fuel items: the vehicles' fuel type this fuel is issued to by "
        "default.",
    )

    @api.model
    def _get_transport_search_domain(self, operator, value):
        """Domain matching the attributes that tell similar fleet items apart."""
        domains = [
            Domain("part_number", operator, value),
            Domain("oem_number", operator, value),
            Domain("brand", operator, value),
            Domain("compatible_model_ids.name", operator, value),
        ]
        if operator in Domain.NEGATIVE_OPERATORS:
            return Domain.AND(domains)
        return Domain.OR(domains)

    @api.model
    def _search_display_name(self, operator, value):
        domain = super()._search_display_name(operator, value)
        if not isinstance(value, str) or not value:
            return domain
        extra = self._get_transport_search_domain(operator, value)
        if operator in Domain.NEGATIVE_OPERATORS:
            return domain & extra
        return domain | extra
