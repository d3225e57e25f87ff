from odoo import api, fields, models
from odoo.exceptions import ValidationError

INTERACTION_KINDS = [
    ("call_in", "Incoming call"),
    ("call_out", "Outgoing call"),
    ("meeting", "Meeting"),
    ("email", "Email"),
    ("message", "Message"),
    ("visit", "Visit"),
    ("other", "Other"),
]


class TransportInteraction(models.Model):
    _name = "transport.interaction"
    _description = "Client interaction"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"
    _check_company_auto = True
    _rec_name = "topic"

    partner_id = fields.Many2one(
        "res.partner",
        string="Client",
        required=True,
        index=True,
        ondelete="cascade",
        domain=[("is_company", "=", True)],
    )
    contact_id = fields.Many2one(
        "res.partner",
        domain="[('parent_id', '=', partner_id)]",
    )
    date = fields.Datetime(required=True, default=fields.Datetime.now, index=True)
    kind = fields.Selection(INTERACTION_KINDS, required=True, default="call_out")
    topic = fields.Char(required=True)
    result = fields.Text()
    next_step = fields.Char()
    next_step_date = fields.Date()
    order_id = fields.Many2one(
        "sale.order",
        string="Order / offer",
        domain="[('partner_id', 'child_of', partner_id)]",
        check_company=True,
    )
    user_id = fields.Many2one(
        "res.users", string="Manager", default=lambda self: self.env.user, index=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )

    @api.constrains("partner_id", "contact_id")
    def _check_contact(self):
        for interaction in self.filtered("contact_id"):
            client = interaction.partner_id.commercial_partner_id
            if interaction.contact_id.commercial_partner_id != client:
                raise ValidationError(
                    self.env._(
                        "%(contact)s is not a contact of %(client)s.",
                        contact=interaction.contact_id.display_name,
                        client=client.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        interactions = super().create(vals_list)
        for interaction in interactions:
            if interaction.partner_id != interaction.partner_id.commercial_partner_id:
                interaction.write(
                    {
                        "contact_id": interaction.contact_id.id
                        or interaction.partner_id.id,
                        "partner_id": interaction.partner_id.commercial_partner_id.id,
                    }
                )
        interactions.filtered("next_step_date")._schedule_next_step()
        return interactions

    def _schedule_next_step(self):
        for interaction in self:
            interaction.partner_id.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=interaction.next_step_date,
                summary=interaction.next_step or interaction.topic,
                user_id=interaction.user_id.id or self.env.uid,
            )
