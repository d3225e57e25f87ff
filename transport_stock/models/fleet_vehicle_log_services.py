from odoo import api, fields, models


class FleetVehicleLogServices(models.Model):
    _inherit = "fleet.vehicle.log.services"

    waybill_ids = fields.One2many("stock.picking", "transport_service_id")
    # Fleet users see how many waybills and how much value a service got
    # without having access to the warehouse itself.
    waybill_count = fields.Integer(compute="_compute_waybill_count", compute_sudo=True)
    parts_cost = fields.Monetary(
        compute="_compute_parts_cost",
        compute_sudo=True,
        help="Value of the parts issued from the warehouse for this service; it is "
        "included in the cost.",
    )

    @api.depends("waybill_ids")
    def _compute_waybill_count(self):
        groups = self.env["stock.picking"]._read_group(
            [("transport_service_id", "in", self.ids)],
            ["transport_service_id"],
            ["__count"],
        )
        count_by_service = {service.id: count for service, count in groups}
        for service in self:
            service.waybill_count = count_by_service.get(service.id, 0)

    @api.depends("waybill_ids.move_ids.transport_cost")
    def _compute_parts_cost(self):
        for service in self:
            service.parts_cost = sum(
                service.waybill_ids._get_transport_issued_moves().mapped(
                    "transport_cost"
                )
            )

    def action_issue_parts(self):
        self.ensure_one()
        return self.env["transport.stock.issue"]._get_wizard_action(
            {"default_service_id": self.id, "default_issue_type": "parts"}
        )

    def action_view_waybills(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "stock.action_picking_tree_all"
        )
        action["domain"] = [("transport_service_id", "=", self.id)]
        action["context"] = {"default_transport_service_id": self.id}
        return action
