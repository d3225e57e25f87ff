from odoo import api, models

# Cargo type of each cargo the demo orders describe (transport_crm_demo.py).
DEMO_CARGO_TYPES = {
    "Chilled dairy": "transport_crm.cargo_type_chilled",
    "Frozen vegetables": "transport_crm.cargo_type_chilled",
    "Steel coils": "transport_crm.cargo_type_steel",
    "Paper reels": "transport_crm.cargo_type_palletised",
    "Furniture": "transport_crm.cargo_type_palletised",
    "Paint in drums": "transport_crm.cargo_type_dangerous",
    "Fertiliser": "transport_crm.cargo_type_dangerous",
    "Glass panels": "transport_crm.cargo_type_building",
}


class TransportCrmDemo(models.AbstractModel):
    # Kept apart from the order generator, as the marketing demo is.
    _inherit = "transport.crm.demo"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _generate_cargo_types(self):
        """Give the demo orders the type of the cargo they describe."""
        Order = self.env["sale.order"]
        for description, xmlid in DEMO_CARGO_TYPES.items():
            Order.search(
                [
                    ("cargo_description", "=", description),
                    ("cargo_type_id", "=", False),
                ]
            ).cargo_type_id = self.env.ref(xmlid)
        return True
