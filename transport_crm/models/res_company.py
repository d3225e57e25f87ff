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
    # Marketing (segments and mailings).
    transport_dormant_days = fields.Integer(
        string="Dormant after (days)",
        default=90,
        help="A client without an order for longer is dormant.",
    )
    transport_lost_days = fields.Integer(
        string="Lost after (days)",
        default=365,
        help="A client without an order for longer is lost.",
    )
    transport_attribution_days = fields.Integer(
        string="Attribution window (days)",
        default=14,
        help="Responses and orders of a recipient within this many days after "
        "a mailing are credited to it.",
    )
    transport_repeat_days = fields.Integer(
        string="Repeat guard (days)",
        default=30,
        help="The same template is not sent twice to a client within this many "
        "days unless the mailing is forced; a mailing also shows what its "
        "recipients received during this period.",
    )
    # Managers' daily plan.
    transport_escalation_days = fields.Integer(
        string="Escalate after (days)",
        default=3,
        help="An activity waiting for its result that is overdue for this many "
        "days is escalated to its owner's manager.",
    )
    transport_escalation_user_id = fields.Many2one(
        "res.users",
        string="Escalation manager",
        help="Receives the escalations of owners without a sales team leader.",
    )
