from odoo import api, models
from odoo.fields import Domain


class ProductProduct(models.Model):
    _inherit = "product.product"

    @api.model
    def _search_display_name(self, operator, value):
        domain = super()._search_display_name(operator, value)
        if not isinstance(value, str) or not value:
            return domain
        extra = self.env["product.template"]._get_transport_search_domain(
            operator, value
        )
        if operator in Domain.NEGATIVE_OPERATORS:
            return domain & extra
        return domain | extra

    @api.model
    def name_search(self, name="", domain=None, operator="ilike", limit=100):
        result = super().name_search(name, domain, operator, limit)
        if not name or operator in Domain.NEGATIVE_OPERATORS:
            return result
        if limit and len(result) >= limit:
            return result
        # Core looks at the name, internal reference and barcode only: also find
        # the item by its part number, OEM number, brand or fitting vehicle model.
        found_ids = [product_id for product_id, _name in result]
        extra_domain = (
            Domain(domain or Domain.TRUE)
            & Domain("id", "not in", found_ids)
            & self.env["product.template"]._get_transport_search_domain(operator, name)
        )
        products = self.search_fetch(
            extra_domain,
            ["display_name"],
            limit=limit and limit - len(result),
        )
        return result + [(product.id, product.display_name) for product in products]
