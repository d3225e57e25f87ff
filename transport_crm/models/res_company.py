from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    transport_tariff_id = fields.Many2one(
        "product.pricelist",
        string="Default transport tariff",
        domain=[("is_transport_tariff", "=", True)],
        help="Prices transport orders of clients without their own tariff.",
    )
    transport_cost_allocation = fields.Selection(
        [("distance", "By distance"), ("revenue", "By revenue share")],
        string="Trip cost allocation",
        default="distance",
        required=True,
        help="How the actual costs of a trip are shared between its orders.",
    )
    transport_churn_factor = fields.Float(
        string="Churn factor",
        default=1.5,
        help="A client is at risk when the days since its last order exceed its "
        "usual gap between orders multiplied by this factor.",
    )
