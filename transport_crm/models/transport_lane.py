from odoo import api, fields, models
from odoo.exceptions import ValidationError


class TransportLane(models.Model):
    _name = "transport.lane"
    _description = "Transport lane (distance table)"
    _order = "origin_zone_id, destination_zone_id"
    _rec_names_search = ["origin_zone_id", "destination_zone_id"]

    origin_zone_id = fields.Many2one(
        "transport.zone", required=True, ondelete="cascade"
    )
    destination_zone_id = fields.Many2one(
        "transport.zone", required=True, ondelete="cascade"
    )
    distance = fields.Float(string="Distance (km)", required=True)
    duration = fields.Float(string="Duration (h)", help="Usual driving time.")
    company_id = fields.Many2one("res.company", index=True)

    _lane_unique = models.UniqueIndex(
        "(origin_zone_id, destination_zone_id, COALESCE(company_id, 0))",
        "This lane already exists.",
    )
    _distance_positive = models.Constraint(
        "CHECK(distance >= 0 AND duration >= 0)",
        "Distance and duration cannot be negative.",
    )

    @api.constrains("distance", "duration")
    def _check_distance(self):
        if any(lane.distance < 0 or lane.duration < 0 for lane in self):
            raise ValidationError(
                self.env._("Distance and duration cannot be negative.")
            )

    @api.depends("origin_zone_id", "destination_zone_id")
    def _compute_display_name(self):
        for lane in self:
            lane.display_name = (
                f"{lane.origin_zone_id.display_name or ''} → "
                f"{lane.destination_zone_id.display_name or ''}"
            )

    @api.model
    def _get_lanes(self, zone_pairs):
        """Return {(origin, destination): lane} for the pairs, in one search.

        A lane is symmetric: A → B answers B → A when no reverse lane exists.
        """
        zones = self.env["transport.zone"].union(
            *[z for pair in zone_pairs for z in pair]
        )
        if not zones:
            return {}
        lanes = self.search(
            [
                ("origin_zone_id", "in", zones.ids),
                ("destination_zone_id", "in", zones.ids),
            ]
        )
        by_pair = {}
        for lane in lanes:
            by_pair.setdefault((lane.destination_zone_id, lane.origin_zone_id), lane)
        for lane in lanes:
            by_pair[(lane.origin_zone_id, lane.destination_zone_id)] = lane
        return by_pair
