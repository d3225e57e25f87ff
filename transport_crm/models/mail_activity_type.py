from odoo import fields, models

from .transport_interaction import INTERACTION_KINDS


class MailActivityType(models.Model):
    _inherit = "mail.activity.type"

    transport_interaction_kind = fields.Selection(
        INTERACTION_KINDS,
        string="Logs interaction",
        help="Marking such an activity done on a client or an order logs an "
        "interaction of this kind in the client's timeline, with the feedback "
        "as its result.",
    )
    transport_result_required = fields.Boolean(
        string="Result required",
        help="Such an activity can only be marked done with its result; while "
        "overdue it reminds its owner every day and, after the company's "
        "escalation delay, is escalated to the owner's manager.",
    )
