from odoo import fields, models


class TransportManagerSummaryLine(models.TransientModel):
    _name = "transport.manager.summary.line"
    _description = "Manager performance summary line"
    _order = "profit desc, id"

    wizard_id = fields.Many2one(
        "transport.manager.summary.wizard", required=True, ondelete="cascade"
    )
    user_id = fields.Many2one("res.users", string="Manager", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    activity_planned = fields.Integer(string="Planned", readonly=True)
    activity_on_time = fields.Integer(string="Done on time", readonly=True)
    activity_late = fields.Integer(string="Done late", readonly=True)
    activity_overdue = fields.Integer(string="Overdue", readonly=True)
    activity_pending = fields.Integer(string="Open, not due", readonly=True)
    interaction_count = fields.Integer(string="Interactions", readonly=True)
    offer_count = fields.Integer(string="Offers sent", readonly=True)
    offer_won_count = fields.Integer(string="Offers won", readonly=True)
    order_count = fields.Integer(string="Orders won", readonly=True)
    amount_won = fields.Monetary(string="Ordered (untaxed)", readonly=True)
    revenue = fields.Monetary(string="Invoiced revenue", readonly=True)
    profit = fields.Monetary(readonly=True)
    conversion = fields.Float(string="Conversion (%)", digits=(16, 1), readonly=True)
