from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    transport_tank_location_id = fields.Many2one(
        "stock.location",
        string="Vehicle Tanks Location",
        help="Parent location of the fuel tanks of this company's vehicles. "
        "Created the first time a tank is needed.",
    )
    transport_consumption_location_id = fields.Many2one(
        "stock.location",
        string="Consumption Location",
        help="Where fuel burnt on trips and parts fitted in repairs go. "
        "Created the first time something is consumed.",
    )

    def _get_transport_storekeepers(self):
        """Internal users of this company in the Storekeeper group, oldest first."""
        self.ensure_one()
        group = self.env.ref("transport_stock.group_transport_storekeeper")
        return group.all_user_ids.filtered(
            lambda user: self in user.company_ids and not user.share
        ).sorted("id")

    def _get_transport_tank_parent_location(self):
        """Return the view location holding the vehicle tanks, creating it once."""
        self.ensure_one()
        if not self.transport_tank_location_id:
            # sudo: the location is company configuration, created on first use by
            # whoever issues fuel, who may not manage the warehouse configuration.
            self.sudo().transport_tank_location_id = (
                self.env["stock.location"]
                .sudo()
                .create(
                    {
                        "name": self.env._("Vehicle tanks"),
                        "usage": "view",
                        "company_id": self.id,
                    }
                )
            )
        return self.transport_tank_location_id

    def _get_transport_consumption_location(self):
        """Return the virtual location of consumed supplies, creating it once."""
        self.ensure_one()
        if not self.transport_consumption_location_id:
            # sudo: same reason as for the tanks' parent location.
            self.sudo().transport_consumption_location_id = (
                self.env["stock.location"]
                .sudo()
                .create(
                    {
                        "name": self.env._("Consumption by vehicles"),
                        "usage": "production",
                        "company_id": self.id,
                    }
                )
            )
        return self.transport_consumption_location_id
