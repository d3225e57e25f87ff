from odoo import api, models


class PhoneBlacklist(models.Model):
    _inherit = "phone.blacklist"

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        records._transport_sync_consent()
        return records

    def write(self, vals):
        res = super().write(vals)
        if "active" in vals or "number" in vals:
            self._transport_sync_consent()
        return res

    def _transport_sync_consent(self):
        """Blocking a number records the refusal of SMS marketing in the
        client file; unblocking lifts it."""
        Partner = self.env["res.partner"]
        Partner._transport_sync_consent(
            "sms", set(self.filtered("active").mapped("number")), refused=True
        )
        Partner._transport_sync_consent(
            "sms",
            set(self.filtered(lambda r: not r.active).mapped("number")),
            refused=False,
        )
