from odoo import fields, models


class MailingTrace(models.Model):
    _inherit = "mailing.trace"

    transport_occasion = fields.Selection(
        related="mass_mailing_id.transport_occasion", string="Occasion"
    )
    transport_segment_ids = fields.Many2many(
        related="mass_mailing_id.transport_segment_ids", string="Segments"
    )
    transport_attempt_count = fields.Integer(
        string="Failed attempts",
        readonly=True,
        help="Deliveries that failed and were tried again.",
    )
    transport_partner_id = fields.Many2one(
        "res.partner",
        string="Client",
        compute="_compute_transport_partner_id",
        search="_search_transport_partner_id",
    )

    def _compute_transport_partner_id(self):
        for trace in self:
            trace.transport_partner_id = (
                trace.res_id if trace.model == "res.partner" else False
            )

    def _search_transport_partner_id(self, operator, value):
        Partner = self.env["res.partner"]
        if operator in ("any", "not any"):
            partners = Partner.search(value)
            operator = "in" if operator == "any" else "not in"
        elif operator in ("in", "not in"):
            partners = Partner.browse(value).exists()
        else:
            return NotImplemented
        # A client's messages include those sent to its contacts.
        ids = (
            self.env["res.partner"]
            .with_context(active_test=False)
            .search([("commercial_partner_id", "in", partners.ids)])
            .ids
        )
        domain = [("model", "=", "res.partner"), ("res_id", "in", ids)]
        return domain if operator == "in" else ["!", *domain]
