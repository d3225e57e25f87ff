from odoo import api, models


class MailBlacklist(models.Model):
    _inherit = "mail.blacklist"

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        records._transport_sync_consent()
        return records

    def write(self, vals):
        res = super().write(vals)
        if "active" in vals or "email" in vals:
            self._transport_sync_consent()
        return res

    def _transport_sync_consent(self):
        """Blocking an address records the refusal of email marketing in the
        client file; unblocking lifts it."""
        Partner = self.env["res.partner"]
        Partner._transport_sync_consent(
            "email", set(self.filtered("active").mapped("email")), refused=True
        )
        Partner._transport_sync_consent(
            "email",
            set(self.filtered(lambda r: not r.active).mapped("email")),
            refused=False,
        )
