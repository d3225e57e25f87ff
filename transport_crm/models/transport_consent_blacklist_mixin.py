from odoo import api, models


class TransportConsentBlacklistMixin(models.AbstractModel):
    """Keeps the marketing consent of the client file in step with a blocklist:
    blocking an address or number records the refusal, unblocking lifts it."""

    _name = "transport.consent.blacklist.mixin"
    _description = "Blocklist kept in step with marketing consent"

    _transport_consent_channel = None  # "email" or "sms"
    _transport_consent_field = None  # the blocklist field holding the address

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        records._transport_sync_consent()
        return records

    def write(self, vals):
        res = super().write(vals)
        if "active" in vals or self._transport_consent_field in vals:
            self._transport_sync_consent()
        return res

    def _transport_sync_consent(self):
        Partner = self.env["res.partner"]
        field = self._transport_consent_field
        channel = self._transport_consent_channel
        blocked = self.filtered("active")
        Partner._transport_sync_consent(
            channel, set(blocked.mapped(field)), refused=True
        )
        Partner._transport_sync_consent(
            channel, set((self - blocked).mapped(field)), refused=False
        )
