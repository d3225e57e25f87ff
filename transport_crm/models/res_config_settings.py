from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    transport_tariff_id = fields.Many2one(
        related="company_id.transport_tariff_id", readonly=False
    )
    transport_cost_allocation = fields.Selection(
        related="company_id.transport_cost_allocation", readonly=False
    )
    transport_churn_factor = fields.Float(
        related="company_id.transport_churn_factor", readonly=False
    )
    transport_dormant_days = fields.Integer(
        related="company_id.transport_dormant_days", readonly=False
    )
    transport_lost_days = fields.Integer(
        related="company_id.transport_lost_days", readonly=False
    )
    transport_attribution_days = fields.Integer(
        related="company_id.transport_attribution_days", readonly=False
    )
    transport_repeat_days = fields.Integer(
        related="company_id.transport_repeat_days", readonly=False
    )
    transport_mail_max_attempts = fields.Integer(
        related="company_id.transport_mail_max_attempts", readonly=False
    )
    transport_mail_retry_minutes = fields.Integer(
        related="company_id.transport_mail_retry_minutes", readonly=False
    )
    transport_escalation_days = fields.Integer(
        related="company_id.transport_escalation_days", readonly=False
    )
    transport_escalation_user_id = fields.Many2one(
        related="company_id.transport_escalation_user_id", readonly=False
    )
