from odoo import api, fields, models
from odoo.exceptions import ValidationError

# Ten years: the longest delay a marketing or planning setting needs.
MAX_SETTING_DAYS = 3650
SETTING_DAYS_FIELDS = (
    "transport_dormant_days",
    "transport_lost_days",
    "transport_attribution_days",
    "transport_repeat_days",
    "transport_escalation_days",
)


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
        # not NOT NULL: see marketing_email_consent on res.partner; empty
        # means by distance
        default="distance",
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
    transport_mail_max_attempts = fields.Integer(
        string="Delivery attempts",
        default=4,
        help="A mailing's email that the mail server refuses for the time being "
        "(or cannot be reached) is tried up to this many times, then marked failed.",
    )
    transport_mail_retry_minutes = fields.Integer(
        string="First retry after (minutes)",
        default=5,
        help="Delay before the second attempt; each later one waits three times "
        "longer (5, 15, 45 minutes...).",
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

    _transport_mail_retry_positive = models.Constraint(
        "CHECK(transport_mail_max_attempts >= 1 AND transport_mail_retry_minutes >= 1)",
        "A mailing email needs at least one delivery attempt, and retries at least "
        "one minute apart.",
    )

    @api.constrains("transport_churn_factor", *SETTING_DAYS_FIELDS)
    def _check_transport_settings(self):
        for company in self:
            if company.transport_churn_factor <= 0:
                raise ValidationError(self.env._("The churn factor must be positive."))
            out_of_range = [
                name
                for name in SETTING_DAYS_FIELDS
                if not 0 <= company[name] <= MAX_SETTING_DAYS
            ]
            if out_of_range:
                raise ValidationError(
                    self.env._(
                        "%(settings)s must be between 0 and %(max)s days.",
                        settings=", ".join(
                            company._fields[name]._description_string(self.env)
                            for name in out_of_range
                        ),
                        max=MAX_SETTING_DAYS,
                    )
                )
            if company.transport_lost_days < company.transport_dormant_days:
                raise ValidationError(
                    self.env._(
                        "A client cannot be lost (after %(lost)s days) before it "
                        "is dormant (after %(dormant)s days).",
                        lost=company.transport_lost_days,
                        dormant=company.transport_dormant_days,
                    )
                )
