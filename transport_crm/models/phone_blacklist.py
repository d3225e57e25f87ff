from odoo import models


class PhoneBlacklist(models.Model):
    _name = "phone.blacklist"
    _inherit = ["phone.blacklist", "transport.consent.blacklist.mixin"]

    _transport_consent_channel = "sms"
    _transport_consent_field = "number"
