from odoo import api, fields, models

TRANSPORT_KINDS = [
    ("fuel", "Fuel"),
    ("lubricant", "Lubricants"),
    ("tyre", "Tyres"),
    ("part", "Spare parts"),
    ("consumable", "Consumables"),
]


class ProductCategory(models.Model):
    _inherit = "product.category"

    transport_kind = fields.Selection(
        TRANSPORT_KINDS,
        compute="_compute_transport_kind",
        store=True,
        readonly=False,
        recursive=True,
        help="Fleet supply family of the items of this category. Items of a fleet "
        "supply category never go below zero on hand in internal locations, and "
        "their issues count in the consumption reports. Inherited from the parent "
        "category unless set.",
    )

    @api.depends("parent_id.transport_kind")
    def _compute_transport_kind(self):
        for category in self:
            if category.parent_id.transport_kind:
                category.transport_kind = category.parent_id.transport_kind
            elif not category.transport_kind:
                category.transport_kind = False
