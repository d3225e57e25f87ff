from odoo import api, fields, models
from odoo.exceptions import ValidationError

# Ten years: longer lead times overflow the date arithmetic of the alerts.
MAX_ALERT_DAYS = 3650


class TransportDocumentType(models.Model):
    _name = "transport.document.type"
    _description = "Vehicle or Driver Document Type"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", index=True)
    holder_type = fields.Selection(
        [("vehicle", "Vehicle"), ("driver", "Driver")],
        string="Held by",
        required=True,
        default="vehicle",
    )
    kind = fields.Selection(
        [
            ("other", "Other"),
            ("licence", "Driving licence"),
            ("medical", "Medical certificate"),
        ],
        required=True,
        default="other",
        help="Driving licences carry categories; a valid licence and medical "
        "certificate are always required to drive.",
    )
    mandatory_for_tractor = fields.Boolean(string="Tractors")
    mandatory_for_truck = fields.Boolean(string="Rigid trucks")
    mandatory_for_van = fields.Boolean(string="Vans")
    mandatory_for_trailer = fields.Boolean(string="Trailers")
    mandatory_for_semi_trailer = fields.Boolean(string="Semi-trailers")
    mandatory_for_driver = fields.Boolean(string="Drivers")
    alert_days = fields.Integer(
        string="Alert Lead Time (days)",
        default=30,
        help="The responsible person gets an activity this many days before expiry.",
    )
    responsible_id = fields.Many2one(
        "res.users",
        help="Receives the expiry activities; the fleet manager of the vehicle "
        "when empty.",
    )

    _alert_days_positive = models.Constraint(
        "CHECK(alert_days >= 0)", "The alert lead time cannot be negative."
    )

    @api.constrains("alert_days")
    def _check_alert_days(self):
        if any(not 0 <= doc_type.alert_days <= MAX_ALERT_DAYS for doc_type in self):
            raise ValidationError(
                self.env._(
                    "The alert lead time must be between 0 and %(max)s days.",
                    max=MAX_ALERT_DAYS,
                )
            )

    def _get_mandatory_domain(self, holder):
        """Domain of the types mandatory for one vehicle or driver."""
        if holder._name == "fleet.vehicle":
            if not holder.transport_role:
                return [("id", "=", False)]
            return [
                ("holder_type", "=", "vehicle"),
                (f"mandatory_for_{holder.transport_role}", "=", True),
            ]
        return [("holder_type", "=", "driver"), ("mandatory_for_driver", "=", True)]
